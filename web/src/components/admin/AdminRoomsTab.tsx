import { useEffect, useState } from 'preact/hooks';
import type { AdminRoom } from '../../../../server/protocol/admin-http.ts';
import type { ExportEntry } from '../../../../server/protocol/admin-users.ts';
import { api } from '../../lib/api.ts';
import { formatSize } from '../../lib/files.ts';
import { formatListTime } from '../../lib/format.ts';
import { tlog } from '../../lib/i18n-admin-log.ts';
import { urlOf } from '../../lib/route-url.ts';
import { showToast } from '../../state/toast.ts';
import { Dialog } from '../common/Dialog.tsx';
import { DialogFooter } from '../common/DialogFooter.tsx';
import { SearchBox } from '../common/SearchBox.tsx';
import { DownloadIcon, TrashIcon } from '../common/icons.tsx';
import { Pager } from './Pager.tsx';
import { roomTitle } from './audit-view.ts';

const PAGE = 50;

/** The admin area's rooms tab: every room, deleting one after exporting its log, and the exports. */
export function AdminRoomsTab() {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rooms: AdminRoom[]; total: number } | null>(null);
  const [exports, setExports] = useState<ExportEntry[]>([]);
  const [confirming, setConfirming] = useState<AdminRoom | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    api
      .adminRooms({ q: q.trim() || undefined, limit: PAGE, offset })
      .then(setPage)
      .catch((e: unknown) => showToast((e as Error).message, 'error'));
  const loadExports = () => api.roomExports().then((r) => setExports(r.exports)).catch(() => {});
  useEffect(() => void load(), [q, offset]);
  useEffect(() => void loadExports(), []);

  const remove = async (room: AdminRoom) => {
    setBusy(true);
    try {
      await api.deleteRoom(room.id);
      showToast(tlog.roomDeleted(roomTitle(room)));
      setConfirming(null);
      await Promise.all([load(), loadExports()]);
    } catch (e) {
      showToast((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div class="card admin-wide" data-testid="admin-rooms">
        <div class="card-title admin-card-title">
          <span>
            {tlog.roomsTitle} <span class="badge soft">{page?.total ?? 0}</span>
          </span>
          <SearchBox placeholder={tlog.roomsSearch} value={q} onInput={(v) => (setQ(v), setOffset(0))} testid="admin-rooms-search" />
        </div>
        {page && page.rooms.length === 0 ? (
          <div class="list-empty">{q ? tlog.roomsNoMatch : tlog.roomsNone}</div>
        ) : (
          <table class="admin-table rooms-table">
            <thead>
              <tr>
                <th>{tlog.colRoom}</th>
                <th class="num">{tlog.colMembers}</th>
                <th class="num">{tlog.colMessages}</th>
                <th>{tlog.colLastActivity}</th>
                <th aria-label={tlog.deleteRoom} />
              </tr>
            </thead>
            <tbody>
              {page?.rooms.map((r) => (
                <tr key={r.id} data-testid="admin-room" data-room-id={r.id}>
                  <td class="cell-main">
                    <span class={`kind-chip ${r.kind}`}>{r.kind === 'dm' ? tlog.dm : tlog.group}</span>
                    <strong class="room-title">{roomTitle(r)}</strong>
                  </td>
                  <td class="num" data-label={tlog.colMembers}>{tlog.people(r.memberCount)}</td>
                  <td class="num" data-label={tlog.colMessages}>{tlog.count(r.messageCount)}</td>
                  <td class="muted" data-label={tlog.colLastActivity}>{formatListTime(r.lastActivityAt)}</td>
                  <td class="cell-action">
                    <button type="button" class="btn small danger-outline" onClick={() => setConfirming(r)} data-testid="admin-room-delete">
                      <TrashIcon size={15} /> {tlog.deleteRoom}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page && <Pager offset={offset} limit={PAGE} shown={page.rooms.length} total={page.total} onOffset={setOffset} testid="admin-rooms-pager" />}
      </div>

      <div class="card admin-wide admin-second" data-testid="room-exports">
        <div class="card-title">
          {tlog.exportsTitle} <span class="badge soft">{exports.length}</span>
          <span class="muted small card-hint">{tlog.exportsHint}</span>
        </div>
        {exports.length === 0 ? (
          <div class="list-empty">{tlog.exportsNone}</div>
        ) : (
          <ul class="export-list">
            {exports.map((x) => (
              <li key={x.name} class="export-row" data-testid="room-export" data-export={x.name}>
                <div class="export-info">
                  <strong>{x.subjectName}</strong>
                  <span class="muted small">
                    {tlog.exportedAt} {formatListTime(x.createdAt)} · {formatSize(x.size)}
                  </span>
                </div>
                <a class="btn small" href={urlOf('roomExportFile', { file: `${x.name}.html` })} download data-testid="export-html">
                  <DownloadIcon size={15} /> HTML
                </a>
                <a class="btn small" href={urlOf('roomExportFile', { file: `${x.name}.json` })} download data-testid="export-json">
                  <DownloadIcon size={15} /> JSON
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>

      {confirming && (
        <Dialog
          title={tlog.deleteRoomTitle}
          onClose={() => !busy && setConfirming(null)}
          testid="delete-room-dialog"
          footer={
            <DialogFooter
              onCancel={() => setConfirming(null)}
              onSubmit={() => void remove(confirming)}
              label={tlog.deleteRoomSubmit}
              busyLabel={tlog.deleting}
              busy={busy}
              danger
              testid="delete-room-confirm"
            />
          }
        >
          <p class="dialog-text">
            <strong>{tlog.deleteRoomConfirm(roomTitle(confirming))}</strong>
          </p>
          <p class="dialog-text">{tlog.deleteRoomExportFirst}</p>
          <p class="dialog-text muted">{tlog.deleteRoomFinal}</p>
          <p class="dialog-text muted small">
            {tlog.colMembers} {tlog.people(confirming.memberCount)} · {tlog.colMessages} {tlog.count(confirming.messageCount)}
          </p>
        </Dialog>
      )}
    </>
  );
}
