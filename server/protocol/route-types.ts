import type { Static, TSchema } from '@sinclair/typebox';
import type { RouteName } from './paths.ts';
import type { Routes } from './routes.ts';

// Types of each route's request parts and reply, from the route table: for clients (type-only).

type StaticOf<T> = T extends TSchema ? Static<T> : never;

/** A request part's type (`params`, `querystring`, `body`), or undefined when the route takes none. */
export type RoutePart<K extends RouteName, F extends 'params' | 'querystring' | 'body'> = Routes[K] extends Record<F, infer S>
  ? StaticOf<S>
  : undefined;

/** The reply's type; unknown for routes answering raw bytes. */
export type RouteReplyOf<K extends RouteName> = Routes[K] extends { reply: infer S } ? StaticOf<S> : unknown;
