import type { ManagerEvent } from '../../../../server/protocol/manager.ts';
import { KEY_HEADER, ManagerApiError, readReply } from './api.ts';
import { ROUTE_PATHS } from '../../../../server/protocol/paths.ts';

// The live feed is server-sent events read through fetch(): EventSource cannot send the key header.

/** Splits a growing text buffer into complete events; returns their data and the unfinished rest. */
export function splitEvents(buffer: string): { data: string[]; rest: string } {
  const normalized = buffer.replace(/\r\n/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  const data = blocks
    .map((block) =>
      block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    )
    .filter((d) => d.length > 0);
  return { data, rest };
}

export const RETRY_MIN_MS = 1000;
export const RETRY_MAX_MS = 10_000;

export function retryDelay(attempt: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.max(0, attempt));
}

export interface FeedHandlers {
  onEvent(event: ManagerEvent): void;
  onConnected(connected: boolean): void;
  /** The server refused the key (it restarted with a new one): reconnecting cannot help. */
  onUnauthorized(): void;
}

/** Follows /api/manager/events until stopped, reconnecting with back-off. Returns stop(). */
export function followEvents(key: string, handlers: FeedHandlers): () => void {
  let stopped = false;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  const run = async () => {
    controller = new AbortController();
    try {
      const res = await fetch(ROUTE_PATHS.managerEvents.split(' ')[1]!, { headers: { [KEY_HEADER]: key }, cache: 'no-store', signal: controller.signal });
      if (!res.ok || !res.body) await readReply(res);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const { data, rest } = splitEvents(buffer);
        buffer = rest;
        for (const d of data) {
          attempt = 0;
          handlers.onConnected(true);
          handlers.onEvent(JSON.parse(d) as ManagerEvent);
        }
      }
    } catch (err) {
      if (stopped) return;
      if (err instanceof ManagerApiError && err.status === 401) {
        handlers.onUnauthorized();
        return;
      }
    }
    if (stopped) return;
    handlers.onConnected(false);
    timer = setTimeout(() => void run(), retryDelay(attempt++));
  };

  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller?.abort();
  };
}
