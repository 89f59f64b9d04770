import { type KeyObject, X509Certificate } from 'node:crypto';
import { get } from 'node:https';

/** Fetches the PEM at an (already allow-listed) https SigningCertURL. Injected so tests serve their own cert. */
export type FetchCertificate = (url: string) => Promise<string>;

export interface CertificateCache {
  /** The RSA public key of the certificate at `url`, valid at `nowMs`; rejects when it cannot be had. */
  publicKey(url: string, nowMs: number): Promise<KeyObject>;
}

interface Entry {
  certificate: Promise<X509Certificate>;
  fetchedAt: number;
}

/**
 * SNS signs every message with one of a handful of certificates, so each URL is fetched once and kept for a day
 * (AWS rotates them rarely and announces it). Concurrent requests share one fetch; a failed fetch is not kept.
 */
export function createCertificateCache(
  fetchCertificate: FetchCertificate,
  { maxEntries = 32, ttlMs = 24 * 3600_000 }: { maxEntries?: number; ttlMs?: number } = {},
): CertificateCache {
  const entries = new Map<string, Entry>();

  const load = (url: string, nowMs: number): Promise<X509Certificate> => {
    const cached = entries.get(url);
    if (cached && nowMs - cached.fetchedAt < ttlMs) return cached.certificate;
    const certificate = fetchCertificate(url).then((pem) => new X509Certificate(pem));
    certificate.catch(() => {
      if (entries.get(url)?.certificate === certificate) entries.delete(url);
    });
    entries.delete(url);
    entries.set(url, { certificate, fetchedAt: nowMs });
    // Oldest first in a Map: drop from the front. The allow-list already keeps the set of URLs tiny.
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return certificate;
  };

  return {
    async publicKey(url, nowMs) {
      const certificate = await load(url, nowMs);
      if (nowMs < Date.parse(certificate.validFrom) || nowMs > Date.parse(certificate.validTo)) {
        throw new Error(`Signing certificate not valid now: ${url}`);
      }
      if (certificate.publicKey.asymmetricKeyType !== 'rsa') throw new Error(`Signing key is not RSA: ${url}`);
      return certificate.publicKey;
    },
  };
}

/**
 * The production `FetchCertificate`: one HTTPS GET, no redirects, small and quick. `ca` replaces the system roots
 * (tests pass their self-signed certificate; production passes nothing).
 */
export function httpsCertificateFetcher({
  ca,
  timeoutMs = 5000,
  maxBytes = 16_384,
}: { ca?: string; timeoutMs?: number; maxBytes?: number } = {}): FetchCertificate {
  return (url) =>
    new Promise((resolve, reject) => {
      if (!url.startsWith('https://')) return reject(new Error('Signing certificates are fetched over https only'));
      const request = get(url, { ca, timeout: timeoutMs }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          return reject(new Error(`Certificate fetch answered ${response.statusCode}`));
        }
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
          if (body.length > maxBytes) request.destroy(new Error('Certificate larger than expected'));
        });
        response.on('end', () => resolve(body));
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new Error('Certificate fetch timed out')));
      request.on('error', reject);
    });
}
