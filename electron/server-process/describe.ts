import path from 'node:path';
import type { RunningServer } from '../../server/index.ts';
import type { ServerStats, ServerToShell } from '../shared/server-messages.ts';

type StateMessage = Extract<ServerToShell, { type: 'state' }>;

/** The full `state` message for the shell, from the running server (or its absence). */
export async function describeState(server: RunningServer | undefined, managerKey: string, error?: string): Promise<StateMessage> {
  if (!server) {
    return { type: 'state', running: false, https: false, url: null, port: null, ...(error ? { error } : {}) };
  }
  const { services, port } = server;
  const https = services.https.enabled;
  const cert = services.https.state().cert;
  const state: StateMessage = {
    type: 'state',
    running: true,
    https,
    url: `${https ? 'https' : 'http'}://localhost:${port}`,
    port,
    dataDir: services.config.dataDir,
    logFile: services.logFile,
    // The console stays on plain loopback HTTP whatever the HTTPS setting (see scheme-redirect.ts).
    managerUrl: `http://127.0.0.1:${port}/manager#key=${managerKey}`,
  };
  if (cert) {
    const ca = await services.https.caInfo();
    state.cert = {
      fingerprintSha256: cert.fingerprintSha256,
      notAfter: new Date(cert.notAfter).toISOString(),
      dns: cert.dns,
      ip: cert.ip,
      caFingerprintSha256: ca.fingerprintSha256,
      caFile: path.join(services.https.certDir, 'ca.crt'),
    };
  }
  return state;
}

export function describeStats(server: RunningServer): ServerStats {
  const snap = server.services.stats.snapshot();
  return {
    at: snap.now.t,
    connections: snap.now.connections,
    onlineUsers: snap.now.onlineUsers,
    messagesPerMinute: snap.messagesPerMinute,
    uptimeSec: snap.uptimeSec,
    cpuPercent: snap.now.cpuPercent,
    rssBytes: snap.now.rssBytes,
    dbSizeBytes: snap.dbBytes,
    diskFreeBytes: snap.diskFreeBytes,
    diskLow: snap.diskLow,
    backupStale: server.services.backups.warnings().includes('no_recent_backup'),
  };
}
