import type { Facts } from '../decide';
import type { Reason } from '../schema';
import { google, googleWorkspace } from './google';
import { hotmail, microsoft } from './microsoft';
import { providers } from './providers';
import type { Provider } from './types';

const all: readonly Provider[] = [google, googleWorkspace, microsoft, hotmail, ...providers];

const isUnder = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);
const endsWith = (host: string, suffix: string): boolean =>
  suffix.startsWith('.') ? host.endsWith(suffix) : isUnder(host, suffix);

/**
 * The provider that answered for this recipient: by the recipient's domain first (its MX is the provider's), then by
 * the remote server's name, then by the reporting server's (a provider's own outbound relay reporting), and last by
 * an error code only that provider writes.
 */
type Where = Pick<Facts, 'recipientDomain' | 'remoteMta' | 'reportingMta' | 'diagnostic'>;

function providerOf(facts: Where): Provider | undefined {
  const domain = facts.recipientDomain.toLowerCase();
  const byDomain = all.find((provider) => provider.domains.some((d) => isUnder(domain, d)));
  if (byDomain) return byDomain;
  for (const host of [facts.remoteMta, facts.reportingMta]) {
    const name = host.toLowerCase();
    if (!name) continue;
    const byHost = all.find((provider) => provider.hosts.some((suffix) => endsWith(name, suffix)));
    if (byHost) return byHost;
  }
  return all.find((provider) => provider.marker?.test(facts.diagnostic));
}

/** The reason the answering provider's documented replies give; undefined for unknown providers and replies. */
export function providerReason(facts: Facts): Reason | undefined {
  if (!facts.diagnostic) return undefined;
  return providerOf(facts)?.read(facts);
}
