import type { BrowserContext, Page } from '@playwright/test';

/**
 * Runs `expression` in the built extension's content-script world of `page` (an isolated world the page's own
 * scripts cannot reach), found over CDP by the extension's name. Used to inject faults into our own code.
 */
export async function evaluateInContentScript(
  context: BrowserContext,
  page: Page,
  expression: string,
  extensionName = 'Bounce Guard',
): Promise<unknown> {
  const cdp = await context.newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: created }) => contexts.push(created));
  await cdp.send('Runtime.enable'); // reports every existing context first
  const world = contexts.find((c) => c.name === extensionName && c.auxData?.type === 'isolated');
  if (!world) throw new Error(`no content-script world named "${extensionName}" in ${page.url()}`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.id,
    returnByValue: true,
    awaitPromise: true,
  });
  await cdp.detach();
  if (exceptionDetails) throw new Error(`evaluation failed: ${exceptionDetails.text}`);
  return result.value;
}
