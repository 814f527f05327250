import { useEffect, useState } from 'preact/hooks';
import type { BackupsReply, RestoreResult } from '../../../../server/protocol/backups.ts';
import type { ManagerApi } from '../lib/api.ts';
import { formatClock, formatDate } from '../lib/format.ts';
import { tb } from '../lib/i18n-backup.ts';
import { BackupRow } from './BackupRow.tsx';

/** While the server restarts into a backup, the list is asked for again this often. */
const RESTART_POLL_MS = 500;

type Note = { kind: 'ok' | 'error' | 'busy'; text: string } | null;

function restoreNote(r: RestoreResult): Note {
  return r.ok ? { kind: 'ok', text: tb.restoredOk(r.name, r.keptAs ?? '') } : { kind: 'error', text: tb.restoredFailed(r.name, r.error ?? '') };
}

/** The backups card: Back up now, the list with Restore…, the result of the last restore. */
export function BackupCard({ api }: { api: ManagerApi }) {
  const [data, setData] = useState<BackupsReply | null>(null);
  const [working, setWorking] = useState(false);
  const [note, setNote] = useState<Note>(null);
  // Bumped after a restore so each row starts again with its confirmation closed.
  const [generation, setGeneration] = useState(0);

  const load = async () => setData(await api.backups());
  useEffect(() => {
    void load().catch((err: Error) => setNote({ kind: 'error', text: err.message }));
  }, [api]);

  const backUpNow = async () => {
    setWorking(true);
    setNote({ kind: 'busy', text: tb.backingUp });
    try {
      const made = await api.backupNow();
      setNote({ kind: 'ok', text: tb.backupMade(made.name) });
      await load();
    } catch (err) {
      setNote({ kind: 'error', text: (err as Error).message });
    } finally {
      setWorking(false);
    }
  };

  // The reply comes before the restart; the result is read from the server that comes back.
  const restore = async (name: string) => {
    setWorking(true);
    setNote({ kind: 'busy', text: tb.restoring });
    const askedAt = Date.now();
    try {
      await api.restore(name);
      for (;;) {
        await new Promise((r) => setTimeout(r, RESTART_POLL_MS));
        const next = await api.backups().catch(() => null);
        if (next?.lastRestore && next.lastRestore.at >= askedAt - 60_000 && next.lastRestore.name === name && !next.running) {
          setData(next);
          setGeneration((g) => g + 1);
          setNote(restoreNote(next.lastRestore));
          break;
        }
      }
    } catch (err) {
      setNote({ kind: 'error', text: (err as Error).message });
    } finally {
      setWorking(false);
    }
  };

  const stale = data?.warnings.includes('no_recent_backup');
  const diskLow = data?.warnings.includes('disk_low');
  return (
    <section class="card backup-card" aria-labelledby="backup-title" data-testid="backup-card">
      <div class="card-head">
        <h2 id="backup-title" class="card-title">
          {tb.backupTitle}
        </h2>
        <button type="button" class="btn btn-primary" disabled={working || !data} onClick={() => void backUpNow()} data-testid="backup-now">
          {tb.backupNow}
        </button>
      </div>
      {stale && (
        <p class="warning" role="alert" data-testid="backup-stale">
          <strong>{tb.staleTitle}</strong> {tb.staleLead}
        </p>
      )}
      {diskLow && <p class="warning">{tb.diskLowBackup}</p>}
      {note && (
        <p class={`notice ${note.kind === 'busy' ? '' : note.kind}`} role="status" data-testid="backup-note">
          {note.text}
        </p>
      )}
      {data && (
        <>
          <p class="field-note backup-where">
            {tb.backupFolder}: <code>{data.folder}</code> · {data.nextAt ? tb.backupNext(`${formatDate(data.nextAt)} ${formatClock(data.nextAt)}`) : tb.backupDailyOff}
          </p>
          <p class="field-note">{tb.backupKeep}</p>
          {data.backups.length === 0 ? (
            <p class="backup-empty">{tb.backupNone}</p>
          ) : (
            <ul class="backup-list">
              {data.backups.map((b) => (
                <BackupRow key={`${generation}:${b.name}`} backup={b} disabled={working} onRestore={(name) => void restore(name)} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
