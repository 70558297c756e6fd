// The browser test of the key account workspace (/accounts/:id): the KAM
// opens the account, reads its health, goes through every section, and
// creates, edits and deletes through the forms of each; a validation error
// keeps the input; two people edit the same objective and the second sees
// both versions; a plan version is frozen and compared; the customer guest
// comments on a joint goal. Every page shown is checked with axe-core and
// html-validate (lib.mjs: checkPage). Prints TAP.
//
//   KAM=build/kam node tests/e2e/workspace.mjs
import { chromium } from 'playwright-core';
import { Kam, KAM, CHROMIUM, ok, diag, done, catalogue, checkPage, trackDocuments } from './lib.mjs';

const DEADLINE_MS = 120000;
const en = catalogue('en');
const t = (key) => en[key] ?? key;

const k = new Kam();
k.env.KAM_TODAY = '2026-11-28';
let browser;
let status = 1;
const watchdog = setTimeout(() => {
    console.log(`not ok - the workspace browser test did not finish within ${DEADLINE_MS / 1000} s`);
    k.cleanup();
    process.exit(1);
}, DEADLINE_MS);

async function step(name, fn) {
    try {
        await fn();
    } catch (e) {
        ok(false, `${name} (step failed with an exception)`, [e.message.split('\n').slice(0, 8).join('\n'), k.log ? `server log:\n${k.log.slice(-1500)}` : '']);
    }
}

const text = async (page, sel) => ((await page.locator(sel).first().textContent({ timeout: 2000 }).catch(() => null)) ?? '').trim();
const count = (page, sel) => page.locator(sel).count();
const search = (page) => new URL(page.url()).search;

async function signIn(page, base, login) {
    await page.goto(`${base}/login`);
    await page.fill('#login', login);
    await page.fill('#password', 'correct horse battery');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type="submit"]')]);
}

async function submit(page, formSel) {
    const [resp] = await Promise.all([page.waitForNavigation(), page.click(`${formSel} button[type="submit"]`)]);
    return resp;
}

// Open the add form of a block and fill it; fields: {name: value}.
async function addIn(page, kind, fields) {
    await page.click(`#b-${kind} details.ws-add > summary`);
    for (const [name, value] of Object.entries(fields)) {
        const sel = `#${kind}-0-${name}`;
        if ((await page.locator(sel).evaluate((e) => e.tagName)) === 'SELECT') await page.selectOption(sel, value);
        else await page.fill(sel, value);
    }
    return submit(page, `#form-${kind}-0`);
}

try {
    k.cli(['init', '--name', 'E2E Org']);
    k.cli(['account', 'add', '--name', 'Ferrovie Test', '--plan_reviewed_on', '2026-03-10']);
    k.user('kam', 'kam');
    k.user('kam2', 'kam');
    k.user('guest', 'guest', 1);
    k.cli(['team', 'add', '--account', '1', '--user', 'kam', '--role', 'kam', '--share', '0.5']);
    k.cli(['team', 'add', '--account', '1', '--user', 'kam2', '--role', 'sales', '--share', '0.2']);
    k.cli(['customer_goal', 'add', '--account_id', '1', '--title', 'Raise fleet availability']);
    k.cli(['objective', 'add', '--account_id', '1', '--title', 'Grow the share of wallet', '--level', 'financial']);
    k.cli(['kpi', 'define', '--account', '1', '--name', 'On-time delivery', '--direction', 'higher', '--target', '98', '--shared']);
    k.cli(['kpi', 'record', '1', '--period', '2026-09', '--value', '95']);
    k.cli(['contact', 'add', '--account', '1', '--name', 'Dora Decide', '--title', 'CEO', '--buying-role', 'decision_maker', '--counterpart', 'kam']);
    k.cli(['offering', 'add', '--code', 'DRV', '--name', 'Drives']);
    const base = await k.start();
    diag(`kam: ${KAM} at ${base}`);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(5000);
    trackDocuments(page);
    await signIn(page, base, 'kam');

    await step('overview', async () => {
        const r = await page.goto(`${base}/accounts/1`);
        ok(r.status() === 200 && (await text(page, 'h1')) === 'Ferrovie Test', 'the KAM opens the workspace of their account', r.status());
        ok((await count(page, '.ws-tiles .tile')) === 5, 'the header shows five figures (health, KPI, alignment, coverage, overdue)');
        ok(/^\d+$/.test(await text(page, '.ws-tiles .tile-value')), 'health is a number 0-100', await text(page, '.ws-tiles .tile-value'));
        ok((await count(page, 'table.ws-inputs tbody tr')) === 6 && (await count(page, 'table.ws-inputs tbody th a')) === 6,
            'every health input is shown and linked');
        ok((await count(page, 'nav.ws-tabs a')) === 7 && (await count(page, 'nav.ws-tabs a[aria-current="page"]')) === 1, 'seven section tabs, one current');
        await checkPage(page, 'workspace overview');
    });

    for (const s of ['strategy', 'solutions', 'people', 'management', 'evaluation', 'plan']) {
        await step(`section ${s}`, async () => {
            await Promise.all([page.waitForNavigation(), page.click(`nav.ws-tabs a[href="/accounts/1?s=${s}"]`)]);
            ok(search(page) === `?s=${s}` && (await text(page, 'nav.ws-tabs a[aria-current="page"]')) === t(`ws.s.${s}`),
                `the ${s} tab opens its section`, page.url());
            await checkPage(page, `workspace section ${s}`);
        });
    }

    await step('strategy: create, edit, delete a customer goal', async () => {
        await page.goto(`${base}/accounts/1?s=strategy`);
        await addIn(page, 'customer_goal', { title: 'Open a plant in Spain', priority: '1' });
        ok(search(page) === '?s=strategy' && (await text(page, '.flash')) === t('flash.created'), 'after adding, back on the section with a confirmation', page.url());
        ok((await page.locator('#b-customer_goal tbody th', { hasText: 'Open a plant in Spain' }).count()) === 1, 'the new goal is listed');
        ok((await page.locator('#alignment-map .unlinked', { hasText: 'Open a plant' }).count()) >= 1 ||
            (await page.locator('#alignment .unlinked').count()) >= 1, 'and shows on the alignment map as unlinked');
        const row = page.locator('#b-customer_goal tbody tr', { hasText: 'Open a plant in Spain' });
        await Promise.all([page.waitForNavigation(), row.locator('a', { hasText: t('ws.edit') }).click()]);
        const form = page.locator('#b-customer_goal form.ws-form').filter({ has: page.locator('input[name="version"]') });
        ok((await form.count()) === 1, 'Edit opens the form in place');
        await form.locator('input[name="title"]').fill('Open a plant in Spain and Portugal');
        await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
        ok((await text(page, '.flash')) === t('flash.saved') && (await page.locator('#b-customer_goal tbody th', { hasText: 'and Portugal' }).count()) === 1,
            'the edit is saved and shown');
        const row2 = page.locator('#b-customer_goal tbody tr', { hasText: 'and Portugal' });
        await Promise.all([page.waitForNavigation(), row2.locator('a', { hasText: t('ws.edit') }).click()]);
        page.once('dialog', (d) => d.accept()); // kam.js asks before deleting
        await Promise.all([page.waitForNavigation(), page.click('#b-customer_goal form.danger-zone button')]);
        ok((await text(page, '.flash')) === t('flash.deleted') && (await page.locator('#b-customer_goal tbody th', { hasText: 'Portugal' }).count()) === 0,
            'the goal is deleted');
        await checkPage(page, 'strategy after deleting');
    });

    await step('validation keeps the input', async () => {
        await page.goto(`${base}/accounts/1?s=strategy`);
        const resp = await addIn(page, 'objective', { level: 'financial', title: '', measure: 'Plants under contract' });
        ok(resp.status() === 422, 'an objective without a title answers 422', resp.status());
        ok((await count(page, '#b-objective .field.has-error #objective-0-title')) === 1, 'the error is beside the title');
        ok((await page.inputValue('#objective-0-measure')) === 'Plants under contract', 'the measure typed is kept');
        await checkPage(page, 'strategy with a form error');
        await page.fill('#objective-0-title', 'Sell maintenance to two plants');
        await submit(page, '#form-objective-0');
        ok((await page.locator('#b-objective tbody th', { hasText: 'Sell maintenance' }).count()) === 1, 'corrected, it is saved');
    });

    await step('solutions: a unit and a cell', async () => {
        await page.goto(`${base}/accounts/1?s=solutions`);
        await addIn(page, 'customer_unit', { name: 'Rail division' });
        ok((await page.locator('#b-customer_unit tbody th', { hasText: 'Rail division' }).count()) === 1, 'a customer unit is added');
        await addIn(page, 'solution_cell', { unit_id: '1', offering_id: '1', state: 'potential', revenue_potential: '120000' });
        ok((await count(page, 'table.ws-grid td.ws-nocontact')) === 1, 'the grid shows a cell with potential and no contact');
        await checkPage(page, 'solutions with a cell');
    });

    await step('people: a new contact', async () => {
        await page.goto(`${base}/accounts/1?s=people`);
        await page.click('#add-contact > summary');
        await page.fill('#nc-name', 'Paolo Procure');
        await page.fill('#nc-title', 'Procurement director');
        await page.selectOption('#nc-buying_role', 'economic_buyer');
        await submit(page, '#add-contact form');
        ok((await page.locator('#relationship-map', { hasText: 'Procurement director (Paolo Procure)' }).count()) === 1,
            'the relationship map shows the new contact', page.url());
        await checkPage(page, 'people with a new contact');
    });

    await step('management: an overdue action', async () => {
        await page.goto(`${base}/accounts/1?s=management`);
        await addIn(page, 'action_item', { title: 'Send the revised offer', due_on: '2026-11-01' });
        ok((await page.locator('#b-action_item tr.ws-overdue', { hasText: 'Send the revised offer' }).count()) === 1, 'an action past its due date is highlighted');
        await checkPage(page, 'management with an overdue action');
    });

    await step('evaluation: record a measurement', async () => {
        await page.goto(`${base}/accounts/1?s=evaluation`);
        await addIn(page, 'kpi_measurement', { kpi_id: '1', period: '2026-10', value: '97' });
        ok((await page.locator('#b-kpi_measurement tbody tr', { hasText: '97' }).count()) >= 1, 'the measurement is recorded');
        ok((await count(page, '#kpi-history .chart-line')) === 1 || (await count(page, '#kpi-history figure')) === 1, 'the history chart is drawn');
        await checkPage(page, 'evaluation after a measurement');
    });

    await step('two people edit the same objective', async () => {
        const ctx2 = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
        const other = await ctx2.newPage();
        other.setDefaultTimeout(5000);
        trackDocuments(other);
        await signIn(other, base, 'kam2');
        await page.goto(`${base}/accounts/1?s=strategy&edit=objective-1#form-objective-1`);
        await other.goto(`${base}/accounts/1?s=strategy&edit=objective-1#form-objective-1`);
        await page.fill('#objective-1-target', '30%');
        await submit(page, '#form-objective-1');
        await other.fill('#objective-1-target', '45%');
        const resp = await submit(other, '#form-objective-1');
        ok(resp.status() === 409 && (await count(other, '.ws-conflict')) === 1, 'the second save is refused with a conflict', resp.status());
        ok((await other.locator('.ws-conflict').textContent()).includes('30%') && (await other.inputValue('#objective-1-target')) === '45%',
            'both versions are shown and the typed value is kept');
        await checkPage(other, 'conflict');
        await ctx2.close();
    });

    await step('plan: freeze and compare', async () => {
        await page.goto(`${base}/accounts/1?s=plan`);
        await page.click('#plan-versions details.ws-add > summary');
        await page.fill('#pv-label', '2027');
        await submit(page, '#plan-versions form[method="post"]');
        ok((await page.locator('#plan-versions tbody th', { hasText: '2027' }).count()) === 1, 'a plan version is frozen');
        await page.goto(`${base}/accounts/1?s=strategy`);
        await addIn(page, 'customer_goal', { title: 'Halve the downtime' });
        await page.goto(`${base}/accounts/1?s=plan`);
        await submit(page, 'form.ws-compare');
        ok((await page.locator('#plan-diff', { hasText: 'Halve the downtime' }).count()) === 1, 'the comparison with today lists the new goal');
        await checkPage(page, 'plan comparison');
    });
    await ctx.close();

    await step('the customer guest', async () => {
        const gctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
        const g = await gctx.newPage();
        g.setDefaultTimeout(5000);
        trackDocuments(g);
        await signIn(g, base, 'guest');
        ok(new URL(g.url()).pathname === '/accounts/1' && (await count(g, '#joint-goals article')) >= 1, 'the guest sees the joint goals');
        ok(!(await g.content()).includes('Grow the share of wallet'), 'but not our objectives');
        await checkPage(g, "guest's view");
        const form = g.locator('#joint-goals article').first().locator('form');
        await form.locator('textarea').fill('Agreed: let us start in January');
        await Promise.all([g.waitForNavigation(), form.locator('button').click()]);
        ok((await g.locator('#joint-goals', { hasText: 'Agreed: let us start in January' }).count()) === 1, 'the guest comments on a joint goal');
        await gctx.close();
    });

    await step('phone width', async () => {
        const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
        const p = await phone.newPage();
        p.setDefaultTimeout(5000);
        trackDocuments(p);
        await signIn(p, base, 'kam');
        for (const s of ['overview', 'strategy', 'solutions', 'people']) {
            await p.goto(`${base}/accounts/1?s=${s}`);
            const m = await p.evaluate(() => ({
                inner: window.innerWidth,
                doc: document.documentElement.scrollWidth,
                wide: [...document.body.querySelectorAll('*')]
                    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap, figure'))
                    .slice(0, 6)
                    .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).replace(/ /g, '.')} right=${Math.round(e.getBoundingClientRect().right)}`),
            }));
            ok(m.doc <= m.inner, `at 360 px the ${s} section does not overflow sideways`, [`scrollWidth ${m.doc}`, ...m.wide]);
            await checkPage(p, `workspace section ${s} at 360 px`);
        }
        await phone.close();
    });

    const exit = await k.stop();
    ok(exit && exit.code === 0, 'the server stops cleanly', exit);
    ok(!/internal error|AddressSanitizer|runtime error/.test(k.log), 'the server logged no internal error', k.log.slice(-2000));
    status = done();
} catch (e) {
    console.log(`not ok - the workspace browser test could not run: ${e.message}`);
    if (k.log) for (const l of k.log.split('\n').slice(-20)) console.log(`#   ${l}`);
    status = 1;
} finally {
    if (browser) await browser.close().catch(() => {});
    k.cleanup();
    clearTimeout(watchdog);
}
process.exit(status);
