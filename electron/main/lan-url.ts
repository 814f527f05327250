/**
 * The addresses employees type into a browser, best first: IPv4 before IPv6 because every phone
 * resolves it and people can read it aloud, then the PC's name.
 */
export function lanUrls(options: { https: boolean; port: number | null; addresses: string[]; hostname?: string }): string[] {
  const { https, port, addresses, hostname } = options;
  if (port === null) return [];
  const scheme = https ? 'https' : 'http';
  const suffix = (https && port === 443) || (!https && port === 80) ? '' : `:${port}`;
  const hosts = [...addresses.filter((a) => !a.includes(':')), ...addresses.filter((a) => a.includes(':')).map((a) => `[${a}]`)];
  if (hostname) hosts.push(hostname.toLowerCase());
  return hosts.map((host) => `${scheme}://${host}${suffix}`);
}
