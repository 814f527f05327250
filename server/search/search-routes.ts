import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';
import { assertMember } from '../rooms/room-access.ts';
import { SEARCH_PAGE_DEFAULT, SEARCH_QUERY_MAX, SEARCH_TERMS_MAX } from '../protocol/limits.ts';
import { parseQuery } from './tokenizer.ts';

/** GET /api/search: messages of my rooms (or one of them) matching every term, newest first. */
export function searchRoutes(app: FastifyInstance, { search, messages, rooms }: Pick<Services, 'search' | 'messages' | 'rooms'>): void {
  route(app, 'search', async (request) => {
    const { user } = authOf(request);
    const { q, room, before, limit = SEARCH_PAGE_DEFAULT } = request.query;
    if (!/\S/u.test(q)) throw new AppError('SEARCH_QUERY_EMPTY');
    if (Array.from(q).length > SEARCH_QUERY_MAX) throw new AppError('SEARCH_QUERY_TOO_LONG');
    // Searching a room you are not in is refused as its history is (NOT_A_MEMBER / ROOM_NOT_FOUND).
    if (room !== undefined) await assertMember(rooms, room, user.id);
    const query = parseQuery(q);
    // Each term is a posting-list lookup inside one synchronous read: bounded.
    if (query.terms.length > SEARCH_TERMS_MAX) throw new AppError('SEARCH_TOO_MANY_TERMS');
    const { hits, hasMore } = await search.search(user.id, query, { roomId: room, before, limit });
    const found = new Map((await messages.byIds(hits.map((h) => h.messageId))).map((m) => [m.id, m]));
    // A message deleted between the two reads is simply not shown.
    const results = hits.flatMap((hit) => {
      const message = found.get(hit.messageId);
      return message && !message.deleted ? [{ message, highlights: hit.highlights }] : [];
    });
    return { results, hasMore };
  });
}
