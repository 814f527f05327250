// Loads a stylesheet a lazy part needs, once; resolves when it applies (or failed: the part then
// shows unstyled rather than not at all).
const loading = new Map<string, Promise<void>>();

export function loadStylesheet(href: string): Promise<void> {
  let done = loading.get(href);
  if (!done) {
    done = new Promise<void>((resolve) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.onload = () => resolve();
      link.onerror = () => {
        loading.delete(href);
        link.remove();
        resolve();
      };
      document.head.append(link);
    });
    loading.set(href, done);
  }
  return done;
}
