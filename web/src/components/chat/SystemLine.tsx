import { memo } from 'preact/compat';
import type { Message, PublicUser } from '../../../../server/protocol/index.ts';
import { systemText } from '../common/systemLine.ts';

/** A line the server wrote (someone joined, left, was removed, renamed the room): centred and quiet. */
export const SystemLine = memo(function SystemLine({ message, users }: { message: Message; users: Readonly<Record<number, PublicUser>> }) {
  if (!message.system) return null;
  return (
    <div class="system-line" data-testid="system-line" data-event={message.system.event} data-seq={message.seq} data-id={message.id}>
      <span>{systemText(message.system, users)}</span>
    </div>
  );
});
