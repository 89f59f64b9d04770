import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDb } from '../db/open';
import { orgByName } from '../db/orgs';
import { createWebhook } from '../db/webhooks';
import { hashWebhookPassword, webhookSettingsSchema } from '../ingest/settings';
import { CommandError, dbFile, dbOption, parsed, required, UsageError, type CommandContext } from './io';

const providerSchema = z.enum(['ses', 'sendgrid', 'mailgun', 'postmark']);

/**
 * `webhooks add --org NAME --provider ses|sendgrid|mailgun|postmark [settings]` prints the URL to give the ESP.
 * Settings: ses `--topic-arn ARN` (repeatable), sendgrid `--public-key KEY`, mailgun `--signing-key KEY`,
 * postmark `[--username NAME]` (a password is generated and printed once); any provider `--settings JSON`.
 */
export function webhooksAdd({ args, env, print }: CommandContext): void {
  const { values } = parsed(() =>
    parseArgs({
      args,
      options: {
        ...dbOption,
        org: { type: 'string' },
        provider: { type: 'string' },
        'topic-arn': { type: 'string', multiple: true },
        'public-key': { type: 'string' },
        'signing-key': { type: 'string' },
        username: { type: 'string' },
        settings: { type: 'string' },
        'public-url': { type: 'string' },
      },
      strict: true,
    }),
  );
  const provider = providerSchema.safeParse(required(values.provider, 'provider'));
  if (!provider.success) throw new UsageError('--provider must be ses, sendgrid, mailgun or postmark');
  let extra: Record<string, unknown> = {};
  try {
    extra = values.settings === undefined ? {} : z.record(z.string(), z.unknown()).parse(JSON.parse(values.settings));
  } catch {
    throw new UsageError('--settings must be a JSON object');
  }
  const secret: Record<string, string> = {};
  const given: Record<string, unknown> = { ...extra };
  if (values['topic-arn'] !== undefined) given.topicArns = values['topic-arn'];
  if (values['public-key'] !== undefined) given.publicKey = values['public-key'];
  if (values['signing-key'] !== undefined) given.signingKey = values['signing-key'];
  if (provider.data === 'postmark') {
    given.username = values.username ?? given.username ?? 'bounce-guard';
    secret.password = randomBytes(32).toString('base64url');
    given.passwordSha256 = hashWebhookPassword(secret.password);
  }
  const checked = webhookSettingsSchema.safeParse({ provider: provider.data, settings: given });
  if (!checked.success) throw new UsageError(`Webhook settings: ${z.prettifyError(checked.error)}`);

  const orgName = required(values.org, 'org');
  const db = openDb(dbFile(values.db, env));
  try {
    const org = orgByName(db, orgName);
    if (org === undefined) throw new CommandError(`No org named ${orgName}; users add creates one`);
    const id = createWebhook(db, { orgId: org.id, provider: provider.data, settings: checked.data.settings }, Date.now());
    const base = (values['public-url'] ?? env.BOUNCE_GUARD_PUBLIC_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
    const url = new URL(`${base}/v1/webhooks/${provider.data}/${id}`);
    if (secret.password !== undefined) {
      // Postmark takes Basic-auth credentials in the webhook URL.
      url.username = String(given.username);
      url.password = secret.password;
    }
    print({ org: orgName, provider: provider.data, id, url: url.href, ...secret });
  } finally {
    db.close();
  }
}
