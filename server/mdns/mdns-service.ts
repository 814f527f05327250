import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { mdnsHostname, startMdnsResponder, type MdnsResponder } from './mdns-responder.ts';

export interface MdnsState {
  /** The switch (config `mdns`). */
  enabled: boolean;
  /** `sotong.local`, whether or not it is answered. */
  hostname: string;
  /** Interfaces answering now; empty when off, bound to loopback, or no LAN is up. */
  interfaces: string[];
}

/** The `.local` name of the running server: started once it listens, stopped when it closes. */
export class MdnsService {
  private responder: MdnsResponder | undefined;

  constructor(
    private readonly config: Pick<Config, 'mdns' | 'mdnsName' | 'host'>,
    private readonly logger: Logger,
  ) {}

  get hostname(): string {
    return mdnsHostname(this.config.mdnsName);
  }

  async start(port: number, scheme: () => 'http' | 'https'): Promise<void> {
    if (!this.config.mdns || this.responder) return;
    this.responder = await startMdnsResponder({ name: this.config.mdnsName, port, host: this.config.host, scheme, logger: this.logger });
  }

  async stop(): Promise<void> {
    const responder = this.responder;
    this.responder = undefined;
    await responder?.stop();
  }

  state(): MdnsState {
    return { enabled: this.config.mdns, hostname: this.hostname, interfaces: this.responder?.interfaces ?? [] };
  }
}
