import { useEffect, useState } from 'preact/hooks';
import { SEARCH_QUERY_MAX } from '../../../../server/protocol/limits.ts';
import { ts } from '../../lib/i18n-search.ts';
import { jumpToMessage } from '../../state/jump.ts';
import { runSearch, searchMore, setSearchQuery, setSearchRoom } from '../../state/search.ts';
import { getState, useStore } from '../../state/store.ts';
import { showToast } from '../../state/toast.ts';
import { CloseIcon } from '../common/icons.tsx';
import { roomFace } from '../common/roomInfo.ts';
import { SearchBox } from '../common/SearchBox.tsx';
import { SearchResultItem } from './SearchResultItem.tsx';

/** Wait this long after the last key before searching what is typed. */
const TYPING_PAUSE_MS = 300;
/** Load the next page this close to the end of the list. */
const BOTTOM_TRIGGER = 240;

/** The search tab: a query over all my rooms or one, results newest first, each opening its room at the message. */
export function SearchPanel() {
  const search = useStore((s) => s.search);
  const rooms = useStore((s) => s.rooms);
  const users = useStore((s) => s.users);
  const meId = useStore((s) => s.me?.id ?? 0);
  const deleted = useStore((s) => s.deletedMessages);
  const [opened, setOpened] = useState<number | null>(null);

  useEffect(() => {
    const s = getState().search;
    // Coming back to the tab with its results still fresh: nothing to do.
    if (s.query.trim() === s.ran && s.status === 'done') return;
    const timer = setTimeout(() => void runSearch(), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search.query]);

  const more = () => searchMore().catch((e: unknown) => showToast((e as Error).message, 'error'));
  const onScroll = (e: Event) => {
    const el = e.currentTarget as HTMLElement;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_TRIGGER) void more();
  };
  const open = (roomId: number, seq: number, messageId: number) => {
    setOpened(messageId);
    jumpToMessage(roomId, seq).catch((e: unknown) => showToast((e as Error).message, 'error'));
  };

  const scopeRoom = search.roomId !== null ? rooms[search.roomId] : undefined;
  const scopeTitle = scopeRoom ? roomFace(scopeRoom, meId, users).title : '';
  const results = search.results.filter((r) => !deleted.has(r.message.id));
  const typed = search.query.trim() !== '';

  return (
    <section class="panel search-panel" data-testid="search-panel">
      <header class="panel-head">
        <h1>{ts.search}</h1>
      </header>
      <SearchBox
        placeholder={scopeRoom ? ts.searchIn(scopeTitle) : ts.searchMessages}
        value={search.query}
        onInput={setSearchQuery}
        onKeyDown={(e) => {
          // Enter searches at once (not while the IME is still composing a syllable).
          if (e.key === 'Enter' && !e.isComposing) void runSearch();
        }}
        maxLength={SEARCH_QUERY_MAX}
        autoFocus
        testid="search-input"
      />
      {scopeRoom && (
        <div class="search-scope">
          <span class="search-scope-chip" data-testid="search-scope">
            {ts.onlyRoom(scopeTitle)}
            <button type="button" onClick={() => setSearchRoom(null)} title={ts.removeRoomFilter} aria-label={ts.removeRoomFilter} data-testid="search-all-rooms">
              <CloseIcon size={14} />
            </button>
          </span>
        </div>
      )}
      {search.status === 'done' && results.length > 0 && (
        <div class="search-count" data-testid="search-count">
          {ts.resultCount(results.length, search.hasMore)}
        </div>
      )}
      <ul class="list search-results" onScroll={onScroll} data-testid="search-results">
        {results.map((r) => (
          <SearchResultItem
            key={r.message.id}
            result={r}
            room={rooms[r.message.roomId]}
            showRoom={search.roomId === null}
            active={opened === r.message.id}
            onOpen={() => open(r.message.roomId, r.message.seq, r.message.id)}
          />
        ))}
        {search.hasMore && search.status === 'done' && (
          <li class="search-more">
            <button type="button" class="btn" onClick={() => void more()} disabled={search.loadingMore} data-testid="search-more">
              {search.loadingMore && <span class="spinner" />}
              {ts.moreResults}
            </button>
          </li>
        )}
      </ul>
      <SearchNotice typed={typed} status={search.status} shown={results.length} ran={search.ran} error={search.error} scoped={!!scopeRoom} />
    </section>
  );
}

interface NoticeProps {
  typed: boolean;
  status: 'idle' | 'loading' | 'done' | 'error';
  shown: number;
  ran: string;
  error: string | null;
  scoped: boolean;
}

/** What the panel says when there are no results to list: a hint, searching, nothing found, a failure. */
function SearchNotice({ typed, status, shown, ran, error, scoped }: NoticeProps) {
  if (status === 'loading' && shown === 0)
    return (
      <div class="list-empty search-empty" data-testid="search-loading">
        <span class="spinner" /> {ts.searching}
      </div>
    );
  if (status === 'error')
    return (
      <div class="list-empty search-empty" data-testid="search-error" role="alert">
        <p>{ts.searchFailed}</p>
        <p class="muted">{error}</p>
        <button type="button" class="btn" onClick={() => void runSearch()}>
          {ts.retry}
        </button>
      </div>
    );
  if (status === 'done' && shown === 0)
    return (
      <div class="list-empty search-empty" data-testid="search-none">
        <p>{ts.noResults(ran)}</p>
        {scoped ? (
          <button type="button" class="btn" onClick={() => setSearchRoom(null)}>
            {ts.searchAllRooms}
          </button>
        ) : (
          <p class="muted">{ts.noResultsHint}</p>
        )}
      </div>
    );
  if (!typed) return <div class="list-empty search-empty search-hint">{ts.searchHint}</div>;
  return null;
}
