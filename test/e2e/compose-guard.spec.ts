import type { Locator, Page } from '@playwright/test';
import { evaluateInContentScript } from './harness/extensionWorld';
import { expect, sentLog, test } from './harness/fixtures';
import { hardBounce, seedSuppressions } from './harness/seed';
import { COMPOSE_ROOT, UI_PANEL } from './harness/selectors';

// The production build in Debian Chromium on the Gmail fixture pages (test/fixtures/gmail), driven as a person
// would: findings beside the compose, the send dialog on every send path, the one-click typo fix, fail open.

const SEND = '[role=button].aoO';
const SEND_ARCHIVE = '[role=button].Uo';
const MORE_SEND_OPTIONS = '[role=button].hG';
const SCHEDULE_ITEM = '[selector="scheduledSend"]';

const findingsIn = (scope: Page | Locator) => scope.getByRole('region', { name: 'Bounce Guard' });
const sendDialog = (page: Page) => page.getByRole('dialog', { name: /before sending/ });

interface SentRecord {
  composeId: string;
  action: string;
  to: string[];
}

async function sent(page: Page): Promise<SentRecord[]> {
  return (await sentLog(page)) as SentRecord[];
}

/** Gives a replayed or duplicated send its chance to show up before we count. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(600);
}

test('a compose with nothing wrong sends at the first click', async ({ openFixture, openExtensionPage }) => {
  const page = await openFixture('popup', { to: 'jan@example.com', subject: 'Invoice', body: 'Hello Jan' });
  await page.locator(SEND).click();
  await expect.poll(() => sent(page)).toHaveLength(1);
  await expect(sendDialog(page)).toHaveCount(0);
  expect((await sent(page))[0]).toMatchObject({ action: 'send', to: ['jan@example.com'] });
  // Nothing of ours went wrong on the way (no selector missed, no check failed).
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByRole('region', { name: 'Problems on our side' })).toContainText('our side: 0');
});

test('every compose context is found and read without a selector miss', async ({ openFixture, openExtensionPage }) => {
  for (const name of ['popup', 'multi', 'fullscreen', 'reply', 'popout', 'restored', 'german', 'legacy']) {
    const page = await openFixture(name);
    const composes = await page.locator(COMPOSE_ROOT).count();
    await expect(page.locator(UI_PANEL), name).toHaveCount(composes);
    await page.close();
  }
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByRole('region', { name: 'Problems on our side' })).toContainText('our side: 0');
});

test.describe('findings appear beside the compose', () => {
  test('a likely typo names the address and offers the fix', async ({ openFixture }) => {
    const page = await openFixture('popup', { to: 'jan@gmial.com' });
    const findings = findingsIn(page);
    await expect(findings).toContainText('jan@gmial.com');
    await expect(findings.getByRole('button', { name: /jan@gmail\.com/ })).toBeVisible();
  });

  test('a malformed address still in the typing box', async ({ openFixture }) => {
    const page = await openFixture('popup', { pendingTo: 'eva@example..com' });
    await expect(findingsIn(page)).toContainText('eva@example..com');
  });

  test('a shortened link in the body, after the body is idle', async ({ openFixture }) => {
    const page = await openFixture('popup', { to: 'jan@example.com' });
    await page.locator('[g_editable="true"]').click();
    await page.keyboard.type('Pay here: https://bit.ly/3abcDEF thanks');
    await expect(findingsIn(page)).toContainText('bit.ly/3abcDEF');
  });

  test('a recipient known to bounce says when and why', async ({ openFixture, openExtensionPage }) => {
    const options = await openExtensionPage('options.html');
    await expect(options.getByRole('heading').first()).toBeVisible();
    await seedSuppressions(options, [hardBounce('gone@example.com', 3)]);
    const page = await openFixture('popup', { to: 'Gone Person <gone@example.com>' });
    const findings = findingsIn(page);
    await expect(findings).toContainText('gone@example.com');
    await expect(findings).toContainText(/does not exist/);
    await expect(findings).toContainText(/3 days ago/);
  });

  test('an address added on the options page is known at once in an open Gmail tab', async ({
    openFixture,
    openExtensionPage,
  }) => {
    const page = await openFixture('popup', { to: 'old@example.com' });
    await expect(findingsIn(page)).toHaveCount(0);
    const options = await openExtensionPage('options.html');
    await options.getByLabel('Addresses to add').fill('old@example.com');
    await options.getByRole('button', { name: 'Add to list' }).click();
    await expect(options.getByText(/Added 1 address/)).toBeVisible();
    await page.bringToFront();
    await expect(findingsIn(page)).toContainText('old@example.com');
  });

  test('each of several composes has its own findings', async ({ openFixture }) => {
    const page = await openFixture('multi', { compose: 'c7200003', to: 'ana@hotmial.com' });
    const composes = page.locator(COMPOSE_ROOT);
    await expect(findingsIn(composes.nth(2))).toContainText('ana@hotmial.com');
    await expect(findingsIn(composes.nth(0))).toHaveCount(0);
    const opened = await page.evaluate(() => {
      const compose = (window as unknown as { __fixture: { openCompose(s: object): HTMLElement } }).__fixture.openCompose({
        to: 'leo@yaho.com',
      });
      return compose.querySelector('input[name="composeid"]')?.getAttribute('value');
    });
    expect(opened).toBeTruthy();
    await expect(findingsIn(composes.last())).toContainText('leo@yaho.com');
  });

  test('a compose restored after reload is guarded', async ({ openFixture }) => {
    const page = await openFixture('restored', { to: 'ap@gmial.com' });
    await expect(findingsIn(page)).toContainText('ap@gmial.com');
  });
});

test.describe('the one-click typo fix', () => {
  test('replaces the chip in Gmail, and the mail then sends at the first click', async ({ openFixture }) => {
    const page = await openFixture('popup', { to: 'Jan Novak <jan@gmial.com>,eva@example.org', subject: 'Offer' });
    await findingsIn(page).getByRole('button', { name: /jan@gmail\.com/ }).click();
    const chips = page.locator('[role=option][data-hovercard-id]');
    await expect(chips.filter({ has: page.locator('[data-hovercard-id="jan@gmail.com"]') }).or(
      page.locator('[data-hovercard-id="jan@gmail.com"]'),
    )).toHaveCount(1);
    await expect(page.locator('[data-hovercard-id="jan@gmial.com"]')).toHaveCount(0);
    await expect(findingsIn(page)).toHaveCount(0);
    await page.locator(SEND).click();
    await expect.poll(() => sent(page)).toHaveLength(1);
    expect((await sent(page))[0]!.to.sort()).toEqual(['eva@example.org', 'jan@gmail.com']);
  });

  test('works in the pre-2021 recipient UI', async ({ openFixture }) => {
    const page = await openFixture('legacy');
    await findingsIn(page).getByRole('button', { name: /pat@hotmail\.com/ }).click();
    await expect(findingsIn(page)).toHaveCount(0);
    await expect(page.locator('textarea[name="to"]')).toHaveValue(/pat@hotmail\.com/);
  });
});

interface SendPath {
  name: string;
  fixture: string;
  query: Record<string, string>;
  action: 'send' | 'send-archive' | 'schedule';
  trigger(page: Page): Promise<void>;
}

const typoQuery = { to: 'jan@gmial.com', subject: 'Invoice 42' };
const sendPaths: SendPath[] = [
  { name: 'click on Send', fixture: 'popup', query: typoQuery, action: 'send', trigger: (p) => p.locator(SEND).click() },
  {
    name: 'Ctrl+Enter in the body',
    fixture: 'popup',
    query: typoQuery,
    action: 'send',
    trigger: async (p) => {
      await p.locator('[g_editable="true"]').click();
      await p.keyboard.press('Control+Enter');
    },
  },
  {
    name: 'Enter on the focused Send button',
    fixture: 'popup',
    query: typoQuery,
    action: 'send',
    trigger: async (p) => {
      await p.locator(SEND).focus();
      await p.keyboard.press('Enter');
    },
  },
  {
    name: 'Space on the focused Send button',
    fixture: 'popup',
    query: typoQuery,
    action: 'send',
    trigger: async (p) => {
      await p.locator(SEND).focus();
      await p.keyboard.press(' ');
    },
  },
  {
    name: 'Send + Archive in an inline reply',
    fixture: 'reply',
    query: { bodyHtml: 'See <a href="https://tinyurl.com/y8abcd">the quote</a>' },
    action: 'send-archive',
    trigger: (p) => p.locator(SEND_ARCHIVE).click(),
  },
  {
    name: 'Schedule send from the menu',
    fixture: 'popup',
    query: typoQuery,
    action: 'schedule',
    trigger: async (p) => {
      await p.locator(MORE_SEND_OPTIONS).click();
      await p.locator(SCHEDULE_ITEM).click();
    },
  },
  {
    name: 'Send in German Gmail (no English labels)',
    fixture: 'german',
    query: { compose: 'c7700002' },
    action: 'send',
    trigger: (p) => p.locator(COMPOSE_ROOT).nth(1).locator(SEND).click(),
  },
];

test.describe('the send guard', () => {
  for (const path of sendPaths) {
    test(`${path.name}: stopped, "Go back" keeps it, "Send anyway" sends exactly once`, async ({ openFixture }) => {
      const page = await openFixture(path.fixture, path.query);
      await expect(findingsIn(page)).not.toHaveCount(0);

      await path.trigger(page);
      const dialog = sendDialog(page);
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Go back' }).click();
      await expect(dialog).toHaveCount(0);
      await settle(page);
      expect(await sent(page)).toEqual([]);

      await path.trigger(page);
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Send anyway' }).click();
      await expect.poll(() => sent(page)).toHaveLength(1);
      await settle(page);
      const log = await sent(page);
      expect(log).toHaveLength(1);
      expect(log[0]!.action).toBe(path.action);
    });
  }

  test('lists what is wrong in the dialog', async ({ openFixture }) => {
    const page = await openFixture('popup', {
      to: 'jan@gmial.com',
      bodyHtml: 'Pay at <a href="https://bit.ly/pay-now">this link</a>',
    });
    await expect(findingsIn(page)).toContainText('bit.ly');
    await page.locator(SEND).click();
    const dialog = sendDialog(page);
    await expect(dialog).toContainText('jan@gmial.com');
    await expect(dialog).toContainText('bit.ly/pay-now');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(await sent(page)).toEqual([]);
  });
});

test('the dialog works from the keyboard: "Go back" has the focus, Space presses it', async ({ openFixture }) => {
  const page = await openFixture('popup', { to: 'jan@gmial.com' });
  await expect(findingsIn(page)).toContainText('jan@gmial.com');
  await page.locator(SEND).focus();
  await page.keyboard.press('Enter');
  const dialog = sendDialog(page);
  await expect(dialog.getByRole('button', { name: 'Go back' })).toBeFocused();
  await page.keyboard.press(' ');
  await expect(dialog).toHaveCount(0);
  await settle(page);
  expect(await sent(page)).toEqual([]);
});

test.describe('fail open', () => {
  test('an exception injected into our code still lets the mail go out, and is counted', async ({
    context,
    openFixture,
    openExtensionPage,
  }) => {
    const page = await openFixture('popup', { to: 'jan@gmial.com' });
    await expect(findingsIn(page)).toContainText('jan@gmial.com');
    // Break a built-in our checks rely on, in our content script's world only (Gmail's page is untouched), and only
    // for addresses, so that the fault is in the checks and not in the counting of it.
    await evaluateInContentScript(
      context,
      page,
      `{ const lower = String.prototype.toLowerCase;
         String.prototype.toLowerCase = function () {
           if (String(this).includes('@')) throw new Error('injected fault');
           return lower.call(this);
         }; true }`,
    );
    await page.locator(SEND).click();
    await expect.poll(() => sent(page)).toHaveLength(1);
    await expect(sendDialog(page)).toHaveCount(0);

    const popup = await openExtensionPage('popup.html');
    await expect(popup.getByRole('region', { name: 'Problems on our side' })).toContainText(/The send guard failed: [1-9]/);
  });
});
