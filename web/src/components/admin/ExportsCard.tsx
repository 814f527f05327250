import { useEffect, useState } from 'preact/hooks';
import type { ExportEntry } from '../../../../server/protocol/index.ts';
import { adminApi } from '../../lib/admin-api.ts';
import { formatSize } from '../../lib/files.ts';
import { formatListTime } from '../../lib/format.ts';
import { ta } from '../../lib/i18n-admin.ts';

/** The exports made when users were deleted, newest first, each downloadable as HTML or JSON. */
export function ExportsCard({ version }: { version: number }) {
  const [exports, setExports] = useState<ExportEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    adminApi
      .exports()
      .then((r) => setExports(r.exports))
      .catch((e: unknown) => setError((e as Error).message));
  }, [version]);

  return (
    <div class="card exports-card" data-testid="user-exports">
      <div class="card-title">
        {ta.exportsTitle} {exports && <span class="badge soft">{exports.length}</span>}
      </div>
      <p class="muted small exports-hint">{ta.exportsHint}</p>
      {error && <p class="form-error">{error}</p>}
      {exports?.length === 0 && <div class="list-empty">{ta.exportsNone}</div>}
      {exports && exports.length > 0 && (
        <ul class="exports-list">
          {exports.map((x) => (
            <li key={x.name} class="export-row" data-testid="export-row" data-name={x.name}>
              <div class="export-info">
                <strong>{x.subjectName}</strong>
                <span class="muted small">
                  {formatListTime(x.createdAt)} · {formatSize(x.size)}
                </span>
              </div>
              <a class="btn small" href={adminApi.exportUrl(`${x.name}.html`)} download={`${x.name}.html`} data-testid="download-html">
                HTML
              </a>
              <a class="btn small" href={adminApi.exportUrl(`${x.name}.json`)} download={`${x.name}.json`} data-testid="download-json">
                JSON
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
