import type { Ref } from 'preact';
import { useImperativeHandle, useRef, useState } from 'preact/hooks';
import { moveInGrid, type EmojiCell } from './emoji-cells.ts';

/** Matches the stylesheet's grid-template-columns (emoji.css). */
export const EMOJI_COLUMNS = 8;

interface Props {
  cells: readonly EmojiCell[];
  onPick: (emoji: string) => void;
  /** ↑ from the first row: back to the search field. */
  onLeave: () => void;
  handle: Ref<{ focusFirst: () => void }>;
}

/**
 * The emoji of a tab or a search, as buttons in rows of eight. One button is in the Tab order
 * (roving tabindex); the arrow keys, Home and End move between them, Enter or a click picks.
 * Below, the focused or hovered emoji with its name.
 */
export function EmojiGrid({ cells, onPick, onLeave, handle }: Props) {
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState<EmojiCell | null>(null);
  const box = useRef<HTMLDivElement>(null);

  const focusCell = (i: number) => {
    setActive(i);
    box.current?.querySelector<HTMLElement>(`[data-i="${i}"]`)?.focus();
  };
  useImperativeHandle(handle, () => ({ focusFirst: () => focusCell(Math.min(active, cells.length - 1)) }), [active, cells]);

  const onKeyDown = (e: KeyboardEvent) => {
    const next = moveInGrid(active, e.key, cells.length, EMOJI_COLUMNS);
    if (next === null) return;
    e.preventDefault();
    if (next === 'out') onLeave();
    else focusCell(next);
  };

  const preview = shown ?? cells[active] ?? null;
  return (
    <>
      <div class="emoji-grid" ref={box} onKeyDown={onKeyDown} data-testid="emoji-grid">
        {cells.map((c, i) => (
          <button
            key={c.emoji}
            type="button"
            class="emoji-cell"
            data-i={i}
            tabIndex={i === active ? 0 : -1}
            aria-label={c.label}
            title={c.label}
            onClick={() => onPick(c.emoji)}
            onFocus={() => setActive(i)}
            onMouseEnter={() => setShown(c)}
            onMouseLeave={() => setShown(null)}
            data-testid="emoji-cell"
          >
            {c.emoji}
          </button>
        ))}
      </div>
      <div class="emoji-preview" aria-hidden="true">
        {preview && (
          <>
            <span class="emoji-preview-glyph">{preview.emoji}</span>
            <span class="emoji-preview-name">{preview.label}</span>
          </>
        )}
      </div>
    </>
  );
}
