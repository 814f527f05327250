import type { ClientFrame, Device, KeyEnvelope, Message, ServerFrame } from '../../../server/protocol/index.ts';
import * as c from './crypto/index.ts';
import { api, ApiError, call } from '../lib/api.ts';
import { getState, setState, subscribe, withKey, type PendingMessage, type SecretUi, type Upload } from '../state/store.ts';
import { onSendError, retry } from '../state/messages.ts';
import { upsertRoom } from '../state/rooms.ts';
import { send } from '../state/socket-link.ts';
import { showToast } from '../state/toast.ts';
import { errorText } from '../lib/i18n.ts';
import { Keystore, KEYS } from './keystore.ts';
import { acceptKeys, checkPin, pinnedSignKey } from './pins.ts';
import { parseContent, patchMessage, type SealedContent } from './content.ts';
import { secretText } from './i18n-secret.ts';
import { makePreview } from './preview.ts';

// The secret-room client: this browser's device (registered on first use), the room's member
// devices and their pins, this device's sending chain per (room, epoch) and its hand-out to every
// other member device, the chains others handed to us, and the decryption of what the timelines
// hold. Everything here is loaded lazily (web/src/secret-gate.ts) and never on the first screen.

interface StoredDevice {
  deviceId: number;
  identity: c.DeviceIdentity;
  createdAt: number;
}

interface StoredSendChain {
  state: c.SenderChainState;
}

interface StoredPlain {
  cipher: string;
  content: SealedContent;
}

let ks: Keystore | null = null;
let device: Promise<StoredDevice> | null = null;
/** Plaintexts of what this device sent, until the server's copy (with its id) comes back. */
const sentByCipher = new Map<string, SealedContent>();
/** Decrypted this session, by message id. */
const plains = new Map<number, StoredPlain>();
/** Per room: member devices for an epoch. */
const devicesCache = new Map<number, { epoch: number; devices: Device[] }>();
/** One job after another per room (chains must be stored before the next step). */
const queues = new Map<number, Promise<unknown>>();

function queue<T>(roomId: number, job: () => Promise<T>): Promise<T> {
  const next = (queues.get(roomId) ?? Promise.resolve()).then(job, job);
  queues.set(roomId, next.catch(() => {}));
  return next;
}

function ui(): SecretUi {
  return getState().secret ?? { deviceId: null, changed: {}, unread: {}, files: {} };
}

function setUi(patch: Partial<SecretUi>): void {
  setState((s) => ({ secret: { ...(s.secret ?? { deviceId: null, changed: {}, unread: {}, files: {} }), ...patch } }));
}

function store(): Keystore {
  const me = getState().me;
  if (!me) throw new Error('not signed in');
  if (!ks || ks.userId !== me.id) {
    ks = new Keystore(me.id);
    device = null;
  }
  return ks;
}

function deviceLabel(): string {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chrome' : /Firefox\//.test(ua) ? 'Firefox' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /Linux/.test(ua) ? 'Linux' : '';
  return `${browser}${os ? ` · ${os}` : ''}`.slice(0, 100);
}

/** This browser's device: from the keystore, or made and registered now (first use of a secret room). */
export function myDevice(): Promise<StoredDevice> {
  const k = store();
  device ??= (async () => {
    const held = await k.get<StoredDevice>(KEYS.device);
    if (held) {
      // Still registered? (Removed from another device, or the server lost it: register anew.)
      const { devices } = await call('myDevices');
      if (devices.some((d) => d.id === held.deviceId && d.signKey === held.identity.signKey)) return held;
    }
    const identity = await c.generateDeviceIdentity();
    const { device: d } = await call('registerDevice', { body: { agreeKey: identity.agreeKey, signKey: identity.signKey, label: deviceLabel() } });
    const fresh: StoredDevice = { deviceId: d.id, identity, createdAt: d.createdAt };
    await k.put(KEYS.device, fresh);
    return fresh;
  })();
  device.then((d) => setUi({ deviceId: d.deviceId })).catch(() => (device = null));
  return device;
}

// ---- member devices and pins ----

/** Every device of every member, checked against the pins (a change is flagged for the room). */
export async function roomDevices(roomId: number, fresh = false): Promise<Device[]> {
  const room = getState().rooms[roomId];
  const epoch = room?.keyEpoch ?? 0;
  const held = devicesCache.get(roomId);
  if (!fresh && held && held.epoch === epoch) return held.devices;
  const { devices } = await call('roomDevices', { params: { id: roomId } });
  devicesCache.set(roomId, { epoch, devices });
  await checkRoomPins(roomId, devices);
  return devices;
}

async function checkRoomPins(roomId: number, devices: readonly Device[]): Promise<void> {
  const me = getState().me?.id;
  const byUser = new Map<number, Device[]>();
  for (const d of devices) byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d]);
  const changed: number[] = [];
  for (const [userId, list] of byUser) {
    if (userId === me) continue;
    if (await checkPin(store(), userId, list)) changed.push(userId);
  }
  setUi({ changed: withKey(ui().changed, roomId, changed) });
}

/** The person looked at the change (ideally compared safety numbers): their keys now are trusted. */
export async function acknowledgeKeys(roomId: number, userId: number): Promise<void> {
  const devices = await roomDevices(roomId, true);
  await acceptKeys(store(), userId, devices.filter((d) => d.userId === userId));
  setUi({ changed: withKey(ui().changed, roomId, (ui().changed[roomId] ?? []).filter((u) => u !== userId)) });
  rescan();
}

/** A person's devices changed (the `devices` frame): re-check every room they are in with me. */
function onDevicesFrame(frame: Extract<ServerFrame, { type: 'devices' }>): void {
  for (const room of Object.values(getState().rooms)) {
    if (room.secret && room.members.some((m) => m.userId === frame.userId)) void roomDevices(room.id, true).catch(() => {});
  }
}

// ---- sending ----

/** My chain for the room's current epoch: made and handed to every other member device the first time. */
async function sendChain(roomId: number): Promise<{ state: c.SenderChainState; me: StoredDevice }> {
  const me = await myDevice();
  const room = getState().rooms[roomId];
  if (!room) throw new Error('unknown room');
  const epoch = room.keyEpoch;
  const held = await store().get<StoredSendChain>(KEYS.sendChain(roomId, epoch));
  if (held) return { state: held.state, me };
  const devices = await roomDevices(roomId);
  const state = c.createSenderChain({ roomId, epoch, deviceId: me.deviceId });
  const recipients = devices.filter((d) => d.id !== me.deviceId).map((d) => ({ toDevice: d.id, agreeKey: d.agreeKey }));
  if (recipients.length) {
    const keys = await c.wrapChainForDevices(c.shareSenderChain(state), me.identity.sign.privateKey, recipients);
    for (let i = 0; i < keys.length; i += 500) {
      await call('postKeys', { params: { id: roomId }, body: { epoch, fromDevice: me.deviceId, keys: keys.slice(i, i + 500) } });
    }
  }
  await store().put(KEYS.sendChain(roomId, epoch), { state } satisfies StoredSendChain);
  return { state, me };
}

/** The room's epoch moved on (or the server says so): fetch the room, forget its device list. */
async function refreshRoom(roomId: number): Promise<void> {
  const { room } = await api.room(roomId);
  upsertRoom(room);
  devicesCache.delete(roomId);
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
      sentByCipher.set(out.envelope, content);
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

/**
 * Unwraps and stores one hand-out. Runs INSIDE the room's queue (onRoomKey, or fetchKeys called
 * from readMessage, which is itself a queued job): it must never queue again, or it waits on itself.
 */
async function storeRoomKey(k: KeyEnvelope): Promise<void> {
  const me = await myDevice();
  if (k.toDevice !== me.deviceId) return;
  {
    const key = KEYS.recvChain(k.roomId, k.epoch, k.fromDevice);
    const existing = await store().get<c.ReceiverChainState>(key);
    if (existing) return;
    let signKey = await pinnedSignKey(store(), k.fromUser, k.fromDevice);
    if (!signKey) {
      await roomDevices(k.roomId, true).catch(() => []);
      signKey = await pinnedSignKey(store(), k.fromUser, k.fromDevice);
    }
    if (!signKey) return; // not a pinned device (a key change not acknowledged yet): ignore until then
    try {
      const share = await c.unwrapChain(k.payload, {
        expected: { roomId: k.roomId, epoch: k.epoch, fromDevice: k.fromDevice, toDevice: me.deviceId },
        agreePrivateKey: me.identity.agree.privateKey,
        agreeKey: me.identity.agreeKey,
        senderSignKey: await c.importSignPublicKey(signKey),
      });
      await store().put(key, c.acceptChainShare(undefined, share));
    } catch {
      // A forged or damaged hand-out: nothing is stored.
    }
  }
}

/** Key envelopes for my device that arrived while this browser was away (runs inside the room's queue). */
async function fetchKeys(roomId: number): Promise<void> {
  const me = await myDevice();
  let after = (await store().get<number>(KEYS.keysCursor(roomId))) ?? 0;
  for (;;) {
    const page = await call('roomKeys', { params: { id: roomId }, query: { device: me.deviceId, after } });
    for (const k of page.keys) await storeRoomKey(k);
    if (page.keys.length) after = page.keys[page.keys.length - 1]!.id;
    await store().put(KEYS.keysCursor(roomId), after);
    if (!page.hasMore) break;
  }
}

const fetchedKeys = new Set<string>();

async function readMessage(m: Message): Promise<void> {
  if (!m.cipher) return;
  const held = plains.get(m.id) ?? (await store().get<StoredPlain>(KEYS.plain(m.id)));
  if (held && held.cipher === m.cipher) {
    plains.set(m.id, held);
    return;
  }
  const mine = sentByCipher.get(m.cipher);
  if (mine) {
    const rec = { cipher: m.cipher, content: mine };
    plains.set(m.id, rec);
    await store().put(KEYS.plain(m.id), rec);
    return;
  }
  let header: c.MessageHeader;
  try {
    header = c.readMessageHeader(m.cipher);
  } catch {
    return markUnread(m.id, 'failed');
  }
  const me = await myDevice();
  if (header.deviceId === me.deviceId) return markUnread(m.id, 'before-device');
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

/** My device's registration time (for the "new device" notice). */
export async function deviceSince(): Promise<number> {
  return (await myDevice()).createdAt;
}

/** The safety number of me and one member of the room (all our devices' keys), or null if either has none. */
export async function safetyNumberWith(roomId: number, userId: number): Promise<c.SafetyNumber | null> {
  const me = getState().me;
  if (!me) return null;
  await myDevice();
  const devices = await roomDevices(roomId, true);
  const mine = devices.filter((d) => d.userId === me.id);
  const theirs = devices.filter((d) => d.userId === userId);
  if (!mine.length || !theirs.length) return null;
  return c.safetyNumber({ userId: me.id, devices: mine }, { userId, devices: theirs });
}
