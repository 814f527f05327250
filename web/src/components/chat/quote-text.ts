import type { ReplyQuote } from '../../../../server/protocol/index.ts';
import { t } from '../../lib/i18n.ts';
import { tm } from '../../lib/i18n-messages.ts';

/** The one line a quote shows: "deleted", the photo or file, and/or the first line of the text. */
export function quoteText(quote: ReplyQuote): string {
  if (quote.deleted) return t.messageDeleted;
  const file = quote.file && (quote.file.kind === 'image' ? tm.photo : quote.file.name);
  if (file && quote.excerpt) return `${file} · ${quote.excerpt}`;
  return file ?? quote.excerpt;
}
