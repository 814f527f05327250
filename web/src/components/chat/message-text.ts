import { h, type ComponentChildren } from 'preact';
import { linkify, type MentionNames } from '../../lib/linkify.ts';

/**
 * A message's text as Preact children: strings, links that open in a new tab without telling the
 * site where they came from, and highlighted mentions (of me, or @all by someone else, more
 * strongly). Text stays text nodes; nothing here ever becomes HTML.
 */
export function messageText(body: string, mentions: MentionNames, viewer: { meId: number; senderId: number }): ComponentChildren[] {
  return linkify(body, mentions).map((s, i) => {
    switch (s.kind) {
      case 'text':
        return s.text;
      case 'link':
      case 'email':
        return h('a', { key: i, href: s.href, target: '_blank', rel: 'noopener noreferrer', class: 'msg-link', 'data-testid': 'message-link' }, s.text);
      case 'mention': {
        const me = s.userId === null ? viewer.senderId !== viewer.meId : s.userId === viewer.meId;
        return h('span', { key: i, class: me ? 'mention me' : 'mention', 'data-testid': 'mention', 'data-user-id': s.userId ?? 'all' }, s.text);
      }
    }
  });
}
