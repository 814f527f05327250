import { useLayoutEffect, type MutableRef } from 'preact/hooks';
import { clearFocus } from '../../state/jump.ts';
import { useStore, type Timeline } from '../../state/store.ts';

/** How long an opened message stays highlighted. */
export const FOCUS_FLASH_MS = 2400;

/**
 * Brings the focused message (state.focus, set by state/jump.ts) into the middle of the list once
 * it is rendered and highlights it for a moment. `onMoved` runs after the list was scrolled.
 */
export function useMessageFocus(roomId: number, tl: Timeline | undefined, scroller: MutableRef<HTMLDivElement | null>, onMoved: () => void): void {
  const focus = useStore((s) => (s.focus?.roomId === roomId ? s.focus : null));
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!focus || !el || !tl) return;
    const target = el.querySelector<HTMLElement>(`[data-testid="message"][data-seq="${focus.seq}"]`);
    if (!target) {
      // Not in what is held (a bad seq): nothing to show; otherwise it renders on a later pass.
      if (!tl.messages.some((m) => m.seq === focus.seq)) clearFocus();
      return;
    }
    const offset = target.getBoundingClientRect().top - el.getBoundingClientRect().top;
    el.scrollTop += offset - Math.max(0, (el.clientHeight - target.offsetHeight) / 2);
    target.classList.add('focused');
    setTimeout(() => target.classList.remove('focused'), FOCUS_FLASH_MS);
    clearFocus();
    onMoved();
  });
}
