/**
 * Renders scripts/icon.svg to public/icon/<size>.png (the sizes WXT puts in the manifest) with headless Chromium,
 * each size rasterized directly from the vector so small icons stay crisp. Run: node --import tsx scripts/make-icons.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath, repoRoot } from '../test/e2e/harness/paths';

const SIZES = [16, 32, 48, 128];

const svg = readFileSync(path.join(repoRoot, 'scripts/icon.svg'));
const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-sandbox'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body>`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    const file = path.join(repoRoot, `public/icon/${size}.png`);
    writeFileSync(file, await page.screenshot({ omitBackground: true }));
    console.log(`wrote ${path.relative(repoRoot, file)}`);
  }
} finally {
  await browser.close();
}
