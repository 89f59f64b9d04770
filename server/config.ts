import { z } from 'zod';

/** What the app itself needs; tests pass a part of it to createApp. */
export const appConfigSchema = z.object({
  /** JSON API bodies. */
  bodyLimitBytes: z.number().int().positive().default(1 << 20),
  /** Raw bounce messages, POST /v1/inbound/dsn (a DSN may carry the whole returned message). */
  messageLimitBytes: z.number().int().positive().default(10 << 20),
  emailLogDays: z.number().int().min(1).max(365).default(14),
  /** How long an unbounce stays in the sync feed; older cursors get 410 and resync from zero. */
  tombstoneDays: z.number().int().min(1).max(3650).default(90),
});
export type AppConfig = z.infer<typeof appConfigSchema>;

export const DEFAULT_DB = 'data/bounce-guard.sqlite';
export const RAW_RETENTION_DAYS = 30;

/** `server/main.ts` and `cli serve`: flags win over environment variables, which win over the defaults. */
export const serverConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65_535).default(8787),
  db: z.string().min(1).default(DEFAULT_DB),
  /** Base of the URLs given to ESPs and the extension; defaults to http://host:port. */
  publicUrl: z.url().optional(),
  retentionMinutes: z.coerce.number().positive().default(60),
  /** Days a raw payload keeps its body (a DSN usually quotes the bounced mail) before retention empties it; 0: forever. */
  rawRetentionDays: z.coerce.number().int().min(0).max(36_500).default(RAW_RETENTION_DAYS),
  /** The first start creates this org and admin and prints the admin's token. */
  firstOrg: z.string().trim().min(1).max(100).default('My organisation'),
  firstAdmin: z.string().trim().min(3).max(320).default('admin@localhost'),
  /** The relay the notifier mails users through (server/notify), e.g. smtp://127.0.0.1:2525; unset: no mail. */
  smtpUrl: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The notifier's From, e.g. `Bounce Guard <bounce-guard@example.com>`; required with smtpUrl. */
  mailFrom: z.string().trim().min(3).max(320).optional(),
  /** The SMTP listener for forwarded bounce messages (server/smtp), on 127.0.0.1; unset: off. */
  smtpListenPort: z.coerce.number().int().min(0).max(65_535).optional(),
  app: appConfigSchema.default(appConfigSchema.parse({})),
}).refine((config) => config.smtpUrl === undefined || config.mailFrom !== undefined, {
  message: 'BOUNCE_GUARD_MAIL_FROM is required with BOUNCE_GUARD_SMTP_URL',
  path: ['mailFrom'],
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;

const envNames = {
  host: 'BOUNCE_GUARD_HOST',
  port: 'BOUNCE_GUARD_PORT',
  db: 'BOUNCE_GUARD_DB',
  publicUrl: 'BOUNCE_GUARD_PUBLIC_URL',
  retentionMinutes: 'BOUNCE_GUARD_RETENTION_MINUTES',
  rawRetentionDays: 'BOUNCE_GUARD_RAW_RETENTION_DAYS',
  firstOrg: 'BOUNCE_GUARD_FIRST_ORG',
  firstAdmin: 'BOUNCE_GUARD_FIRST_ADMIN',
  smtpUrl: 'BOUNCE_GUARD_SMTP_URL',
  mailFrom: 'BOUNCE_GUARD_MAIL_FROM',
  smtpListenPort: 'BOUNCE_GUARD_SMTP_LISTEN_PORT',
} as const;

export function parseServerConfig(
  env: Record<string, string | undefined>,
  flags: Partial<Record<keyof typeof envNames, string>>,
): z.ZodSafeParseResult<ServerConfig> {
  const input: Record<string, string> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const value = flags[key as keyof typeof envNames] ?? env[name];
    if (value !== undefined && value !== '') input[key] = value;
  }
  return serverConfigSchema.safeParse(input);
}

export const baseUrl = (config: ServerConfig, port = config.port): string =>
  config.publicUrl?.replace(/\/+$/, '') ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
