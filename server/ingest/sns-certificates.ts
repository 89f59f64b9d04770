import { type KeyObject, X509Certificate } from 'node:crypto';
import { get } from 'node:https';

/** Fetches the PEM at an (already allow-listed) https SigningCertURL. Injected so tests serve their own cert. */
export type FetchCertificate = (url: string) => Promise<string>;

export interface CertificateCache {
  /** The RSA public key of the certificate at `url`, valid at `nowMs`; rejects when it cannot be had. */
  publicKey(url: string, nowMs: number): Promise<KeyObject>;
}

/** Certificates as fetched, kept across requests, restarts and server processes (app: the sns_certificates table). */
export interface CertificateStore {
  read(url: string): { pem: string; fetchedAt: number } | undefined;
  write(url: string, certificate: { pem: string; fetchedAt: number }): void;
}

/**
 * SNS signs every message with one of a handful of certificates, so each URL is fetched once and kept for a day
 * (AWS rotates them rarely and announces it). The store is consulted first, so a restart does not fetch again;
 * concurrent requests share one fetch; a failed fetch, or a body that is no certificate, is not kept. Callers check
 * the URL against the webhook's allow-list before asking (server/ingest/sns.ts), so nothing else is ever fetched.
 */
export function createCertificateCache(
  fetchCertificate: FetchCertificate,
  store: CertificateStore,
  { maxAgeMs = 24 * 3600_000 }: { maxAgeMs?: number } = {},
): CertificateCache {
  const inFlight = new Map<string, Promise<X509Certificate>>();

  const fetchAndStore = (url: string, nowMs: number): Promise<X509Certificate> => {
    const pending = inFlight.get(url);
    if (pending !== undefined) return pending;
    const certificate = fetchCertificate(url)
      .then((pem) => {
        const parsed = new X509Certificate(pem);
        store.write(url, { pem, fetchedAt: nowMs });
        return parsed;
      })
      .finally(() => inFlight.delete(url));
    inFlight.set(url, certificate);
    return certificate;
  };

  const load = (url: string, nowMs: number): Promise<X509Certificate> => {
    const stored = store.read(url);
    if (stored !== undefined && nowMs - stored.fetchedAt < maxAgeMs) {
      const parsed = parseCertificate(stored.pem);
      if (parsed !== undefined) return Promise.resolve(parsed);
    }
    return fetchAndStore(url, nowMs);
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

/** A stored PEM that no longer parses (a hand-edited row) is fetched again rather than failing for a day. */
function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
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
