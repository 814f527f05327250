import { useState } from 'preact/hooks';
import type { ManagerState } from '../../../../server/protocol/manager.ts';
import type { ManagerApi } from '../lib/api.ts';
import { daysUntil, formatDate, formatFingerprint } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { CopyButton } from './CopyButton.tsx';
import { Switch } from './Switch.tsx';

/** The CA page as employees reach it: plain http on the LAN address, since they do not trust us yet. */
export function caPageUrl(urls: readonly string[]): string | null {
  const first = urls[0];
  if (!first) return null;
  try {
    return `http://${new URL(first).host}/ca`;
  } catch {
    return null;
  }
}

/** Before the switch: how many open pages' browsers already trust the certificate (their trust probe). */
function TrustSummary({ trust }: { trust: ManagerState['trust'] }) {
  const { connected, trusted, untrusted } = trust;
  const pending = connected - trusted - untrusted;
  if (connected === 0) {
    return (
      <p class="hint" data-testid="https-trust">
        {t.trustNobody}
      </p>
    );
  }
  return (
    <div data-testid="https-trust" data-trusted={trusted} data-untrusted={untrusted}>
      <p class="hint">
        {t.trustCounts(trusted, connected)} {pending > 0 ? t.trustPending(pending) : ''}
      </p>
      {untrusted > 0 && (
        <p class="warning" role="status" data-testid="https-trust-warning">
          {t.trustWarn(untrusted)}
        </p>
      )}
    </div>
  );
}

export function HttpsCard({ state, api, onState }: { state: ManagerState; api: ManagerApi; onState(s: ManagerState): void }) {
  const [busy, setBusy] = useState<'toggle' | 'reissue' | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const run = async (kind: 'toggle' | 'reissue', action: () => Promise<ManagerState>, done?: string) => {
    setBusy(kind);
    setMessage(null);
    try {
      onState(await action());
      if (done) setMessage({ kind: 'ok', text: done });
    } catch (err) {
      setMessage({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(null);
    }
  };

  const cert = state.cert;
  const caUrl = caPageUrl(state.urls);
  const days = cert ? daysUntil(cert.notAfter) : 0;
  return (
    <section class="card https-card" aria-labelledby="https-title" data-testid="https-card" data-https={state.https ? 'on' : 'off'}>
      <div class="card-head">
        <h2 id="https-title" class="card-title">
          {t.httpsTitle}
        </h2>
        <div class="switch-row">
          <span class={`switch-state ${state.https ? 'on' : ''}`} data-testid="https-state">
            {busy === 'toggle' ? t.httpsSwitching : state.https ? t.httpsOn : t.httpsOff}
          </span>
          <Switch
            checked={state.https}
            disabled={busy !== null}
            label={t.httpsTitle}
            testId="https-switch"
            onChange={(next) => void run('toggle', () => api.setHttps(next))}
          />
        </div>
      </div>
      <p class="lead">{state.https ? t.httpsOnLead : t.httpsOffLead}</p>
      {!state.https && <TrustSummary trust={state.trust} />}

      {cert ? (
        <dl class="facts" data-testid="cert-info">
          <dt>{t.certAddresses}</dt>
          <dd class="chips" data-testid="cert-addresses">
            {[...cert.dns, ...cert.ip].map((a) => (
              <code key={a} class="chip">
                {a}
              </code>
            ))}
          </dd>
          <dt>{t.certExpires}</dt>
          <dd data-testid="cert-expiry">
            {formatDate(cert.notAfter)} <span class={`muted${days < 30 ? ' danger-text' : ''}`}>({t.daysLeft(days)})</span>
          </dd>
          <dt>{t.certFingerprint}</dt>
          <dd>
            <code class="fingerprint" data-testid="cert-fingerprint">
              {formatFingerprint(cert.fingerprintSha256)}
            </code>
          </dd>
        </dl>
      ) : (
        <p class="hint" data-testid="cert-none">
          {t.certNone}
        </p>
      )}

      {cert && (
        <div class="action-row">
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="cert-reissue"
            disabled={busy !== null}
            onClick={() => void run('reissue', api.reissueCert, t.reissued)}
          >
            {busy === 'reissue' ? t.reissuing : t.reissue}
          </button>
          <span class="hint">{t.reissueHint}</span>
        </div>
      )}
      {message && (
        <p class={message.kind === 'ok' ? 'notice ok' : 'notice error'} role="status" data-testid="https-message">
          {message.text}
        </p>
      )}

      <div class="ca-box" data-testid="ca-box">
        <h3>{t.caTitle}</h3>
        <p class="hint">{t.caHint}</p>
        <div class="address-row small">
          <code class="ca-url" data-testid="ca-url">
            {caUrl ?? '/ca'}
          </code>
          {caUrl && <CopyButton text={caUrl} quiet />}
          <a class="btn btn-quiet btn-small" href="/ca" target="_blank" rel="noreferrer" data-testid="ca-link">
            {t.caOpen} ↗
          </a>
        </div>
        {state.caFingerprintSha256 && (
          <p class="ca-fp">
            <span class="label">{t.caFingerprint}</span>
            <code class="fingerprint">{formatFingerprint(state.caFingerprintSha256)}</code>
          </p>
        )}
      </div>
    </section>
  );
}
