import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ComponentChildren, VNode } from 'preact';
import { messageText } from '../src/components/chat/message-text.ts';
import { linkify, trimUrlEnd, type MentionNames, type Segment } from '../src/lib/linkify.ts';

// Links, e-mail addresses and mentions in message text; everything else stays text.

const NONE: MentionNames = { users: [], all: false };
const links = (text: string, names = NONE) => linkify(text, names).filter((s) => s.kind !== 'text');
const only = (text: string): Segment | undefined => {
  const found = links(text);
  assert.ok(found.length <= 1, `${text}: ${JSON.stringify(found)}`);
  return found[0];
};

test('http(s) and www. addresses become links; the href is what was written', () => {
  assert.deepEqual(only('자료는 https://example.com/a?b=1#c 에 있어요'), { kind: 'link', text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' });
  assert.deepEqual(only('http://nas:5000/share'), { kind: 'link', text: 'http://nas:5000/share', href: 'http://nas:5000/share' }, 'intranet host without a dot, with a port');
  assert.deepEqual(only('www.naver.com 참고'), { kind: 'link', text: 'www.naver.com', href: 'http://www.naver.com' });
  assert.equal(only('HTTPS://EXAMPLE.COM')?.kind, 'link');
  assert.equal(only('https://namu.wiki/w/대한민국')?.text, 'https://namu.wiki/w/대한민국', 'Hangul in the path stays in');
  assert.equal(only('https://a.com에서 봐요')?.text, 'https://a.com', 'Hangul right after the host ends it');
});

test('trailing punctuation and brackets, as Slack treats them', () => {
  assert.equal(only('보세요: https://a.com/x.')?.text, 'https://a.com/x');
  assert.deepEqual(
    links('https://a.com/x, https://b.com/y!').map((s) => s.text),
    ['https://a.com/x', 'https://b.com/y'],
  );
  assert.equal(only('(https://a.com/x)')?.text, 'https://a.com/x', 'a link in parentheses');
  assert.equal(only('(see https://a.com/x).')?.text, 'https://a.com/x');
  assert.equal(only('https://en.wikipedia.org/wiki/Seoul_(city)')?.text, 'https://en.wikipedia.org/wiki/Seoul_(city)', 'balanced brackets stay');
  assert.equal(only('[https://a.com/list]')?.text, 'https://a.com/list');
  assert.equal(only('"https://a.com/q"')?.text, 'https://a.com/q');
  assert.equal(only('<https://a.com/q>')?.text, 'https://a.com/q');
  assert.equal(only('「https://a.com/q」')?.text, 'https://a.com/q');
  assert.equal(trimUrlEnd('https://a.com/...'), 'https://a.com/');
  assert.equal(trimUrlEnd('https://a.com/a)b)'), 'https://a.com/a)b', 'only unbalanced closers go');
});

test('only http, https and mailto: other schemes and look-alikes stay text', () => {
  for (const text of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'file:///C:/Windows/win.ini',
    'vbscript:msgbox',
    'ftp://files.example.com',
    'xhttps://a.com',
    'https://',
    'www.',
  ]) {
    assert.deepEqual(links(text), [], text);
  }
  // A link inside markup is still only a link to that address, the markup stays text.
  const html = linkify('<a href="https://evil.com">click</a>');
  assert.deepEqual(
    html.filter((s) => s.kind === 'link').map((s) => s.text),
    ['https://evil.com'],
  );
});

test('e-mail addresses become mailto: links', () => {
  assert.deepEqual(only('메일은 minsu.kim@corp.co.kr 로'), { kind: 'email', text: 'minsu.kim@corp.co.kr', href: 'mailto:minsu.kim@corp.co.kr' });
  assert.deepEqual(only('mailto:hr@corp.kr'), { kind: 'email', text: 'mailto:hr@corp.kr', href: 'mailto:hr@corp.kr' });
  assert.equal(only('hr@corp.kr.')?.text, 'hr@corp.kr', 'the sentence’s full stop stays out');
  assert.equal(only('hr@corp.kr에게')?.text, 'hr@corp.kr');
  assert.deepEqual(links('user@localhost'), [], 'no dot, no address');
  assert.deepEqual(links('@김민수 님'), [], 'a mention of someone not mentioned is text');
});

test('mentions: the names of the mentioned, with a particle after them; @all only when sent as such', () => {
  const names: MentionNames = { users: [{ userId: 7, name: '김민수' }, { userId: 8, name: 'Alice Kim' }, { userId: 9, name: '김민' }], all: false };
  assert.deepEqual(links('@김민수님 @Alice Kim, 확인 부탁드려요 @김민', names), [
    { kind: 'mention', text: '@김민수', userId: 7 },
    { kind: 'mention', text: '@Alice Kim', userId: 8 },
    { kind: 'mention', text: '@김민', userId: 9 },
  ]);
  assert.deepEqual(links('kim@김민수', names), [], 'an @ inside a word is no mention');
  assert.deepEqual(links('@모두 보세요', names), [], '@모두 without mentionAll is text');
  const all = links('@모두 보세요 @all, @allison', { users: [], all: true });
  assert.deepEqual(
    all.map((s) => s.text),
    ['@모두', '@all'],
    '@allison is not @all',
  );
  assert.deepEqual(links('mail@corp.kr', { users: [{ userId: 1, name: 'corp' }], all: false }).map((s) => s.kind), ['email']);
});

/** The text content of rendered children, as the DOM would have it. */
function textOf(children: ComponentChildren): string {
  if (children === null || children === undefined || typeof children === 'boolean') return '';
  if (typeof children === 'string' || typeof children === 'number' || typeof children === 'bigint') return String(children);
  if (Array.isArray(children)) return children.map(textOf).join('');
  return textOf((children as VNode<{ children?: ComponentChildren }>).props.children);
}

function hrefsOf(children: ComponentChildren[]): string[] {
  return children.flatMap((c) => (c && typeof c === 'object' && 'props' in c && typeof (c as VNode<{ href?: string }>).props.href === 'string' ? [(c as VNode<{ href: string }>).props.href] : []));
}

test('rendered links open in a new tab with rel="noopener noreferrer"; mentions of me stand out', () => {
  const names: MentionNames = { users: [{ userId: 7, name: '김민수' }], all: true };
  const nodes = messageText('@김민수 https://a.com @모두', names, { meId: 7, senderId: 3 }) as VNode<Record<string, unknown>>[];
  const link = nodes.find((n) => typeof n === 'object' && n.type === 'a')!;
  assert.equal(link.props.href, 'https://a.com');
  assert.equal(link.props.target, '_blank');
  assert.equal(link.props.rel, 'noopener noreferrer');
  const mentions = nodes.filter((n) => typeof n === 'object' && n.type === 'span');
  assert.deepEqual(
    mentions.map((n) => n.props.class),
    ['mention me', 'mention me'],
  );
  const mine = messageText('@모두 보세요', names, { meId: 3, senderId: 3 }) as VNode<Record<string, unknown>>[];
  assert.equal(mine[0]?.props.class, 'mention', 'my own @all is not a mention of me');
});

// Strings made of the pieces that matter (schemes, hosts, brackets, punctuation, @, Hangul) plus any text.
const piece = fc.oneof(
  fc.constantFrom('https://', 'http://', 'www.', 'mailto:', 'javascript:', 'data:', 'a.com', 'corp.kr', '@', '@김민수', '@모두', '@all', '(', ')', '[', ']', '.', ',', '!', '?', ' ', '\n', '에서', '/', '#', '?x=1', '<', '>', '"', "'", '…', ':', '🙂'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const messageArb = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));
const namesArb: fc.Arbitrary<MentionNames> = fc.record({
  users: fc.array(fc.record({ userId: fc.integer({ min: 1, max: 9 }), name: fc.constantFrom('김민수', '김민', 'a', 'all', 'x y', '') }), { maxLength: 3 }),
  all: fc.boolean(),
});

test('property: rendering any string gives back exactly its text, and only http(s)/mailto links', () => {
  fc.assert(
    fc.property(messageArb, namesArb, (text, names) => {
      const nodes = messageText(text, names, { meId: 1, senderId: 2 });
      assert.equal(textOf(nodes), text);
      for (const href of hrefsOf(nodes)) assert.match(href, /^(https?:\/\/|mailto:)[^\s]+$/i);
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
      assert.equal(textOf(messageText(text, NONE, { meId: 1, senderId: 2 })), text);
    }),
    { numRuns: 1000 },
  );
});
