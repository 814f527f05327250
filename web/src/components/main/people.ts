import type { PublicUser } from '../../../../server/protocol/index.ts';

/** The colleagues to list and pick: everyone in the directory but deleted accounts' tombstones. */
export function listedPeople(users: Record<number, PublicUser>): PublicUser[] {
  return Object.values(users).filter((u) => !u.deleted);
}

/** Matches name, department or position, case-insensitively (Korean substrings work as-is). */
export function matchesPerson(u: PublicUser, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [u.name, u.department, u.position].some((f) => f.toLowerCase().includes(q));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

/** Me first, then online colleagues, then everyone else, each by name. */
export function sortPeople(list: PublicUser[], meId: number, online: ReadonlySet<number>): PublicUser[] {
  return list.slice().sort((a, b) => {
    if (a.id === meId) return -1;
    if (b.id === meId) return 1;
    const oa = online.has(a.id) ? 0 : 1;
    const ob = online.has(b.id) ? 0 : 1;
    return oa - ob || collator.compare(a.name, b.name);
  });
}

export function subtitle(u: PublicUser): string {
  return [u.department, u.position].filter(Boolean).join(' · ');
}
