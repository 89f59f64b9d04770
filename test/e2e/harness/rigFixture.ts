import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A tiny page that proves the offline rig itself (routing, assets, 404s, refusals, the sent-log contract),
 * independent of the Gmail fixtures. Written at run time to a temp folder, never into test/fixtures/gmail.
 */
export const RIG_PAGE = 'rig';
export const RIG_SENT = { to: ['ana@example.com'], subject: 'rig' };

export function writeRigFixture(): string {
  const dir = path.join(os.tmpdir(), 'bounce-guard-e2e-rig');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `${RIG_PAGE}.html`),
    `<!doctype html><html><head><meta charset="utf-8"><title>Offline rig</title>
<script src="/fixture-assets/rig.js"></script></head>
<body><h1>Offline rig</h1><ul id="fixture-sent-log"><li data-sent='${JSON.stringify(RIG_SENT)}'>sent</li></ul></body></html>`,
  );
  writeFileSync(
    path.join(dir, 'rig.js'),
    `document.documentElement.dataset.rigAsset = 'loaded';\ndocument.documentElement.dataset.fixtureReady = 'true';\n`,
  );
  return dir;
}

/** Runs in the rig page: what a mail.google.com 404 and an outside host look like from inside it. */
export async function probeNetwork(): Promise<{ missing: number; outside: string }> {
  const missing = (await fetch('/mail/u/0/no-such-fixture')).status;
  const outside = await fetch('https://example.com/').then(
    (response) => `answered ${response.status}`,
    () => 'refused',
  );
  return { missing, outside };
}
