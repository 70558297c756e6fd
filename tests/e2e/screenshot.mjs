// The README's picture: the accounts list at 1280×800, on a separate temporary
// database filled by `kam demo --accounts 40` (or, when this kam has no demo,
// a few hand-made accounts). Writes docs/screenshot.png (or the path given).
//
//   KAM=build/kam node tests/e2e/screenshot.mjs [OUT.png]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Kam, ROOT, CHROMIUM, PASSWORD } from './lib.mjs';

const out = resolve(process.argv[2] || join(ROOT, 'docs', 'screenshot.png'));
const k = new Kam();
let browser;
let status = 0;
try {
    k.cli(['init']);
    let login = 'admin';
    let password = PASSWORD;
    try {
        const text = k.cli(['demo', '--accounts', '40']);
        // "  admin    kam-demo-admin   admin      Marta Bellandi, …": login, password, role.
        const m = /^\s*(\S+)\s+(\S+)\s+admin\s/m.exec(text);
        if (!m) throw new Error(`no administrator in the demo's output:\n${text}`);
        [, login, password] = m;
        console.log(`screenshot: demo database with 40 accounts, signed in as ${login}`);
    } catch (e) {
        console.log(`screenshot: no demo (${e.message.split('\n')[0]}); using a few hand-made accounts`);
        for (const [name, industry, city] of [['Acme SpA', 'Packaging', 'Milano'], ['Beta GmbH', 'Food', 'München'],
            ['Cobalt Ltd', 'Automotive', 'Leeds'], ['Delta Srl', 'Chemicals', 'Torino']])
            k.cli(['account', 'add', '--name', name, '--industry', industry, '--city', city]);
        k.user('admin', 'admin');
    }
    const base = await k.start();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    await page.goto(`${base}/login?next=%2Faccounts`);
    await page.fill('#login', login);
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type="submit"]')]);
    if (new URL(page.url()).pathname !== '/accounts') throw new Error(`sign-in did not reach /accounts: ${page.url()}`);
    await page.waitForLoadState('networkidle');
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`screenshot: wrote ${out}`);
} catch (e) {
    console.error(`screenshot: failed: ${e.message}\n${k.log.slice(-1500)}`);
    status = 1;
} finally {
    if (browser) await browser.close().catch(() => {});
    await k.stop();
    k.cleanup();
}
process.exit(status);
