import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isProblem, parseLogLine, type LogEntry } from '../../../../server/log/log-line.ts';
import type { ManagerApi } from '../lib/api.ts';
import { formatLogTime } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';

export const LOG_REFRESH_MS = 5000;

export function LogCard({ api }: { api: ManagerApi }) {
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  useEffect(() => {
    let alive = true;
    const load = async () => {
      try {
        const { lines } = await api.log(200);
        if (!alive) return;
        setEntries(lines.map(parseLogLine));
        setError(null);
      } catch (err) {
        if (alive) setError((err as Error).message);
      }
    };
    void load();
    const timer = setInterval(() => void load(), LOG_REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [api]);

  // Follow new lines like a terminal, unless the person scrolled up to read something.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [entries, onlyProblems]);

  const shown = (entries ?? []).filter((e) => !onlyProblems || isProblem(e.level));
  return (
    <section class="card log-card" aria-labelledby="log-title" data-testid="log-card">
      <div class="card-head">
        <h2 id="log-title" class="card-title">
          {t.logTitle} <span class="section-note">· {t.logAuto}</span>
        </h2>
        <label class="check">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems((e.currentTarget as HTMLInputElement).checked)} data-testid="log-problems" />
          {t.logOnlyProblems}
        </label>
      </div>
      {error && <p class="notice error">{error}</p>}
      <div
        class="log"
        ref={box}
        tabIndex={0}
        data-testid="log"
        onScroll={(e) => {
          const el = e.currentTarget as HTMLDivElement;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {entries === null ? (
          <p class="log-empty">{t.loading}</p>
        ) : shown.length === 0 ? (
          <p class="log-empty">{t.logEmpty}</p>
        ) : (
          shown.map((e, i) => (
            <div key={i} class={`log-line lv-${e.level}`} data-testid="log-line" data-level={e.level}>
              <span class="log-time">{e.time ? formatLogTime(e.time) : ''}</span>
              <span class="log-level">{e.level.toUpperCase()}</span>
              <span class="log-msg">
                {e.msg}
                {e.details && <span class="log-details"> {e.details}</span>}
              </span>
            </div>
          ))
        )}
      </div>
    </section>
  );
}
