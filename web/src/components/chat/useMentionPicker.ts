import { useMemo, useRef, useState } from 'preact/hooks';
import type { PublicUser } from '../../../../server/protocol/index.ts';
import { tc } from '../../lib/i18n-composer.ts';
import { allMatches, insertMention, matchMembers, mentionQueryAt, mentionsToSend, type MentionQuery } from '../../lib/mention-tokens.ts';
import { useStore } from '../../state/store.ts';

// The composer's @mention list: opens when the caret is in an `@…`, offers the room's members
// (and @모두 in a group) filtered as one types, puts the picked name in the text and remembers
// whom it meant, so the send carries ids, not only text.

/** One line of the list: a member, or the @all entry (user null). */
export interface MentionOption {
  key: string;
  userId: number | null;
  name: string;
  department: string;
  user: PublicUser | null;
}

/** Most lines offered at once (the list scrolls). */
const SHOWN_MAX = 50;

interface Editor {
  text: string;
  setText: (text: string, caret: number) => void;
}

export function useMentionPicker(roomId: number, editor: Editor) {
  const room = useStore((s) => s.rooms[roomId]);
  const users = useStore((s) => s.users);
  const meId = useStore((s) => s.me?.id ?? 0);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  // The `@…` just completed or dismissed: typing on after it does not reopen the list.
  const done = useRef<MentionQuery | null>(null);
  // Name → id of the people picked for the message being written.
  const picked = useRef(new Map<string, number>());
  const isGroup = room?.kind === 'group';

  // A deleted account stays a member of its rooms but is never offered as someone to mention.
  const members = useMemo(
    () =>
      (room?.members ?? [])
        .filter((m) => m.userId !== meId && users[m.userId] && !users[m.userId]!.deleted)
        .map((m) => {
          const u = users[m.userId]!;
          return { key: `u${u.id}`, userId: u.id, name: u.name, department: [u.department, u.position].filter(Boolean).join(' · '), user: u };
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'ko')),
    [room?.members, users, meId],
  );

  const options = useMemo<MentionOption[]>(() => {
    if (!query) return [];
    const found: MentionOption[] = matchMembers(members, query.query).slice(0, SHOWN_MAX);
    if (isGroup && allMatches(query.query)) found.push({ key: 'all', userId: null, name: tc.mentionAll, department: tc.mentionAllHint, user: null });
    return found;
  }, [query, members, isGroup]);
  const open = options.length > 0;

  /** After every edit or caret move: which `@…` (if any) the caret is in. */
  const track = (text: string, caret: number) => {
    let q = mentionQueryAt(text, caret);
    const d = done.current;
    if (q && d && q.start === d.start && q.query.startsWith(d.query)) q = null;
    if (!q) done.current = d && text[d.start] === '@' ? d : null;
    setQuery((old) => (old?.start === q?.start && old?.query === q?.query ? old : q));
    if (!q || q.start !== query?.start) setActive(0);
  };

  const pick = (option: MentionOption) => {
    if (!query) return;
    const word = option.userId === null ? tc.mentionAll : option.name;
    if (option.userId !== null) picked.current.set(option.name, option.userId);
    const caret = query.start + 1 + query.query.length;
    const next = insertMention(editor.text, query, caret, word);
    done.current = { start: query.start, query: `${word} ` };
    setQuery(null);
    editor.setText(next.text, next.caret);
  };

  /** Keys while the list is open: ↑↓ move, Enter or Tab pick, Esc closes. True when the key was ours. */
  const onKeyDown = (e: KeyboardEvent): boolean => {
    if (!open || e.isComposing || e.keyCode === 229) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + options.length) % options.length);
    } else if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
      const option = options[Math.min(active, options.length - 1)];
      if (option) pick(option);
    } else if (e.key === 'Escape') {
      done.current = query;
      setQuery(null);
      e.stopPropagation();
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  };

  /** Who the text mentions when it is sent; forgets the picks for the next message. */
  const takeMentions = (body: string) => {
    const who = mentionsToSend(body, members, picked.current, isGroup);
    picked.current = new Map();
    done.current = null;
    setQuery(null);
    return who;
  };

  return { open, options, active: Math.min(active, Math.max(0, options.length - 1)), setActive, pick, track, onKeyDown, takeMentions };
}
