import argon2 from 'argon2';

// argon2id at OWASP's minimum: 19 MiB, t=2, p=1.
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
