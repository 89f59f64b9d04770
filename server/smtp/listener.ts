import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../db/open';
import { userByToken } from '../db/users';
import { ingestRawMessage } from '../inbound/ingest';
import type { Notifier } from '../notify/notifier';

export interface SmtpListenerOptions {
  db: Db;
  now: () => number;
  emailLogMs: number;
  notifier: Notifier;
  /** 0: any free port (tests). */
  port: number;
  /** Largest message accepted (advertised as SIZE; bigger ones get 552). */
  sizeLimit: number;
  log: (line: Record<string, unknown>) => void;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply with its code; smtp-server sends `responseCode` and the message. */
const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/**
 * Bounce messages by SMTP, for a mailbox rule or MTA that forwards them: listens on 127.0.0.1 only, with AUTH
 * PLAIN or LOGIN where the password is an org admin's API token (any user name). The loopback binding is why a
 * password without TLS is acceptable. Mail before AUTH gets 530, a bad token 535, an oversize message 552; each
 * accepted message goes the way of POST /v1/inbound/dsn (server/inbound/ingest.ts) for the token's org.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { db, log } = options;
  const deps = { db, now: options.now, emailLogMs: options.emailLogMs, notifier: options.notifier };
  const server = new SMTPServer({
    name: 'bounce-guard',
    banner: 'Bounce Guard inbound bounces',
    logger: false,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    size: options.sizeLimit,
    maxClients: 20,
    closeTimeout: 5_000,
    onAuth(auth, _session, callback) {
      const user = typeof auth.password === 'string' ? userByToken(db, auth.password) : undefined;
      if (user === undefined || user.role !== 'admin') {
        callback(smtpError(535, 'Authentication failed: the password must be an org admin’s API token'));
        return;
      }
      callback(null, { user: String(user.orgId) });
    },
    onData(stream, session, callback) {
      void receive(stream, session).then(
        (message) => callback(null, message),
        (error: Error) => callback(error),
      );
    },
  });

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw smtpError(552, `Message exceeds the ${options.sizeLimit}-byte limit`);
    const orgId = Number(session.user);
    try {
      const result = await ingestRawMessage(deps, orgId, new Uint8Array(Buffer.concat(chunks)));
      log({ event: 'smtp-message', orgId, ...result });
      return `Stored: ${result.inserted} new, ${result.duplicates} known of ${result.received} reported`;
    } catch (error) {
      log({ event: 'smtp-error', orgId, error: error instanceof Error ? error.message : String(error) });
      // Temporary: the forwarding MTA keeps the message and tries again.
      throw smtpError(451, 'Could not store the message; try again later');
    }
  }

  server.on('error', (error) => log({ event: 'smtp-error', error: error.message }));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
