import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { CloseIcon, ShieldIcon } from '../common/icons.tsx';

const DISMISSED = 'sotong.httpsHintDismissed';

/**
 * A gentle note while the page is not a secure context: it says only what is true today — without
 * HTTPS, messages and the session cookie cross the LAN unencrypted. On the server PC itself
 * (localhost) browsers treat the page as secure, so nobody there is bothered. Dismissed for the
 * rest of the browser session.
 */
export function HttpsHint() {
  const [hidden, setHidden] = useState(() => window.isSecureContext || sessionStorage.getItem(DISMISSED) === '1');
  if (hidden) return null;
  const dismiss = () => {
    sessionStorage.setItem(DISMISSED, '1');
    setHidden(true);
  };
  return (
    <div class="https-hint" role="note" data-testid="https-hint">
      <ShieldIcon size={18} />
      <span>
        {t.httpsOffHint} <a href="/ca" target="_blank" rel="noopener">{t.httpsOffCa}</a>
      </span>
      <button type="button" class="icon-btn" aria-label={t.dismiss} title={t.dismiss} onClick={dismiss} data-testid="https-hint-dismiss">
        <CloseIcon size={16} />
      </button>
    </div>
  );
}
