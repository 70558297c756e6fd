// Browser test of the programme level (issue 5): the executive lands on the
// dashboard, drills down from a figure to the accounts behind it and filters;
// clicks a bubble of the portfolio matrix through to the account; runs a
// what-if; and uses the criteria editor (a wrong sum refused, naming the set
// and its sum; a right one saved). Every page is checked with axe-core and
// html-validate. Run by run.mjs (same browser, same TAP numbering) or alone:
//   KAM=build/kam node tests/e2e/programme.mjs
import { chromium } from 'playwright-core';
import { Kam, CHROMIUM, ok, done, catalogue, checkPage, trackDocuments } from './lib.mjs';
import { pathToFileURL } from 'node:url';

const en = catalogue('en');
const t = (key) => en[key] ?? key;

export default async function programme(browser, step) {
    const k = new Kam();
    try {
        k.cli(['init']);
        k.cli(['demo']);
        k.user('boss', 'executive');
        const base = await k.start();
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
        const page = await ctx.newPage();
        page.setDefaultTimeout(5000);
        trackDocuments(page);
        const go = (sel) => Promise.all([page.waitForNavigation(), page.click(sel)]);

        await step('programme: dashboard', async () => {
            await page.goto(`${base}/login`);
            await page.fill('#login', 'boss');
            await page.fill('#password', 'correct horse battery');
            await go('form[action="/login"] button[type="submit"]');
            ok(new URL(page.url()).pathname === '/programme', "an executive's home page is the dashboard", page.url());
            ok((await page.locator('h1').first().textContent()).trim() === t('prog.dashboard'), 'the dashboard heading');
            ok((await page.locator('.prog-tiles .tile').count()) >= 8, 'the figures are shown as tiles');
            await checkPage(page, 'programme dashboard');
        });

        await step('programme: drill-down', async () => {
            const api = await (await page.request.get(`${base}/api/v1/dashboard`)).json();
            const want = api.plan_coverage.of - api.plan_coverage.count;
            await go('#tile-plan');
            ok(new URL(page.url()).searchParams.get('fig') === 'no_plan', 'the plan tile opens its drill-down', page.url());
            const rows = await page.locator('#drill tbody tr').count();
            ok(rows === want || (want === 0 && rows === 0), 'the drill-down lists the accounts behind the figure', [rows, want]);
            await checkPage(page, 'drill-down page');
            await go('nav.actions a.button');
            ok(new URL(page.url()).pathname === '/programme', 'back to the dashboard');
            const bars = page.locator('#chart-mix a');
            ok((await bars.count()) > 0, 'the portfolio-mix bars are links');
            await go('#chart-mix a >> nth=0');
            ok(new URL(page.url()).searchParams.get('fig') === 'quadrant_strategic', 'a mix bar drills down', page.url());
            const n = await page.locator('#drill tbody tr').count();
            ok(n === api.mix.quadrant.strategic, 'to as many accounts as the bar counts', [n, api.mix.quadrant.strategic]);
            await page.goto(`${base}/programme`);
            await page.click('.prog-filter-box > summary'); // the filters are folded away until asked for
            const industry = await page.locator('#f-industry option >> nth=1').getAttribute('value');
            await page.selectOption('#f-industry', industry);
            await go('form.filters button[type="submit"]');
            ok(new URL(page.url()).searchParams.get('industry') === industry, 'filtering keeps the industry in the URL', page.url());
            const href = await page.locator('#tile-revenue-share').getAttribute('href');
            ok(href.includes('industry='), 'and the drill-down links keep the filter', href);
        });

        await step('programme: portfolio matrix', async () => {
            await page.goto(`${base}/portfolio`);
            // the largest bubble is drawn first; click the last (smallest, on top)
            const bubble = page.locator('#matrix g.bubble a').last();
            const href = await bubble.getAttribute('href');
            const name = (await bubble.locator('text').first().textContent()).trim();
            await Promise.all([page.waitForNavigation(), bubble.locator('circle').click()]);
            ok(new URL(page.url()).pathname === href && href.startsWith('/accounts/'), 'clicking a bubble opens the account', [page.url(), href]);
            ok((await page.locator('h1').first().textContent()).includes(name), 'the account of the bubble', name);
        });

        await step('programme: what-if', async () => {
            await page.goto(`${base}/portfolio`);
            await page.fill('#wi-w_att_volume', '45');
            await page.fill('#wi-w_att_openness', '0');
            await page.fill('#wi-w_att_reference', '5');
            await go('#wi button[type="submit"]');
            ok((await page.locator('#whatif-result').count()) === 1, 'what-if shows which accounts would move');
            await checkPage(page, 'portfolio matrix with a what-if');
        });

        await step('programme: criteria editor', async () => {
            await page.goto(`${base}/portfolio/criteria`);
            await page.fill('#cr-w_att_volume', '40');
            await go('#cr button[type="submit"]');
            const err = (await page.locator('.form-error').first().textContent()).trim();
            ok(err.includes(t('prog.set.attractiveness')) && err.includes('115'), 'a wrong sum is refused, naming the set and its sum', err);
            await checkPage(page, 'criteria editor with an error');
            await page.fill('#cr-w_att_volume', '35');
            await page.fill('#cr-w_att_openness', '0');
            await go('#cr button[type="submit"]');
            ok((await page.locator('.flash').count()) === 1, 'a right sum is saved', page.url());
            ok((await page.inputValue('#cr-w_att_volume')) === '35', 'the new weight is shown');
        });
        await step('programme: solutions, people, organisation', async () => {
            for (const [url, name] of [['/programme/solutions', 'offering catalogue'], ['/programme/people', 'KAM people'],
                ['/programme/organisation', 'organisation and compliance']]) {
                const r = await page.goto(`${base}${url}`);
                ok(r.status() === 200, `${name} opens`, r.status());
                await checkPage(page, name);
            }
        });
        await ctx.close();
    } finally {
        await k.stop();
        k.cleanup();
    }
}

// Run alone.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const step = async (name, fn) => {
        try {
            await fn();
        } catch (e) {
            ok(false, `${name} (step failed with an exception)`, e.message.split('\n').slice(0, 8).join('\n'));
        }
    };
    let status = 1;
    try {
        await programme(browser, step);
        status = done();
    } finally {
        await browser.close();
    }
    process.exit(status);
}
