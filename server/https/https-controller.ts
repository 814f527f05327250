import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { CA_CERT_FILE, SERVER_CERT_FILE, caInfo, defaultHostnames, ensureCa, ensureServerCert, reissueServerCert, tlsServerOptions, type CaInfo, type IssuedCert, type LocalCa } from '../../certs/index.ts';
import type { DualProtocolServer } from './dual-protocol.ts';

export interface HttpsState {
  enabled: boolean;
  cert: { fingerprintSha256: string; notAfter: number; dns: string[]; ip: string[] } | null;
}

/** Certificate checks: addresses change with DHCP, and certificates age. */
const RECHECK_MS = 6 * 3600 * 1000;

/**
 * Owns HTTPS for the running server: the office CA, the server certificate, and whether plain or
 * TLS is the canonical scheme. Once a certificate exists TLS stays accepted even while HTTPS is
 * off, so old https bookmarks are redirected back instead of failing.
 */
export class HttpsController {
  private ca: LocalCa | undefined;
  private issued: IssuedCert | undefined;
  private timer: NodeJS.Timeout | undefined;
  enabled = false;

  private preparing: Promise<void> | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly dual: DualProtocolServer,
    private readonly logger: Logger,
    /** Extra DNS names for the server certificate (the `.local` name), beside the PC's own. */
    private readonly extraHostnames: readonly string[] = [],
    /** Called once TLS is first accepted, so open pages can probe the HTTPS origin (the trust check). */
    private readonly onTlsReady: () => void = () => {},
  ) {}

  /**
   * Accepts TLS (HTTPS still off) so pages can test whether their browser trusts the certificate
   * before the switch. Cheap once done; the console calls it whenever it reads the state.
   */
  prepare(): Promise<void> {
    this.preparing ??= this.refreshCert(false).catch((err: unknown) => {
      this.preparing = undefined;
      throw err;
    });
    return this.preparing;
  }

  get certDir(): string {
    return path.join(this.dataDir, 'certs');
  }

  async localCa(): Promise<LocalCa> {
    this.ca ??= await ensureCa(this.certDir);
    return this.ca;
  }

  /** A certificate was issued before (HTTPS was on once): TLS can be accepted at start-up cheaply. */
  get hasServerCert(): boolean {
    return existsSync(path.join(this.certDir, SERVER_CERT_FILE)) && existsSync(path.join(this.certDir, CA_CERT_FILE));
  }

  async caInfo(): Promise<CaInfo> {
    return caInfo(await this.localCa());
  }

  async enable(): Promise<void> {
    await this.refreshCert(false);
    this.enabled = true;
    this.timer ??= setInterval(() => void this.refreshCert(false).catch((err) => this.logger.error({ err }, 'certificate check failed')), RECHECK_MS);
    this.timer.unref();
    this.logger.info({ fingerprint: this.issued?.fingerprintSha256 }, 'HTTPS on');
  }

  disable(): void {
    this.enabled = false;
    this.logger.info('HTTPS off');
  }

  async reissue(): Promise<void> {
    await this.refreshCert(true);
  }

  state(): HttpsState {
    const c = this.issued;
    return {
      enabled: this.enabled,
      cert: c ? { fingerprintSha256: c.fingerprintSha256, notAfter: c.notAfter.getTime(), dns: c.sans.dns, ip: c.sans.ip } : null,
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async refreshCert(force: boolean): Promise<void> {
    const ca = await this.localCa();
    const options = { hostnames: [...defaultHostnames(), ...this.extraHostnames] };
    const issued = force ? await reissueServerCert(this.certDir, ca, options) : await ensureServerCert(this.certDir, ca, options);
    const first = !this.dual.tlsEnabled;
    if (!issued.reused || first) this.dual.setTls(tlsServerOptions(issued));
    if (!issued.reused) this.logger.info({ sans: issued.sans, notAfter: issued.notAfter }, 'server certificate issued');
    this.issued = issued;
    if (first) this.onTlsReady();
  }
}
