import type { Answer, Question } from 'dns-packet';
import { isIP } from 'node:net';

/** What the responder says about itself on one link. */
export interface MdnsIdentity {
  /** `sotong.local`. */
  hostname: string;
  /** The service instance's label, shown by service browsers. */
  instance: string;
  port: number;
  scheme: 'http' | 'https';
  addresses: string[];
}

/** RFC 6762 §10: 120 s for records naming a host, 75 min for the others. */
const HOST_TTL = 120;
const OTHER_TTL = 4500;
const SERVICES = '_services._dns-sd._udp.local';

export const serviceType = (scheme: 'http' | 'https'): string => `_${scheme}._tcp.local`;
export const instanceName = (id: Pick<MdnsIdentity, 'instance' | 'scheme'>): string => `${id.instance}.${serviceType(id.scheme)}`;

/** Every record the responder owns: the name's A/AAAA and the web service's PTR/SRV/TXT. */
export function ownRecords(id: MdnsIdentity): Answer[] {
  const type = serviceType(id.scheme);
  const instance = instanceName(id);
  return [
    ...id.addresses.map((ip): Answer => ({ name: id.hostname, type: isIP(ip) === 6 ? 'AAAA' : 'A', ttl: HOST_TTL, flush: true, data: ip })),
    { name: SERVICES, type: 'PTR', ttl: OTHER_TTL, data: type },
    { name: type, type: 'PTR', ttl: OTHER_TTL, data: instance },
    { name: instance, type: 'SRV', ttl: HOST_TTL, flush: true, data: { port: id.port, target: id.hostname, priority: 0, weight: 0 } },
    { name: instance, type: 'TXT', ttl: OTHER_TTL, flush: true, data: ['path=/'] },
  ];
}

/**
 * The answer to a query: the records asked for, plus (as additionals) the ones a browser needs
 * next — the SRV/TXT behind a PTR and the addresses behind an SRV. Null when nothing asked is ours.
 */
export function replyTo(questions: readonly Question[], id: MdnsIdentity): { answers: Answer[]; additionals: Answer[] } | null {
  const own = ownRecords(id);
  const matches = (q: Question, r: Answer) => q.name.toLowerCase() === r.name.toLowerCase() && ((q.type as string) === 'ANY' || q.type === r.type);
  const answers = own.filter((r) => questions.some((q) => matches(q, r)));
  if (answers.length === 0) return null;
  const follows = new Set<string>();
  for (const r of answers) {
    if (r.type === 'PTR' && r.name !== SERVICES) follows.add(`${r.data}`);
    if (r.type === 'PTR' || r.type === 'SRV') follows.add(id.hostname);
  }
  const additionals = own.filter((r) => !answers.includes(r) && follows.has(r.name) && r.type !== 'PTR');
  return { answers, additionals };
}

/** Records with a zero TTL: "forget me", sent when the server stops. */
export function goodbye(id: MdnsIdentity): Answer[] {
  return ownRecords(id).map((r) => ({ ...r, ttl: 0 }) as Answer);
}
