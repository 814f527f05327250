import { useEffect, useRef, useState } from 'preact/hooks';
import { MESSAGE_MAX } from '../../../../server/protocol/limits.ts';
import { acceptAttribute, formatSize } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import { sendMessage } from '../../state/messages.ts';
import { useStore } from '../../state/store.ts';
import { doneTypingIn, typedIn } from '../../state/typing.ts';
import { attachFiles, dismissRejects } from '../../state/uploads.ts';
import { CheckIcon, CloseIcon, PaperclipIcon, SendIcon } from '../common/icons.tsx';
import { tm } from '../../lib/i18n-messages.ts';
import { ComposerBanner } from './ComposerBanner.tsx';
import { useComposerMode } from './useComposerMode.ts';

const MAX_HEIGHT = 160;
/** The length counter appears this close to the limit. */
const COUNTER_FROM = MESSAGE_MAX - 1000;

/** Files refused before uploading, and why; stays until dismissed or the next attempt. */
function RejectNotice({ roomId }: { roomId: number }) {
  const rejects = useStore((s) => s.uploadRejects);
  const limits = useStore((s) => s.uploadLimits);
  if (!rejects || rejects.roomId !== roomId) return null;
  return (
    <div class="upload-notice" role="alert" data-testid="upload-rejected">
      <div class="upload-notice-text">
        {rejects.problems.map((p, i) => (
          <div key={i} data-testid="upload-problem">
            {p}
          </div>
        ))}
        {limits && <div class="upload-notice-rules">{t.uploadRules(limits.extensions.join(', '), formatSize(limits.maxBytes))}</div>}
      </div>
      <button type="button" class="icon-btn small" onClick={dismissRejects} aria-label={t.close} title={t.close}>
        <CloseIcon size={16} />
      </button>
    </div>
  );
}

export function Composer({ roomId }: { roomId: number }) {
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const limits = useStore((s) => s.uploadLimits);
  const tooLong = text.length > MESSAGE_MAX;
  const mode = useComposerMode(roomId, text, setText, () => area.current?.focus());

  useEffect(() => {
    // A phone would pop its keyboard over the conversation; only focus with a real pointer.
    if (!matchMedia('(pointer: coarse)').matches) area.current?.focus();
    return () => doneTypingIn(roomId);
  }, [roomId]);

  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
  }, [text]);

  const send = () => {
    const body = text.trim();
    if (!body || body.length > MESSAGE_MAX) return;
    if (mode.submitEdit(body)) return;
    sendMessage(roomId, body, mode.takeReply());
    setText('');
    doneTypingIn(roomId);
    area.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.isComposing && mode.onKeyDown(e)) return e.preventDefault();
    // While a Korean (IME) syllable is being composed, Enter confirms the syllable, not the message.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    send();
  };

  const onInput = (value: string) => {
    setText(value);
    typedIn(roomId, value);
  };

  const onPicked = (input: HTMLInputElement) => {
    const files = input.files ? Array.from(input.files) : [];
    // Cleared so that picking the same file again still fires `change`.
    input.value = '';
    void attachFiles(roomId, files);
  };

  return (
    <div class="composer-wrap">
      <RejectNotice roomId={roomId} />
      <ComposerBanner roomId={roomId} editing={mode.editing} replying={mode.replying} />
      <form
        class={tooLong ? 'composer too-long' : 'composer'}
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <button
          type="button"
          class="attach-btn"
          onClick={() => picker.current?.click()}
          aria-label={t.attach}
          title={limits ? `${t.attach} — ${t.uploadRules(limits.extensions.join(', '), formatSize(limits.maxBytes))}` : t.attach}
          data-testid="attach"
        >
          <PaperclipIcon size={21} />
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          accept={acceptAttribute(limits)}
          onChange={(e) => onPicked(e.currentTarget)}
          data-testid="attach-input"
        />
        <div class="composer-field">
          <textarea
            ref={area}
            rows={1}
            value={text}
            placeholder={t.composerPlaceholder}
            aria-label={t.composerPlaceholder}
            aria-invalid={tooLong}
            title={t.composerHint}
            onInput={(e) => onInput(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            data-testid="composer"
          />
          {text.length > COUNTER_FROM && (
            <span class={tooLong ? 'char-count over' : 'char-count'} data-testid="char-count" title={tooLong ? t.composerTooLong(MESSAGE_MAX) : undefined}>
              {tooLong && <span class="char-count-why">{t.composerTooLong(MESSAGE_MAX)} · </span>}
              {text.length.toLocaleString()} / {MESSAGE_MAX.toLocaleString()}
            </span>
          )}
        </div>
        <button
          type="submit"
          class="send-btn"
          disabled={!text.trim() || tooLong}
          aria-label={mode.editing ? tm.saveEdit : t.send}
          title={tooLong ? t.composerTooLong(MESSAGE_MAX) : mode.editing ? tm.saveEdit : t.send}
          data-testid="send"
        >
          {mode.editing ? <CheckIcon size={20} /> : <SendIcon size={20} />}
        </button>
      </form>
    </div>
  );
}
