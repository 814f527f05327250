import { ChevronLeftIcon, ChevronRightIcon } from '../common/icons.tsx';
import { tlog } from '../../lib/i18n-admin-log.ts';

interface Props {
  offset: number;
  limit: number;
  /** Rows on this page. */
  shown: number;
  total: number;
  onOffset: (offset: number) => void;
  testid: string;
}

/** "1–50 / 전체 123" with previous and next, under an admin list. */
export function Pager({ offset, limit, shown, total, onOffset, testid }: Props) {
  if (total === 0) return null;
  return (
    <div class="pager" data-testid={testid}>
      <span class="muted small">{tlog.pageOf(offset + 1, offset + shown, total)}</span>
      {total > limit && (
        <>
      <button type="button" class="btn small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))} aria-label={tlog.prev}>
        <ChevronLeftIcon size={16} /> {tlog.prev}
      </button>
      <button type="button" class="btn small" disabled={offset + shown >= total} onClick={() => onOffset(offset + limit)} aria-label={tlog.next} data-testid={`${testid}-next`}>
        {tlog.next} <ChevronRightIcon size={16} />
      </button>
        </>
      )}
    </div>
  );
}
