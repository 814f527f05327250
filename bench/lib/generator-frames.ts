// What a load generator does with each frame: the frames it sends (Sotong/ws JSON or Socket.IO's
// Engine.IO text), and the classification of what it receives by the first bytes, with latency read
// from the body (frame-scan.ts) and counted into the current measurement window.
import type WebSocket from 'ws';
import type { LeanSocket } from './ws-lean.ts';
import { Window } from './generator-window.ts';
import { ROOM_ID, SEQ, bodyTime, bytesAt, intAfter, now, scan } from './frame-scan.ts';
import { DeliveryCheck, emptyIntegrity, type Integrity } from './delivery-check.ts';
import { audit } from './generator-audit.ts';
import { bump } from './generator-http.ts';
import type { Target } from './generator-types.ts';

export type Socket = WebSocket | LeanSocket;

export interface Client {
  key: number;
  ws: Socket;
  open: boolean;
  inflight: number;
  n: number;
  /** Reads: room → newest seq received, and the last seq reported. */
  reads: boolean;
  newest: Map<number, number>;
  reported: Map<number, number>;
  /** Every message complete, once, in seq order (delivery-check.ts). */
  check: DeliveryCheck;
}

/**
 * The generator's protocol, its current window, the text after the timestamp in every body sent
 * (to check deliveries are whole), and the delivery accounting since the last report.
 */
export const g: { target: Target; win: Window; pad: Buffer; tally: { now: Integrity }; lastDeliveryAt: number } = {
  target: 'sotong',
  lastDeliveryAt: 0,
  win: new Window('initial'),
  pad: Buffer.alloc(0),
  tally: { now: emptyIntegrity() },
};

export function sendFrame(c: Client, roomId: number, body: string): void {
  const tempId = `${c.key}.${++c.n}`;
  if (g.target === 'sio') c.ws.send(`42${c.n}["send",{"tempId":"${tempId}","roomId":${roomId},"body":"${body}"}]`);
  else c.ws.send(`{"type":"send","tempId":"${tempId}","roomId":${roomId},"body":"${body}"}`);
}

export function readFrame(c: Client, roomId: number, seq: number): void {
  if (g.target === 'sio') c.ws.send(`42["read",{"roomId":${roomId},"seq":${seq}}]`);
  else c.ws.send(`{"type":"read","roomId":${roomId},"seq":${seq}}`);
}

function onDelivery(c: Client, data: Buffer, t: number): void {
  g.win.deliveries++;
  g.lastDeliveryAt = t;
  // One forward pass: roomId and seq (for read reports) come before the body in every server's
  // message object, so the body search starts where they ended.
  let from = 16;
  const room = intAfter(data, ROOM_ID, from);
  const seq = intAfter(data, SEQ, room.end);
  c.check.seen(room.v, seq.v, false);
  audit.record(c.key, room.v, seq.v, false);
  if (c.reads && seq.v > (c.newest.get(room.v) ?? 0)) c.newest.set(room.v, seq.v);
  if (seq.v === seq.v) from = seq.end;
  const sent = bodyTime(data, from);
  if (sent === sent) g.win.latency.record(t - sent);
  if (!bytesAt(data, scan.pipe + 1, g.pad)) g.tally.now.incomplete++;
}

function onAck(c: Client, data: Buffer, t: number): void {
  c.inflight--;
  g.win.acks++;
  const room = intAfter(data, ROOM_ID);
  const seq = intAfter(data, SEQ, room.end);
  c.check.seen(room.v, seq.v, true);
  audit.record(c.key, room.v, seq.v, true);
  const sent = bodyTime(data, seq.end);
  if (sent === sent) g.win.ackLatency.record(t - sent);
}

function onError(c: Client, text: string): void {
  try {
    const frame = JSON.parse(text) as { code?: string; tempId?: string };
    bump(g.win.errors, frame.code ?? 'unknown');
    if (frame.tempId !== undefined) c.inflight = Math.max(0, c.inflight - 1);
  } catch {
    bump(g.win.errors, 'unparsable');
  }
}

/** Sotong and the bare ws baseline: JSON text frames, `{"type":"…` — byte 9 starts the type. */
export function onJsonFrame(c: Client, data: Buffer): void {
  const t = now();
  switch (data[9]) {
    case 0x6d: // message
      return onDelivery(c, data, t);
    case 0x61: // ack
      return onAck(c, data, t);
    case 0x65: // error
      return onError(c, data.toString());
    case 0x72: // read | ready | room
      if (data[12] === 0x64 && data[13] === 0x22) g.win.readEvents++;
      else g.win.otherFrames++;
      return;
    default:
      g.win.otherFrames++;
  }
}

/** Socket.IO over raw WebSocket (Engine.IO v4): 2 = ping, 42 = event, 43 = ack. */
export function onSioFrame(c: Client, data: Buffer): void {
  const t = now();
  const a = data[0];
  if (a === 0x32 && data.length === 1) return void c.ws.send('3');
  if (a !== 0x34) return void g.win.otherFrames++;
  const b = data[1];
  if (b === 0x32) {
    // 42["message",…] or 42["read",…]
    if (data[4] === 0x6d) return onDelivery(c, data, t);
    if (data[4] === 0x72) return void g.win.readEvents++;
    if (data[4] === 0x65) return onError(c, data.toString().slice(data.indexOf(0x2c) + 1, -1));
  } else if (b === 0x33) return onAck(c, data, t);
  g.win.otherFrames++;
}
