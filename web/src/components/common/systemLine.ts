import type { PublicUser, SystemEvent } from '../../../../server/protocol/index.ts';
import { tr } from '../../lib/i18n-rooms.ts';

// What a system line says ("홍길동님이 나갔습니다"), in the timeline and as a room's preview.

export function systemText(event: SystemEvent, users: Readonly<Record<number, PublicUser>>): string {
  const name = (id: number) => users[id]?.name ?? tr.someone;
  const actor = name(event.actorId);
  const who = tr.nameList(event.userIds.map(name));
  switch (event.event) {
    case 'created':
      return tr.sysCreated(actor, event.name);
    case 'joined':
      return tr.sysJoined(actor, who);
    case 'left':
      return tr.sysLeft(actor);
    case 'removed':
      return tr.sysRemoved(actor, who);
    case 'renamed':
      return tr.sysRenamed(actor, event.name);
  }
}
