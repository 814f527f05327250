// Where the hashing child's source is, and the name every bundle gives it. Each bundle (the server's,
// the desktop server's, the bench's) puts it next to itself, where hash-pool.ts looks for it.
export const HASH_CHILD_SOURCE = 'server/accounts/hashing/hash-child.ts';
export const HASH_CHILD_NAME = 'hash-child';
