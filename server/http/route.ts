import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import type { WebSocket } from 'ws';
import { routeParts, type RouteName } from '../protocol/paths.ts';
import { ROUTES } from '../protocol/routes.ts';
import type { RoutePart, RouteReplyOf } from '../protocol/route-types.ts';
import { urlIntegerCheck } from './url-integers.ts';
import { AppError } from './app-error.ts';

// Registers a route from the shared table: its method and path from protocol/paths.ts, its schemas
// from protocol/routes.ts, and a handler whose request and reply are typed from those schemas.

// The request parts' and reply's types are the ones the clients use too (protocol/route-types.ts).
export type RouteRequest<K extends RouteName> = FastifyRequest<{
  Params: RoutePart<K, 'params'>;
  Querystring: RoutePart<K, 'querystring'>;
  Body: RoutePart<K, 'body'>;
}>;

/** What the handler resolves to: the reply schema's type, or anything for raw replies. */
export type RouteHandler<K extends RouteName> = (request: RouteRequest<K>, reply: FastifyReply) => Promise<RouteReplyOf<K>>;

export function route<K extends RouteName>(app: FastifyInstance, name: K, handler: RouteHandler<K>, options: RouteShorthandOptions = {}): void {
  const { method, url } = routeParts(name);
  const spec: { params?: TSchema; querystring?: TSchema; body?: TSchema; reply?: TSchema; status?: number } = ROUTES[name];
  const schema = {
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.querystring ? { querystring: spec.querystring } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.reply ? { response: { [spec.status ?? 200]: spec.reply } } : {}),
  };
  // Integers in the path and query string must be written plainly before they are validated.
  const integers = urlIntegerCheck(spec.params, spec.querystring);
  const preValidation = [integers, options.preValidation].flat().filter((hook) => hook !== undefined);
  app.route({
    ...options,
    ...(preValidation.length ? { preValidation } : {}),
    method,
    url,
    schema: { ...options.schema, ...schema },
    handler: handler as unknown as (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  });
}

/** Registers the WebSocket route from the table (@fastify/websocket hands the handler the socket). */
export function socketRoute(
  app: FastifyInstance,
  name: RouteName,
  handler: (socket: WebSocket, request: FastifyRequest) => void,
  options: RouteShorthandOptions = {},
): void {
  const { method, url } = routeParts(name);
  // A plain GET (no Upgrade) of a socket route is a catalogue error, not @fastify/websocket's empty 404.
  app.route({
    ...options,
    method,
    url,
    wsHandler: handler,
    handler: () => {
      throw new AppError('WS_UPGRADE_REQUIRED', { upgrade: 'websocket', connection: 'Upgrade' });
    },
  });
}
