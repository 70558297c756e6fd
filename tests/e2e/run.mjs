// The browser test of kam serve: one server over a temporary database, users
// admin / kam / guest made with the CLI, and Debian's chromium driven by
// playwright-core through a day's work: sign in (a wrong password first),
// switch the language, search and sort the accounts, create an account (an
// empty name first), edit it, be refused another KAM's account, sign out;
// then the accounts list at phone width. Every page shown is checked with
// axe-core and html-validate (lib.mjs: checkPage). Prints TAP.
//
//   KAM=build/kam node tests/e2e/run.mjs
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { Kam, KAM, CHROMIUM, PASSWORD, ok, diag, done, catalogue, checkPage, trackDocuments } from './lib.mjs';

const DEADLINE_MS = 90000; // the whole run; normally ~15 s
const en = catalogue('en');
const it = catalogue('it');
const t = (cat, key) => cat[key] ?? key;

const k = new Kam();
let browser;
let status = 1;
const watchdog = setTimeout(() => {
    console.log(`not ok - the browser test did not finish within ${DEADLINE_MS / 1000} s`);
    k.cleanup();
    process.exit(1);
}, DEADLINE_MS);

// Run one step; an exception fails it (with the message) instead of ending the run.
async function step(name, fn) {
    try {
        await fn();
    } catch (e) {
        ok(false, `${name} (step failed with an exception)`, [e.message.split('\n').slice(0, 8).join('\n'), k.log ? `server log:\n${k.log.slice(-1500)}` : '']);
    }
}

const text = async (page, sel) => ((await page.locator(sel).first().textContent({ timeout: 2000 }).catch(() => null)) ?? '').trim();
const count = (page, sel) => page.locator(sel).count();
const path = (page) => new URL(page.url()).pathname + new URL(page.url()).search;
const rowNames = (page) => page.locator('table.list tbody th[scope="row"]').allTextContents().then((a) => a.map((s) => s.trim()));
const column = async (page, idx) =>
    (await page.locator(`table.list tbody tr`).evaluateAll((trs, i) => trs.map((tr) => (tr.children[i]?.textContent ?? '').trim()), idx));

async function signIn(page, login, password = PASSWORD) {
    await page.fill('#login', login);
    await page.fill('#password', password);
    await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click('form[action="/login"] button[type="submit"]')]);
}

async function signOut(page) {
    await page.click('details.user-menu > summary');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/logout"] button[type="submit"]')]);
}

async function submit(page, formSel) {
    await Promise.all([page.waitForNavigation(), page.click(`${formSel} button[type="submit"]`)]);
}

try {
    // ---- the data: four accounts; the KAM "kam" manages Beta GmbH (2), not Acme SpA (1).
    k.cli(['init', '--name', 'E2E Org']);
    const accounts = [
        ['Acme SpA', 'Packaging', 'Milano'],
        ['Beta GmbH', 'Food', 'München'],
        ['Cobalt Ltd', 'Automotive', 'Leeds'],
        ['Delta Srl', 'Chemicals', 'Torino'],
    ];
    for (const [name, industry, city] of accounts) k.cli(['account', 'add', '--name', name, '--industry', industry, '--city', city]);
    k.user('admin', 'admin');
    k.user('kam', 'kam');
    k.user('guest', 'guest', 1);
    k.cli(['account', 'edit', '2', '--kam_id', String(k.personOf('kam'))]);
    const base = await k.start();
    diag(`kam: ${KAM} at ${base}`);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(5000);
    trackDocuments(page);

    // ---- sign in: a protected page sends to sign-in; a wrong password first.
    await step('sign-in', async () => {
        const r = await page.goto(`${base}/accounts`);
        ok(path(page).startsWith('/login') && r.status() === 200, 'an anonymous visit to /accounts lands on the sign-in page', path(page));
        ok((await text(page, 'h1')) === t(en, 'login.title'), 'the sign-in page says so in its heading', await text(page, 'h1'));
        await checkPage(page, 'sign-in page');

        await page.fill('#login', 'admin');
        await page.fill('#password', 'not the password');
        const [resp] = await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type="submit"]')]);
        ok(resp && resp.status() === 401, 'a wrong password answers 401', resp && resp.status());
        ok((await count(page, '.form-error[role="alert"]')) === 1, 'a wrong password shows an error message (role=alert)', await text(page, 'main'));
        ok((await page.inputValue('#login')) === 'admin', 'the login typed is kept', await page.inputValue('#login'));
        ok((await page.inputValue('#password')) === '', 'the password is not echoed back');
        await checkPage(page, 'sign-in page after a wrong password');

        await signIn(page, 'admin');
        ok(path(page) === '/accounts', 'signing in returns to the page asked for (/accounts)', path(page));
    });

    // ---- the accounts list, then Italian and back.
    await step('accounts list', async () => {
        ok((await rowNames(page)).length === 4, 'the admin sees the four accounts', await rowNames(page));
        ok((await page.getAttribute('html', 'lang')) === 'en', 'the page is in English (html lang="en")');
        ok((await count(page, 'nav.site-nav a[aria-current="page"][href="/accounts"]')) === 1, 'the navigation marks Accounts as the current page');
        await checkPage(page, 'accounts list');
    });

    await step('language', async () => {
        await submit(page, 'form.lang-switch');
        ok(path(page) === '/accounts', 'the language switch stays on the same page', path(page));
        ok((await page.getAttribute('html', 'lang')) === 'it', 'after the switch the page is Italian (html lang="it")', await page.getAttribute('html', 'lang'));
        const skip = await text(page, 'a.skip-link');
        ok(skip === t(it, 'nav.skip'), 'the interface texts are Italian (skip link)', `skip link: "${skip}", catalogue: "${t(it, 'nav.skip')}"`);
        const btn = await text(page, 'form.lang-switch button');
        ok(btn === t(en, 'nav.language_name'), 'the switch now offers English', `button: "${btn}"`);
        await checkPage(page, 'accounts list in Italian');
        await submit(page, 'form.lang-switch');
        ok((await page.getAttribute('html', 'lang')) === 'en' && (await text(page, 'a.skip-link')) === t(en, 'nav.skip'),
            'switching again brings English back', await text(page, 'a.skip-link'));
    });

    // ---- search and sort.
    await step('search', async () => {
        await page.fill('#q', 'GmbH');
        await submit(page, 'form.filters');
        const names = await rowNames(page);
        ok(names.length === 1 && names[0] === 'Beta GmbH', 'searching "GmbH" finds Beta GmbH only', names);
        ok(new URL(page.url()).searchParams.get('q') === 'GmbH', 'the search is in the URL (shareable)', page.url());
        ok((await page.inputValue('#q')) === 'GmbH', 'the search box keeps the query');
        await checkPage(page, 'accounts list, searched');
        await page.fill('#q', '');
        await submit(page, 'form.filters');
        ok((await rowNames(page)).length === 4, 'an empty search shows every account again', await rowNames(page));
    });

    await step('sort', async () => {
        const heads = await page.locator('table.list thead th').allTextContents();
        const ind = heads.findIndex((h) => h.trim() === t(en, 'field.industry') || /industry/i.test(h));
        ok(ind > 0, 'the list has an Industry column', heads);
        const link = page.locator('table.list thead th').nth(ind).locator('a');
        ok((await link.count()) === 1, 'the Industry header is a sort link');
        await Promise.all([page.waitForNavigation(), link.click()]);
        const asc = await column(page, ind);
        const sortedAsc = [...asc].sort((a, b) => a.localeCompare(b));
        ok(JSON.stringify(asc) === JSON.stringify(sortedAsc) && asc.length === 4, 'sorting by industry orders the rows A→Z', asc);
        ok((await page.locator('table.list thead th').nth(ind).getAttribute('aria-sort')) === 'ascending', 'the sorted column says aria-sort="ascending"');
        await checkPage(page, 'accounts list, sorted');
        await Promise.all([page.waitForNavigation(), page.locator('table.list thead th').nth(ind).locator('a').click()]);
        const desc = await column(page, ind);
        ok(JSON.stringify(desc) === JSON.stringify([...sortedAsc].reverse()), 'a second click sorts Z→A', desc);
        ok((await page.locator('table.list thead th').nth(ind).getAttribute('aria-sort')) === 'descending', 'then aria-sort="descending"');
    });

    // ---- create an account: an empty name first.
    let newId = null;
    await step('create', async () => {
        await page.goto(`${base}/accounts`);
        await Promise.all([page.waitForNavigation(), page.click('.page-head a.button')]);
        ok(path(page) === '/e/accounts/new', 'Add opens the new-account form', path(page));
        await checkPage(page, 'new account form');
        await page.fill('#f-industry', 'Logistics');
        await page.fill('#f-city', 'Genova');
        const [resp] = await Promise.all([page.waitForNavigation(), page.click('form.record button[type="submit"]')]);
        ok(resp && resp.status() === 422, 'saving without a name answers 422', resp && resp.status());
        const field = page.locator('.field.has-error');
        ok((await field.count()) === 1 && (await field.locator('#f-name').count()) === 1, 'the error is beside the name field (.field.has-error holds #f-name)',
            await page.locator('.field.has-error').evaluateAll((e) => e.map((x) => x.outerHTML.slice(0, 300))));
        ok((await page.getAttribute('#f-name', 'aria-invalid')) === 'true', 'the name field is aria-invalid');
        const descr = await page.getAttribute('#f-name', 'aria-describedby');
        ok(descr && (await count(page, `#${descr}`)) === 1 && (await text(page, `#${descr}`)).length > 0, 'the field points to its message (aria-describedby)', descr);
        ok((await page.inputValue('#f-industry')) === 'Logistics' && (await page.inputValue('#f-city')) === 'Genova', 'the values typed are kept',
            [await page.inputValue('#f-industry'), await page.inputValue('#f-city')]);
        await checkPage(page, 'new account form with an error');

        await page.fill('#f-name', 'Epsilon Logistica');
        await submit(page, 'form.record');
        let m = /^\/accounts\/(\d+)$/.exec(new URL(page.url()).pathname);
        const shown = m ? [] : await page.locator('.form-error, .field-error').allTextContents();
        ok(m, 'saving with a name (other fields left empty) creates the account', [`still on ${page.url()}`, `messages shown: ${JSON.stringify(shown)}`]);
        if (!m && (await count(page, '#f-stage')) === 1) {
            // Known server bug (reported): empty optional numbers (stage, revenue,
            // margin, potential) are stored as NULL and hit their columns' NOT NULL
            // DEFAULT. Fill them so that the rest of the scenario still runs.
            diag('retrying with stage = 1, revenue = margin = potential = 0 so that the edit steps can run');
            for (const [f, v] of [['stage', '1'], ['revenue', '0'], ['margin', '0'], ['potential', '0']]) await page.fill(`#f-${f}`, v);
            await submit(page, 'form.record');
            m = /^\/accounts\/(\d+)$/.exec(new URL(page.url()).pathname);
        }
        newId = m && m[1];
        ok((await text(page, 'h1')) === 'Epsilon Logistica', 'its heading is the name', await text(page, 'h1'));
        ok((await text(page, '.flash')) === t(en, 'flash.created'), 'a confirmation says it was created', await text(page, '.flash'));
        ok((await page.inputValue('#f-industry')) === 'Logistics', 'the other values were saved');
        await checkPage(page, 'account page after creation');
    });

    // ---- edit it.
    await step('edit', async () => {
        if (!newId) throw new Error('no account was created');
        await page.fill('#f-industry', 'Shipping');
        await page.fill('#f-employees', '250');
        await submit(page, 'form.record');
        ok(new URL(page.url()).pathname === `/accounts/${newId}`, 'after saving the user is back on the account', page.url());
        ok((await text(page, '.flash')) === t(en, 'flash.saved'), 'a confirmation says it was saved', await text(page, '.flash'));
        ok((await page.inputValue('#f-industry')) === 'Shipping' && (await page.inputValue('#f-employees')) === '250', 'the changes are shown',
            [await page.inputValue('#f-industry'), await page.inputValue('#f-employees')]);
        await checkPage(page, 'account page after editing');
        await page.goto(`${base}/accounts?q=Epsilon`);
        const row = await page.locator('table.list tbody tr').first().textContent();
        ok(/Shipping/.test(row || ''), 'the list shows the edited account', row);
    });

    // ---- the admin's other pages.
    for (const [url, name] of [['/programme', 'programme page'], ['/admin', 'administration page'], ['/password', 'password page'],
        ['/e/interactions?account_id=1', "an account's interactions list"], ['/e/interactions/new?account_id=1', 'new interaction form']]) {
        await step(name, async () => {
            const r = await page.goto(`${base}${url}`);
            ok(r.status() === 200, `${name} (${url}) opens`, r.status());
            await checkPage(page, name);
        });
    }

    // ---- sign out; sign in as the KAM, who may not see Acme SpA.
    await step('KAM', async () => {
        await page.goto(`${base}/accounts`);
        await signOut(page);
        ok(path(page).startsWith('/login'), 'signing out shows the sign-in page', path(page));
        ok((await text(page, '.flash')) === t(en, 'flash.signed_out'), 'with a confirmation', await text(page, '.flash'));
        await checkPage(page, 'sign-in page after signing out');
        await signIn(page, 'kam');
        const names = await rowNames(page);
        ok(names.length === 1 && names[0] === 'Beta GmbH', 'the KAM sees only the account they manage', names);
        const r = await page.goto(`${base}/accounts/1`);
        ok(r.status() === 404, "another KAM's account answers 404", r.status());
        ok((await text(page, 'main')).length > 0 && !(await page.content()).includes('Acme SpA'), 'the 404 page tells nothing about the account');
        await checkPage(page, '404 page (KAM, another account)');
        await page.goto(`${base}/accounts/2`);
        ok((await text(page, 'h1')) === 'Beta GmbH', "the KAM's own account opens");
        await checkPage(page, "KAM's own account page");
        await signOut(page);
        const r2 = await page.goto(`${base}/accounts/2`);
        ok(path(page).startsWith('/login') && r2.status() === 200, 'after signing out a protected page sends back to sign-in', path(page));
        ok(new URL(page.url()).searchParams.get('next') === '/accounts/2', 'and remembers where the user was going', page.url());
    });

    // ---- the customer guest.
    await step('guest', async () => {
        await page.goto(`${base}/login`);
        await signIn(page, 'guest');
        ok(new URL(page.url()).pathname === '/accounts/1', 'a guest lands on their account', page.url());
        ok((await text(page, 'h1')) === 'Acme SpA', 'the guest sees Acme SpA');
        await checkPage(page, "guest's account page");
        await signOut(page);
    });
    await ctx.close();

    // ---- phone width.
    await step('phone', async () => {
        const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
        const p = await phone.newPage();
        p.setDefaultTimeout(5000);
        trackDocuments(p);
        await p.goto(`${base}/login?next=%2Faccounts`);
        await signIn(p, 'admin');
        ok(path(p) === '/accounts', 'at 360×740 the admin reaches the accounts list', path(p));
        const m = await p.evaluate(() => ({
            inner: window.innerWidth,
            body: document.body.scrollWidth,
            doc: document.documentElement.scrollWidth,
            wide: [...document.body.querySelectorAll('*')]
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
                .slice(0, 8)
                .map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).replace(/ /g, '.') : ''} right=${Math.round(e.getBoundingClientRect().right)}`),
        }));
        ok(m.body <= m.inner && m.doc <= m.inner, `at 360×740 the body does not overflow horizontally`,
            [`innerWidth ${m.inner}, body.scrollWidth ${m.body}, documentElement.scrollWidth ${m.doc}`, 'elements past the right edge (outside .table-wrap):', ...m.wide]);
        await checkPage(p, 'accounts list at 360×740');
        await phone.close();
    });

    watchdog.refresh(); await (await import('./programme.mjs')).default(browser, step); // the programme level (issue 5), with its own 90 s
    watchdog.refresh(); await (await import('./assess.mjs')).default(browser, step); // the assessment (issue 6), with its own 90 s
    const exit = await k.stop();
    ok(exit && exit.code === 0, 'the server stops cleanly on SIGTERM', exit);
    ok(!/internal error|AddressSanitizer|runtime error/.test(k.log), 'the server logged no internal error', k.log.slice(-2000));
    status = done();
} catch (e) {
    console.log(`not ok - the browser test could not run: ${e.message}`);
    if (k.log) for (const l of k.log.split('\n').slice(-20)) console.log(`#   ${l}`);
    status = 1;
} finally {
    if (browser) await browser.close().catch(() => {});
    k.cleanup();
    clearTimeout(watchdog);
}
// Then the account workspace's own browser test (its TAP lines follow these).
const workspace = spawnSync(process.execPath, [new URL('./workspace.mjs', import.meta.url).pathname], { stdio: 'inherit' });
process.exit(status || workspace.status);
