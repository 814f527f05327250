import type { ManagerState } from '../../../../server/protocol/manager.ts';
import { t } from '../lib/i18n.ts';
import { CopyButton } from './CopyButton.tsx';
import { QrCode } from './QrCode.tsx';

/**
 * The one thing most people come here for: the address to give to employees. The `.local` name
 * first while it is answered (it survives DHCP), the IP address beside it for devices that cannot
 * resolve names; on loopback, the plain statement that nobody else can connect.
 */
export function AddressCard({ state }: { state: ManagerState }) {
  const [ip, ...others] = state.urls;
  const name = state.mdns.url;
  return (
    <section class="card address-card" data-testid="address-card" aria-labelledby="address-title">
      <div class="address-text">
        <h2 id="address-title" class="card-title">
          {t.addressTitle}
        </h2>
        {state.loopbackOnly ? (
          <p class="warning" data-testid="loopback-only">
            {t.loopbackOnly}
          </p>
        ) : ip || name ? (
          <>
            {name && <AddressRow label={t.nameLabel} url={name} testId="name-address" />}
            {ip && <AddressRow label={name ? t.ipLabel : null} url={ip} testId="main-address" />}
            <p class="hint">{name ? t.nameHint : t.ipOnlyHint}</p>
            <p class="hint">{t.addressHint}</p>
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
      {!state.loopbackOnly && (name || ip) && (
        <div class="qr-boxes">
          {[name, ip].filter((u): u is string => !!u).map((u) => (
            <figure class="qr-box" key={u}>
              <QrCode text={u} label={u} />
              <figcaption>{u === name ? t.nameLabel : t.qrHint}</figcaption>
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}

function AddressRow({ label, url, testId }: { label: string | null; url: string; testId: string }) {
  return (
    <div class="address-entry">
      {label && <span class="label">{label}</span>}
      <div class="address-row">
        <a class="address" href={url} target="_blank" rel="noreferrer" data-testid={testId}>
          {url}
        </a>
        <CopyButton text={url} testId={`copy-${testId}`} />
      </div>
    </div>
  );
}
