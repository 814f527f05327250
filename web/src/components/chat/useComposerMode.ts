import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Message, ReplyQuote } from '../../../../server/protocol/index.ts';
import { quoteOf } from '../../../../server/protocol/excerpt.ts';
import { cancelEdit, cancelReply, canEdit, saveEdit, startEdit } from '../../state/message-changes.ts';
import { getState, useStore } from '../../state/store.ts';

/**
 * The composer's two modes besides writing: answering a message (the reply goes with the next send)
 * and editing one of mine (its text in the field; Enter saves, Esc cancels, and what was being
 * written before comes back afterwards). ↑ in an empty field edits my last message.
 */
export function useComposerMode(roomId: number, text: string, setText: (text: string) => void, focus: () => void) {
  const editing = useStore((s) => (s.editing?.roomId === roomId ? s.editing : null));
  const replying = useStore((s) => s.replyingTo[roomId] ?? null);
  const draft = useRef<string | null>(null);

  // Before paint, so the banner and the field's text change together.
  useLayoutEffect(() => {
    if (editing) {
      if (draft.current === null) draft.current = text;
      setText(editing.body);
      focus();
    } else if (draft.current !== null) {
      setText(draft.current);
      draft.current = null;
    }
  }, [editing?.id]);

  useEffect(() => {
    if (replying) focus();
  }, [replying?.id]);

  return {
    editing,
    replying,
    /** Enter while editing saves the edit (with who the new text mentions) instead of sending; true when it did. */
    submitEdit(body: string, who: { mentions: number[]; mentionAll: boolean }): boolean {
      if (!editing) return false;
      saveEdit(editing, body, who);
      return true;
    },
    /** What the next send carries (the quote of the message answered), ending the reply mode. */
    takeReply(): { replyTo?: ReplyQuote } {
      if (!replying) return {};
      cancelReply(roomId);
      return { replyTo: quoteOf(replying) };
    },
    /** Esc and ↑; true when the key was used. */
    onKeyDown(e: KeyboardEvent): boolean {
      if (e.key === 'Escape' && (editing || replying)) {
        if (editing) cancelEdit();
        else cancelReply(roomId);
        return true;
      }
      if (e.key === 'ArrowUp' && !text && !editing) {
        const last = lastEditable(getState().timelines[roomId]?.messages ?? [], getState().me?.id ?? 0);
        if (!last) return false;
        startEdit(last);
        return true;
      }
      return false;
    },
  };
}

function lastEditable(messages: readonly Message[], meId: number): Message | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (canEdit(messages[i]!, meId)) return messages[i];
  return undefined;
}
