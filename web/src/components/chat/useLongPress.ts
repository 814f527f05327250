import { useEffect, useRef } from 'preact/hooks';

/** Holding a finger this long on a bubble opens its menu (the phone's right click). */
export const LONG_PRESS_MS = 450;

/**
 * The long-press gesture: fires when a touch stays put; a scroll (finger moves) or a short tap
 * cancels it. Returns the handlers to spread on the element (a bubble, a reaction).
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const clear = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => clear, []);
  return {
    onTouchStart: (e: TouchEvent) => {
      const touch = e.touches[0];
      if (!touch || e.touches.length > 1) return clear();
      start.current = { x: touch.clientX, y: touch.clientY };
      clear();
      timer.current = setTimeout(() => {
        timer.current = null;
        onLongPress();
      }, LONG_PRESS_MS);
    },
    onTouchMove: (e: TouchEvent) => {
      const touch = e.touches[0];
      if (touch && start.current && Math.hypot(touch.clientX - start.current.x, touch.clientY - start.current.y) > 8) clear();
    },
    onTouchEnd: clear,
    onTouchCancel: clear,
  };
}
