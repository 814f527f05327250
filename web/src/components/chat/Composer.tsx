import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { socket } from '../../state/connection.ts';
import { sendMessage } from '../../state/messages.ts';
import { SendIcon } from '../common/icons.tsx';

/** One `typing` frame at most this often while the user keeps typing. */
const TYPING_EVERY_MS = 2000;
const MAX_HEIGHT = 160;

export function Composer({ roomId }: { roomId: number }) {
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const lastTyping = useRef(0);

  useEffect(() => {
    // A phone would pop its keyboard over the conversation; only focus with a real pointer.
    if (!matchMedia('(pointer: coarse)').matches) area.current?.focus();
  }, [roomId]);

  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
  }, [text]);

  const send = () => {
    const body = text.trim();
    if (!body) return;
    sendMessage(roomId, body);
    setText('');
    lastTyping.current = 0;
    area.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // While a Korean (IME) syllable is being composed, Enter confirms the syllable, not the message.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    send();
  };

  const onInput = (value: string) => {
    setText(value);
    const now = Date.now();
    if (value.trim() && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      socket.send({ type: 'typing', roomId });
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        ref={area}
        rows={1}
        value={text}
        placeholder={t.composerPlaceholder}
        aria-label={t.composerPlaceholder}
        title={t.composerHint}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        data-testid="composer"
      />
      <button type="submit" class="send-btn" disabled={!text.trim()} aria-label={t.send} title={t.send} data-testid="send">
        <SendIcon size={20} />
      </button>
    </form>
  );
}
