import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { tl } from '../../lib/i18n-lazy.ts';

/**
 * A component whose code is a separate file (esbuild splits at the dynamic import()), fetched the
 * first time it is shown: the first screen does not carry the admin area, the search screen, the
 * emoji picker and the like. Until the file is there it shows a small loading state (or `fallback`
 * where the part is a floating layer); if the file cannot be fetched (a server updated since the
 * page loaded no longer has the old hashed file) it says so, with a reload button.
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: 'block' | 'none' = 'block',
): FunctionComponent<P> & { preload(): Promise<ComponentType<P>> } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    pending ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        pending = null; // a later showing tries again
        throw err;
      },
    );
    return pending;
  };
  function Lazy(props: P) {
    const [, setReady] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      preload().then(
        () => live && setReady((n) => n + 1),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, []);
    if (loaded) {
      const Part = loaded;
      return <Part {...props} />;
    }
    if (failed)
      return (
        <div class="lazy-part failed" role="alert" data-testid="lazy-failed">
          <p>{tl.partFailed}</p>
          <button type="button" class="btn" onClick={() => location.reload()}>
            {tl.reload}
          </button>
        </div>
      );
    if (fallback === 'none') return null;
    return (
      <div class="lazy-part" role="status" aria-busy="true" data-testid="lazy-loading">
        {tl.partLoading}
      </div>
    );
  }
  return Object.assign(Lazy, { preload });
}
