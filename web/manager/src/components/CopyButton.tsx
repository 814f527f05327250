import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n.ts';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Without a secure context the Clipboard API is missing; the old selection route still works.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

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
      onClick={() => void copyText(text).then(() => setCopied(true))}
    >
      {copied ? `✓ ${t.copied}` : t.copy}
    </button>
  );
}
