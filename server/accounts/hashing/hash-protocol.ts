// The messages between the server and its hashing child (hash-child.ts): one request, one answer,
// matched by id.

export type HashRequest = { id: number; op: 'hash'; password: string } | { id: number; op: 'verify'; hash: string; password: string };

export type HashAnswer = { id: number; ok: true; value: string | boolean } | { id: number; ok: false; error: string };
