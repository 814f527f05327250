import { t } from '../lib/i18n.ts';
import { Logo } from './Header.tsx';

/** Shown instead of the console when the address had no key, or an old one. */
export function NoKey({ reason }: { reason: 'missing' | 'wrong' }) {
  return (
    <main class="nokey" data-testid="no-key" data-reason={reason}>
      <div class="card nokey-card">
        <div class="brand">
          <Logo />
          <span class="brand-name">{t.title}</span>
        </div>
        <h1>{reason === 'missing' ? t.noKeyTitle : t.badKeyTitle}</h1>
        <p class="lead">{reason === 'missing' ? t.noKeyLead : t.badKeyLead}</p>
        <h2>{t.noKeyWhere}</h2>
        <ol class="nokey-steps">
          <li>{t.noKeyApp}</li>
          <li>{t.noKeyCli}</li>
        </ol>
        <div class="nokey-sample" aria-hidden="true">
          http://127.0.0.1:<i>PORT</i>/manager<b>#key=…</b>
        </div>
        <p class="hint">{t.noKeyOther}</p>
      </div>
    </main>
  );
}
