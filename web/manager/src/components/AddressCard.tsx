import type { ManagerState } from '../../../../server/protocol/manager.ts';
import { t } from '../lib/i18n.ts';
import { CopyButton } from './CopyButton.tsx';
import { QrCode } from './QrCode.tsx';

/** The one thing most people come here for: the address to give to employees. */
export function AddressCard({ state }: { state: ManagerState }) {
  const [main, ...others] = state.urls;
  return (
    <section class="card address-card" data-testid="address-card" aria-labelledby="address-title">
      <div class="address-text">
        <h2 id="address-title" class="card-title">
          {t.addressTitle}
        </h2>
        {main ? (
          <>
            <div class="address-row">
              <a class="address" href={main} target="_blank" rel="noreferrer" data-testid="main-address">
                {main}
              </a>
              <CopyButton text={main} testId="copy-address" />
            </div>
            {state.loopbackOnly ? (
              <p class="warning" data-testid="loopback-only">
                {t.loopbackOnly}
              </p>
            ) : (
              <p class="hint">{t.addressHint}</p>
            )}
            {others.length > 0 && (
              <div class="other-addresses">
                <span class="label">{t.otherAddresses}</span>
                {others.map((u) => (
                  <code key={u} class="chip">
                    {u}
                  </code>
                ))}
              </div>
            )}
          </>
        ) : (
          <p class="warning" data-testid="no-address">
            {t.addressNone}
          </p>
        )}
      </div>
      {main && !state.loopbackOnly && (
        <figure class="qr-box">
          <QrCode text={main} label={main} />
          <figcaption>{t.qrHint}</figcaption>
        </figure>
      )}
    </section>
  );
}
