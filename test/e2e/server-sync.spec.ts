import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './harness/fixtures';
import { repoRoot } from './harness/paths';
import { startServer, type ServerRig } from './harness/server';

// The whole loop on one machine: a real bounce message goes into a real server (SQLite file, 127.0.0.1), the
// extension syncs the org's suppression list, Gmail warns before Send, and Unbounce on the popup lifts it again.

const bounceMessage = readFileSync(path.join(repoRoot, 'test/fixtures/bounces/maildir/bsd/lhost-postfix-04.eml'));
const bouncedAddress = 'kijitora@example.co.jp';

let server: ServerRig;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test('a bounce ingested by the server warns in Gmail, and Unbounce lifts it', async ({
  openFixture,
  openExtensionPage,
}) => {
  const [admin] = server.cli(['users', 'add', '--org', 'Acme', '--email', 'admin@acme.test', '--role', 'admin']);
  const token = String(admin?.token);
  const ingest = await fetch(`${server.url}/v1/inbound/dsn`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'message/rfc822' },
    body: bounceMessage,
  });
  expect(ingest.status).toBeLessThan(300);

  const options = await openExtensionPage('options.html');
  await options.getByLabel('Server URL').fill(server.url);
  await options.getByLabel('Access token').fill(token);
  await options.getByRole('button', { name: 'Save connection' }).click();

  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByText(/Bounce list synced/)).toBeVisible({ timeout: 20_000 });
  await expect(popup.getByText(bouncedAddress)).toBeVisible();
  await expect(popup.getByText(/address does not exist/i)).toBeVisible();

  const gmail = await openFixture('popup', { to: bouncedAddress });
  const findings = gmail.getByRole('region', { name: 'Bounce Guard' });
  await expect(findings).toContainText(bouncedAddress);
  await expect(findings).toContainText(/does not exist/);

  await popup.bringToFront();
  await popup.getByRole('button', { name: `Unbounce ${bouncedAddress}` }).click();
  await popup.getByLabel(/Why is .* fine now/).fill('Address confirmed by phone');
  await popup.getByRole('button', { name: `Unbounce ${bouncedAddress}` }).click();
  await expect(popup.getByText(bouncedAddress)).toHaveCount(0, { timeout: 20_000 });

  await gmail.bringToFront();
  await expect(findings).toHaveCount(0);
});

test('a rejected token shows in the popup and changes nothing', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  await options.getByLabel('Server URL').fill(server.url);
  await options.getByLabel('Access token').fill('bg_not_a_real_token');
  await options.getByRole('button', { name: 'Save connection' }).click();
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByRole('alert')).toContainText(/did not accept the access token/, { timeout: 20_000 });
  await expect(popup.getByText('No bounces in the last 14 days.')).toBeVisible();
});

test('a mail sent from Gmail lands in the team email log, where the admin sees it', async ({
  openFixture,
  openExtensionPage,
}) => {
  const [member] = server.cli(['users', 'add', '--org', 'Acme', '--email', 'eva@acme.test', '--role', 'member']);
  const [admin] = server.cli(['users', 'add', '--org', 'Acme', '--email', 'boss@acme.test', '--role', 'admin']);
  const options = await openExtensionPage('options.html');
  await options.getByLabel('Server URL').fill(server.url);
  await options.getByLabel('Access token').fill(String(member?.token));
  await options.getByRole('button', { name: 'Save connection' }).click();
  await expect(options.getByLabel('Add my sent mail to the team’s email log')).toBeChecked();
  await options.getByLabel('By email').check();
  await expect(options.getByText('Saved, here and on your server.')).toBeVisible();
  const me = await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${String(member?.token)}` } });
  expect(await me.json()).toMatchObject({ email: 'eva@acme.test', notify: 'email' });

  const gmail = await openFixture('popup', { to: 'client@example.org', subject: 'Quote 7' });
  await gmail.locator('[role=button].aoO').click();

  const logOf = async (token: unknown) => {
    const response = await fetch(`${server.url}/v1/emails`, { headers: { Authorization: `Bearer ${String(token)}` } });
    return ((await response.json()) as { emails: { subject: string; sender: string }[] }).emails;
  };
  await expect.poll(async () => (await logOf(admin?.token)).map((e) => [e.sender, e.subject])).toContainEqual([
    'eva@acme.test',
    'Quote 7',
  ]);
  expect((await logOf(member?.token)).map((e) => e.subject)).toContain('Quote 7');
});
