import { setState } from './store.ts';

let timer: ReturnType<typeof setTimeout> | null = null;

export function showToast(text: string, kind: 'info' | 'error' = 'info'): void {
  if (timer) clearTimeout(timer);
  setState({ toast: { text, kind } });
  timer = setTimeout(() => {
    timer = null;
    setState({ toast: null });
  }, 4000);
}
