// Runs one browser test against its own assayd and chromium; on failure prints the server log and the page console.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, describeExit } from './server.mjs';
import { launchBrowser } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const webRoot = path.join(repoRoot, 'server/web');

// Screenshots go to ${ASSAY_E2E_OUT}/e2e/, by default <repo>/build/e2e/.
export function screenshotPath(name) {
  const dir = path.join(path.resolve(process.env.ASSAY_E2E_OUT || path.join(repoRoot, 'build')), 'e2e');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

// The UI's strings for a language, so that tests assert on the same text the user sees.
export function strings(lang) {
  return JSON.parse(fs.readFileSync(path.join(webRoot, 'i18n', `${lang}.json`), 'utf8'));
}

// withAssay('name', async ({page, baseUrl, screenshot}) => {...}): a fresh assayd and browser for one test.
// Fails the test on an uncaught page error or on an unclean server shutdown. options go to startServer
// (e.g. {dir}: a data directory the test made, so it can reach the server's database; the test removes it).
export async function withAssay(name, fn, options = {}) {
  const server = await startServer(options);
  const consoleLines = [];
  const pageErrors = [];
  let browser = null;
  let page = null;
  let failure = null;
  try {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (msg) => consoleLines.push(`[${msg.type()}] ${msg.text()}`));
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await fn({ page, baseUrl: server.baseUrl, screenshot: (file) => page.screenshot({ path: screenshotPath(file), fullPage: true }) });
    assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
  } catch (err) {
    failure = err;
    if (page) await page.screenshot({ path: screenshotPath(`${name}-failure.png`), fullPage: true }).catch(() => {});
    process.stderr.write(`\n--- ${name}: assayd output ---\n${server.logs()}\n--- ${name}: browser console ---\n${consoleLines.join('\n')}\n`);
    throw err;
  } finally {
    await browser?.close().catch((err) => process.stderr.write(`closing chromium: ${err.message}\n`));
    const exit = await server.stop();
    if (!failure && (exit.code !== 0 || exit.timedOut)) {
      // eslint-disable-next-line no-unsafe-finally
      throw new Error(`assayd did not shut down cleanly on SIGTERM (${describeExit(exit)}${exit.timedOut ? ', killed after 10 s' : ''})\n--- assayd output ---\n${exit.log}`);
    }
  }
}
