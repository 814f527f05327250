import { useEffect, useRef, useState } from 'preact/hooks';
import { MESSAGE_MAX } from '../../../../server/protocol/limits.ts';
import { acceptAttribute, formatSize } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import { sendMessage } from '../../state/messages.ts';
import { useStore } from '../../state/store.ts';
import { doneTypingIn, typedIn } from '../../state/typing.ts';
import { attachFiles, dismissRejects } from '../../state/uploads.ts';
import { tc } from '../../lib/i18n-composer.ts';
import { tm } from '../../lib/i18n-messages.ts';
import { CheckIcon, CloseIcon, PaperclipIcon, SendIcon, SmileIcon } from '../common/icons.tsx';
import { lazyPart } from '../common/lazy.tsx';
import { ComposerBanner } from './ComposerBanner.tsx';
import { MentionList, mentionOptionId } from './MentionList.tsx';
import { useComposerMode } from './useComposerMode.ts';
import { useMentionPicker } from './useMentionPicker.ts';

const MAX_HEIGHT = 160;
/** The length counter appears this close to the limit. */
const COUNTER_FROM = MESSAGE_MAX - 1000;

/** Files refused before uploading, and why; stays until dismissed or the next attempt. */
// The picker's code (and, on first open, its data) is fetched when it first opens.
const EmojiPicker = lazyPart(() => import('../emoji/EmojiPicker.tsx').then((m) => m.EmojiPicker), 'none');

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
  const [emojiOpen, setEmojiOpen] = useState(false);
  const tooLong = text.length > MESSAGE_MAX;
  const mention = useMentionPicker(roomId, { text, setText: (value, caret) => replaceText(value, caret) });
  const listId = `mentions-${roomId}`;
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
    const who = mention.takeMentions(body);
    if (mode.submitEdit(body, who)) return;
    sendMessage(roomId, body, { ...who, ...mode.takeReply() });
    setText('');
    doneTypingIn(roomId);
    area.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (mention.onKeyDown(e)) return;
    if (!e.isComposing && mode.onKeyDown(e)) return e.preventDefault();
    // While a Korean (IME) syllable is being composed, Enter confirms the syllable, not the message.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    send();
  };

  const onInput = (el: HTMLTextAreaElement) => {
    setText(el.value);
    typedIn(roomId, el.value);
    mention.track(el.value, el.selectionStart);
  };

  /** New text (an emoji or a mention put in) with the caret at `caret`, focused. */
  const replaceText = (value: string, caret: number) => {
    // Written to the field at once (Preact then finds it unchanged), so a key typed right after
    // lands at the new caret, not where an update a frame later would put it.
    const el = area.current;
    if (el) {
      el.value = value;
      el.focus();
      el.setSelectionRange(caret, caret);
    }
    setText(value);
    typedIn(roomId, value);
  };

  /** Puts `insert` in place of the selection (or at the caret) and leaves the caret after it. */
  const insertAtCaret = (insert: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? start;
    replaceText(text.slice(0, start) + insert + text.slice(end), start + insert.length);
  };

  const closeEmoji = () => {
    setEmojiOpen(false);
    area.current?.focus();
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
            onInput={(e) => onInput(e.currentTarget)}
            onKeyDown={onKeyDown}
            // A caret moved by the arrows or a click may enter or leave an @mention.
            onKeyUp={(e) => /^(Arrow|Home|End)/.test(e.key) && !mention.open && mention.track(e.currentTarget.value, e.currentTarget.selectionStart)}
            onClick={(e) => mention.track(e.currentTarget.value, e.currentTarget.selectionStart)}
            onBlur={() => mention.track('', 0)}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={mention.open}
            aria-controls={mention.open ? listId : undefined}
            aria-activedescendant={mention.open ? mentionOptionId(listId, mention.active) : undefined}
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
          type="button"
          class="emoji-btn"
          aria-label={tc.emoji}
          title={tc.emoji}
          aria-expanded={emojiOpen}
          onClick={() => setEmojiOpen(!emojiOpen)}
          data-testid="emoji-button"
        >
          <SmileIcon size={21} />
        </button>
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
      {mention.open && (
        <MentionList id={listId} options={mention.options} active={mention.active} onPick={mention.pick} onHover={mention.setActive} />
      )}
      {emojiOpen && (
        <EmojiPicker
          class="composer-emoji"
          onPick={(emoji) => {
            setEmojiOpen(false);
            insertAtCaret(emoji);
          }}
          onClose={closeEmoji}
        />
      )}
    </div>
  );
}
