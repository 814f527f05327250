// A whole WebSocket text frame as it goes on the wire (RFC 6455 §5.2), built once and written as it
// is to every recipient's TCP socket: the header and the payload in one buffer, so each socket costs
// one write of one buffer. ws would build a header per socket and write header and payload as two
// chunks (a cork, two writes, an uncork and a writev each time).
//
// Server frames are never masked; FIN is set and nothing is fragmented; no extension is in use
// (perMessageDeflate is off, app.ts), so RSV bits are 0.

/** FIN + opcode 0x1 (text). */
const FIN_TEXT = 0x81;

/** The frame for a UTF-8 payload (a string is encoded straight into the frame, without a copy in between). */
export function textFrame(payload: string | Buffer): Buffer {
  const length = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = FIN_TEXT;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  if (typeof payload === 'string') frame.write(payload, header, 'utf8');
  else payload.copy(frame, header);
  return frame;
}

/** Frames built for payloads the caller keeps (presence-batch.ts caches each form's bytes): built once each. */
const framed = new WeakMap<Buffer, Buffer>();

/** textFrame(payload), remembered for as long as the payload buffer lives. */
export function cachedTextFrame(payload: Buffer): Buffer {
  let frame = framed.get(payload);
  if (frame === undefined) framed.set(payload, (frame = textFrame(payload)));
  return frame;
}
