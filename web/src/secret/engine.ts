import type { ClientFrame, KeyEnvelope, Message, ServerFrame } from '../../../server/protocol/index.ts';
import * as c from './crypto/index.ts';
import { api, ApiError } from '../lib/api.ts';
import { getState, setState, subscribe, withKey, type PendingMessage, type Upload } from '../state/store.ts';
import { pendingSends } from '../state/pending-sends.ts';
import { upsertRoom } from '../state/rooms.ts';
import { send } from '../state/socket-link.ts';
import { showToast } from '../state/toast.ts';
import { errorText, learnErrorTexts } from '../lib/error-text.ts';
import { SECRET_ERRORS } from '../../../server/protocol/errors-secret.ts';
import { KEYS } from './keystore.ts';
import { myDevice, setUi, store, ui } from './device.ts';
import { forgetRoomDevices, onDevicesFrame, roomDevices } from './member-devices.ts';
import { fetchKeys, sendChain, storeRoomKey, type StoredSendChain } from './chains.ts';
import { acceptKeys, pinnedSignKey } from './pins.ts';
import { parseContent, patchMessage, type SealedContent } from './content.ts';
import { secretText } from './i18n-secret.ts';
import { makePreview } from './preview.ts';

export { myDevice } from './device.ts';
export { deviceSince, roomDevices, safetyNumberWith } from './member-devices.ts';

// The secret-room client: this browser's device (registered on first use), the room's member
// devices and their pins, this device's sending chain per (room, epoch) and its hand-out to every
// other member device, the chains others handed to us, and the decryption of what the timelines
// hold. Everything here is loaded lazily (web/src/secret-gate.ts) and never on the first screen.

interface StoredPlain {
  cipher: string;
  content: SealedContent;
}

/** Decrypted this session, by message id. */
const plains = new Map<number, StoredPlain>();
/** One job after another per room (chains must be stored before the next step). */
const queues = new Map<number, Promise<unknown>>();

function queue<T>(roomId: number, job: () => Promise<T>): Promise<T> {
  const next = (queues.get(roomId) ?? Promise.resolve()).then(job, job);
  queues.set(roomId, next.catch(() => {}));
  return next;
}

// ---- member devices and pins ----

/** The person looked at the change (ideally compared safety numbers): their keys now are trusted. */
export async function acknowledgeKeys(roomId: number, userId: number): Promise<void> {
  const devices = await roomDevices(roomId, true);
  await acceptKeys(store(), userId, devices.filter((d) => d.userId === userId));
  setUi({ changed: withKey(ui().changed, roomId, (ui().changed[roomId] ?? []).filter((u) => u !== userId)) });
  rescan();
}

// ---- sending ----

/** The room's epoch moved on (or the server says so): fetch the room, forget its device list. */
async function refreshRoom(roomId: number): Promise<void> {
  const { room } = await api.room(roomId);
  upsertRoom(room);
  forgetRoomDevices(roomId);
}

async function seal(roomId: number, content: SealedContent): Promise<{ cipher: string; epoch: number }> {
  const changed = ui().changed[roomId] ?? [];
  if (changed.length) throw new SecretBlocked();
  for (let attempt = 0; ; attempt++) {
    try {
      const { state, me } = await sendChain(roomId);
      if ((ui().changed[roomId] ?? []).length) throw new SecretBlocked();
      const out = await c.encryptMessage(state, me.identity.sign.privateKey, c.utf8(JSON.stringify(content)));
      await store().put(KEYS.sendChain(roomId, state.epoch), { state: out.state } satisfies StoredSendChain);
      // What I sent, kept (on disk: a reload may come first) until the server's copy arrives.
      const { index } = c.readMessageHeader(out.envelope);
      await store().put(KEYS.sent(roomId, state.epoch, index), { cipher: out.envelope, content } satisfies StoredPlain);
      return { cipher: out.envelope, epoch: state.epoch };
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SECRET_EPOCH_STALE' && attempt < 3) {
        await refreshRoom(roomId);
        continue;
      }
      throw e;
    }
  }
}

export class SecretBlocked extends Error {}

function sendFailed(tempId: string, e: unknown): void {
  const { onSendError } = pendingSends();
  if (e instanceof SecretBlocked) onSendError(tempId, 'SECRET_KEYS_CHANGED', secretText.blockedError);
  else if (e instanceof ApiError) onSendError(tempId, e.code, { ko: e.message, en: e.message });
  else onSendError(tempId, 'SECRET_FAILED', secretText.sendFailed);
}

/** messages.ts's transmit, for a secret room: the frame goes with a cipher instead of the body. */
export function transmitSealed(frame: Extract<ClientFrame, { type: 'send' }>, p: PendingMessage, sent: () => void): void {
  void queue(frame.roomId, async () => {
    try {
      const sealed = await seal(frame.roomId, { v: 1, text: p.body });
      const { body: _plain, ...rest } = frame;
      if (send({ ...rest, ...sealed })) sent();
    } catch (e) {
      sendFailed(p.tempId, e);
    }
  });
}

/** An edit in a secret room: a new envelope of the new text (the file, if any, kept). */
export function editSealed(frame: Extract<ClientFrame, { type: 'edit' }>, m: Message): void {
  void queue(m.roomId, async () => {
    try {
      const old = plains.get(m.id)?.content;
      const sealed = await seal(m.roomId, { v: 1, text: frame.body ?? '', ...(old?.file ? { file: old.file } : {}) });
      const { body: _plain, ...rest } = frame;
      if (!send({ ...rest, ...sealed })) showToast(errorText('NETWORK'), 'error');
    } catch (e) {
      showToast(e instanceof SecretBlocked ? errorText('SECRET_KEYS_CHANGED', secretText.blockedError) : errorText('SECRET_FAILED', secretText.sendFailed), 'error');
    }
  });
}

/** The server refused a send as made under an old epoch: re-key and send again (same tempId). */
export function onStale(tempId: string): void {
  const p = Object.values(getState().pending).flat().find((x) => x.tempId === tempId);
  if (!p) return;
  const { retry } = pendingSends();
  void queue(p.roomId, () => refreshRoom(p.roomId)).then(() => retry(tempId), () => retry(tempId));
}

/** A file for a secret room: encrypted here, uploaded as ciphertext with the message's envelope. */
export async function sealUpload(u: Upload): Promise<{ blob: Blob; cipher: string; epoch: number }> {
  const file = u.file;
  const enc = await c.encryptFile(new Uint8Array(await file.arrayBuffer()));
  const preview = file.type.startsWith('image/') ? await makePreview(file).catch(() => null) : null;
  const content: SealedContent = {
    v: 1,
    text: '',
    file: {
      name: file.name,
      mime: file.type || 'application/octet-stream',
      size: file.size,
      key: enc.key,
      width: preview?.width ?? null,
      height: preview?.height ?? null,
      preview: preview?.url ?? null,
    },
  };
  const sealed = await queue(u.roomId, () => seal(u.roomId, content));
  return { blob: new Blob([enc.blob]), ...sealed };
}

// ---- receiving ----

/** A `room-key` frame: stored in the room's queue (after whatever that room is doing). */
async function onRoomKey(k: KeyEnvelope): Promise<void> {
  await queue(k.roomId, () => storeRoomKey(k));
  rescan();
}

const fetchedKeys = new Set<string>();

async function readMessage(m: Message): Promise<void> {
  if (!m.cipher) return;
  const held = plains.get(m.id) ?? (await store().get<StoredPlain>(KEYS.plain(m.id)));
  if (held && held.cipher === m.cipher) {
    plains.set(m.id, held);
    return;
  }
  let header: c.MessageHeader;
  try {
    header = c.readMessageHeader(m.cipher);
  } catch {
    return markUnread(m.id, 'failed');
  }
  const me = await myDevice();
  if (header.deviceId === me.deviceId) return readMine(m, header);
  const key = KEYS.recvChain(header.roomId, header.epoch, header.deviceId);
  let chain = await store().get<c.ReceiverChainState>(key);
  if (!chain) {
    const tag = `${m.roomId}:${header.epoch}:${header.deviceId}`;
    if (!fetchedKeys.has(tag)) {
      fetchedKeys.add(tag);
      await fetchKeys(m.roomId).catch(() => {});
      chain = await store().get<c.ReceiverChainState>(key);
    }
  }
  if (!chain) return markUnread(m.id, m.createdAt < me.createdAt ? 'before-device' : 'waiting');
  const signKey = await pinnedSignKey(store(), m.senderId, header.deviceId);
  if (!signKey) return markUnread(m.id, 'waiting');
  try {
    const out = await c.decryptMessage(chain, m.cipher, await c.importSignPublicKey(signKey));
    await store().put(key, out.state);
    const content = parseContent(c.fromUtf8(out.plaintext));
    if (!content) return markUnread(m.id, 'failed');
    const rec = { cipher: m.cipher, content };
    plains.set(m.id, rec);
    await store().put(KEYS.plain(m.id), rec);
  } catch (e) {
    markUnread(m.id, c.isSecretCryptoError(e) && e.code === 'MESSAGE_BEFORE_KEY' ? 'before-device' : 'failed');
  }
}

/** My own envelope: its text was kept when it was sealed (envelopes are never decrypted by their sender). */
async function readMine(m: Message, header: c.MessageHeader): Promise<void> {
  const key = KEYS.sent(header.roomId, header.epoch, header.index);
  const kept = await store().get<StoredPlain>(key);
  if (!kept || kept.cipher !== m.cipher) return markUnread(m.id, 'before-device');
  plains.set(m.id, kept);
  await store().put(KEYS.plain(m.id), kept);
  await store().delete(key);
}

function markUnread(id: number, why: 'before-device' | 'waiting' | 'failed'): void {
  if (ui().unread[id] !== why) setUi({ unread: withKey(ui().unread, id, why) });
}

/** Writes decrypted texts (and quotes) into the timelines; messages with no plaintext yet are read. */
function applyPlains(): Message[] {
  const s = getState();
  const todo: Message[] = [];
  let timelines = s.timelines;
  for (const [key, tl] of Object.entries(s.timelines)) {
    const roomId = Number(key);
    if (!s.rooms[roomId]?.secret) continue;
    let changed = false;
    const messages = tl.messages.map((m) => {
      let out = m;
      if (m.cipher && !m.deleted) {
        const p = plains.get(m.id);
        if (p && p.cipher === m.cipher) {
          const url = m.file ? ui().files[m.file.id] : undefined;
          if (m.body !== p.content.text || (m.file && (m.file.name !== p.content.file?.name || (m.file as { url?: string }).url !== url))) out = patchMessage(m, p.content, url);
          if (m.file && p.content.file && url === undefined) void openFile(m).catch(() => {});
        } else {
          todo.push(m);
          const why = ui().unread[m.id];
          const notice = why ? secretText[why === 'before-device' ? 'beforeDevice' : why] : '';
          if (m.body !== notice) out = { ...m, body: notice };
        }
      }
      if (out.replyTo && !out.replyTo.deleted) {
        const q = plains.get(out.replyTo.id)?.content;
        const excerpt = q ? (q.text.split('\n')[0] ?? '').slice(0, 120) : '';
        if (q && out.replyTo.excerpt !== excerpt) out = { ...out, replyTo: { ...out.replyTo, excerpt, file: q.file ? { name: q.file.name, kind: 'file' } : out.replyTo.file } };
      }
      if (out !== m) changed = true;
      return out;
    });
    if (changed) timelines = withKey(timelines, roomId, { ...tl, messages });
  }
  if (timelines !== s.timelines) setState({ timelines });
  return todo;
}

let scanning = false;
let again = false;

/** Decrypts whatever the secret rooms' timelines hold that is not decrypted yet. */
export function rescan(): void {
  if (scanning) {
    again = true;
    return;
  }
  scanning = true;
  void (async () => {
    try {
      do {
        again = false;
        const todo = applyPlains().filter((m) => !ui().unread[m.id] || ui().unread[m.id] === 'waiting');
        const byRoom = new Map<number, Message[]>();
        for (const m of todo) byRoom.set(m.roomId, [...(byRoom.get(m.roomId) ?? []), m]);
        await Promise.all(
          [...byRoom].map(([roomId, list]) =>
            queue(roomId, async () => {
              // In each chain's order, so keys are stepped forward and not skipped needlessly.
              for (const m of list.sort((a, b) => a.seq - b.seq)) await readMessage(m).catch(() => markUnread(m.id, 'failed'));
            }),
          ),
        );
        const ready = todo.some((m) => plains.has(m.id));
        if (ready) again = true;
        if (ready) {
          const un = { ...ui().unread };
          for (const m of todo) if (plains.has(m.id)) delete un[m.id];
          setUi({ unread: un });
        }
      } while (again);
      applyPlains();
    } finally {
      scanning = false;
    }
  })();
}

let lastTimelines: unknown = null;
let started = false;

/** Starts watching the store (once): new timeline content in a secret room is decrypted as it comes. */
export function startSecret(): void {
  if (started) return;
  started = true;
  learnErrorTexts(SECRET_ERRORS);
  subscribe(() => {
    const s = getState();
    if (s.timelines === lastTimelines) return;
    lastTimelines = s.timelines;
    rescan();
  });
  void myDevice().catch(() => {});
  rescan();
}

/** Frames the first screen hands over (secret-gate.ts). */
export function onSecretFrame(frame: ServerFrame): void {
  if (frame.type === 'room-key') void onRoomKey(frame);
  else if (frame.type === 'devices') onDevicesFrame(frame);
}

const opening = new Set<number>();
/** Files up to this size are fetched and decrypted as soon as their message is shown. */
const EAGER_FILE_MAX = 64 * 1024 * 1024;

/** A decrypted file's bytes as an object URL (kept for the session). */
export async function openFile(m: Message): Promise<string | null> {
  const f = plains.get(m.id)?.content.file;
  if (!m.file || !f) return null;
  const held = ui().files[m.file.id];
  if (held) return held;
  if (opening.has(m.file.id) || f.size > EAGER_FILE_MAX) return null;
  const fileId = m.file.id;
  opening.add(fileId);
  try {
    const res = await fetch(`/api/files/${fileId}`, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`download ${res.status}`);
    const bytes = await c.decryptFile(new Uint8Array(await res.arrayBuffer()), f.key);
    const url = URL.createObjectURL(new Blob([bytes], { type: f.mime }));
    setUi({ files: withKey(ui().files, fileId, url) });
    rescan();
    return url;
  } finally {
    opening.delete(fileId);
  }
}

/** The decrypted content of a message, if this device has it. */
export function contentOf(messageId: number): SealedContent | null {
  return plains.get(messageId)?.content ?? null;
}
