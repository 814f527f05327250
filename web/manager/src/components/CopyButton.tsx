import { useEffect, useState } from 'preact/hooks';
import { copyText } from '../../../shared/clipboard.ts';
import { t } from '../lib/i18n.ts';

export function CopyButton({ text, testId, quiet }: { text: string; testId?: string; quiet?: boolean }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1800);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      class={quiet ? 'btn btn-quiet btn-small' : 'btn btn-secondary'}
      data-testid={testId}
      onClick={() => void copyText(text).then((ok) => ok && setCopied(true))}
    >
      {copied ? `✓ ${t.copied}` : t.copy}
    </button>
  );
}
