import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { lang } from '../../lib/i18n.ts';
import { tc } from '../../lib/i18n-composer.ts';
import { SearchBox } from '../common/SearchBox.tsx';
import { byEmoji, cellsFor, type EmojiTab } from './emoji-cells.ts';
import { EMOJI_GROUPS, loadEmoji, type Emoji } from './emoji-data.ts';
import { EmojiGrid } from './EmojiGrid.tsx';
import { noteRecentEmoji, recentEmoji, saveSkinTone, savedSkinTone } from './recent-emoji.ts';

interface Props {
  /** An emoji was chosen (click, tap or Enter). The picker stays open; close it from here if wanted. */
  onPick: (emoji: string) => void;
  /** Esc, a click outside, or the close gesture on a phone. */
  onClose: () => void;
  /** Where the panel sits (the caller's class); on a phone it is always a bottom sheet. */
  class?: string;
}

/** Each tab's icon. */
const TAB_ICON: Record<EmojiTab, string> = {
  recent: '🕘',
  'smileys-emotion': '😀',
  'people-body': '👋',
  'animals-nature': '🐻',
  'food-drink': '🍔',
  'travel-places': '✈️',
  activities: '⚽',
  objects: '💡',
  symbols: '❤️',
};
const TONE_SAMPLES = ['✋', '✋🏻', '✋🏼', '✋🏽', '✋🏾', '✋🏿'];

/**
 * The emoji picker: tabs by category (recently used first), a search field that takes Korean and
 * English keywords, an optional skin tone, and full keyboard use (↑↓←→, Enter, Esc). Its data is a
 * separate file fetched on first open (web/emoji-asset.ts). Reused wherever an emoji is chosen.
 */
export function EmojiPicker({ onPick, onClose, class: cls }: Props) {
  const [all, setAll] = useState<Emoji[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [recent, setRecent] = useState(recentEmoji);
  const [tab, setTab] = useState<EmojiTab>(() => (recentEmoji().length ? 'recent' : 'smileys-emotion'));
  const [query, setQuery] = useState('');
  const [tone, setTone] = useState(savedSkinTone);
  const [tonesOpen, setTonesOpen] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const grid = useRef<{ focusFirst: () => void }>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    let live = true;
    setFailed(false);
    loadEmoji().then(
      (list) => live && setAll(list),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => {
    // A phone would pop its keyboard over the sheet; only focus the search with a real pointer.
    if (!matchMedia('(pointer: coarse)').matches) search.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close.current();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);

  const index = useMemo(() => (all ? byEmoji(all) : new Map<string, Emoji>()), [all]);
  const cells = useMemo(
    () => (all ? cellsFor(all, index, { tab, query, recent, tone, lang }) : []),
    [all, index, tab, query, recent, tone],
  );
  const tabs: EmojiTab[] = recent.length ? ['recent', ...EMOJI_GROUPS] : [...EMOJI_GROUPS];
  const tabName = (k: EmojiTab) => (k === 'recent' ? tc.emojiRecent : tc.emojiGroups[k]);

  const pick = (emoji: string) => {
    noteRecentEmoji(emoji);
    setRecent(recentEmoji());
    onPick(emoji);
  };

  const chooseTab = (k: EmojiTab) => {
    setTab(k);
    setQuery('');
  };

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const i = tabs.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : -1);
    const next = tabs[(i + tabs.length) % tabs.length]!;
    chooseTab(next);
    (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus();
  };

  const onSearchKey = (e: KeyboardEvent) => {
    if (e.isComposing || e.keyCode === 229) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      grid.current?.focusFirst();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (cells[0]) pick(cells[0].emoji);
    }
  };

  return (
    <>
      <div class="emoji-backdrop" onClick={onClose} data-testid="emoji-backdrop" />
      <div class={`emoji-picker ${cls ?? ''}`} role="dialog" aria-label={tc.emoji} data-testid="emoji-picker">
        <div class="emoji-head">
          <SearchBox placeholder={tc.emojiSearch} value={query} onInput={setQuery} onKeyDown={onSearchKey} inputRef={search} testid="emoji-search" />
          <div class="emoji-tone">
            <button
              type="button"
              class="emoji-tone-btn"
              aria-label={`${tc.skinTone}: ${tc.skinTones[tone]}`}
              title={tc.skinTone}
              aria-expanded={tonesOpen}
              onClick={() => setTonesOpen(!tonesOpen)}
              data-testid="emoji-tone"
            >
              {TONE_SAMPLES[tone]}
            </button>
            {tonesOpen && (
              <div class="emoji-tones" role="radiogroup" aria-label={tc.skinTone}>
                {TONE_SAMPLES.map((sample, i) => (
                  <button
                    key={i}
                    type="button"
                    role="radio"
                    aria-checked={i === tone}
                    aria-label={tc.skinTones[i]}
                    title={tc.skinTones[i]}
                    onClick={() => {
                      setTone(i);
                      saveSkinTone(i);
                      setTonesOpen(false);
                    }}
                  >
                    {sample}
                  </button>
                ))}
              </div>
            )}
          </div>
        </div>
        <div class="emoji-tabs" role="tablist" aria-label={tc.emoji} onKeyDown={onTabKey}>
          {tabs.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              class="emoji-tab"
              data-tab={k}
              aria-selected={!query && tab === k}
              tabIndex={tab === k ? 0 : -1}
              aria-label={tabName(k)}
              title={tabName(k)}
              onClick={() => chooseTab(k)}
            >
              {TAB_ICON[k]}
            </button>
          ))}
        </div>
        <div class="emoji-title">{query.trim() ? tc.emojiSearch : tabName(tab)}</div>
        {failed ? (
          <div class="emoji-empty" role="alert">
            {tc.emojiLoadFailed}
            <button type="button" class="btn" onClick={() => setAttempt(attempt + 1)}>
              {tc.emojiRetry}
            </button>
          </div>
        ) : !all ? (
          <div class="emoji-empty" aria-busy="true">
            <span class="spinner" />
          </div>
        ) : cells.length === 0 ? (
          <div class="emoji-empty">{tc.emojiNone}</div>
        ) : (
          <EmojiGrid
            key={query.trim() ? 'search' : tab}
            cells={cells}
            onPick={pick}
            onLeave={() => search.current?.focus()}
            handle={grid}
          />
        )}
      </div>
    </>
  );
}
