// Browser test of the KAM assessment (issue 6): a KAM and the customer's
// guest answer the same round in the browser (one dimension per page, the
// described levels shown, save and resume); then an executive opens the
// results and reads the gap between the KAM and the customer, which must be
// the figure `kam assess results --json` computes; the rounds list, the
// results, the downloads and the trend page. Every page is checked with
// axe-core and html-validate. Run by run.mjs (same browser, same TAP
// numbering) or alone:
//   KAM=build/kam node tests/e2e/assess.mjs
import { chromium } from 'playwright-core';
import { Kam, CHROMIUM, PASSWORD, ok, done, catalogue, checkPage, trackDocuments } from './lib.mjs';
import { pathToFileURL } from 'node:url';

const en = catalogue('en');
const t = (key) => en[key] ?? key;
const DIMS = ['strategy', 'solutions', 'people', 'management', 'evaluation'];
const DIM_KEYS = ['dimension.strategy', 'dimension.solutions', 'dimension.people', 'dimension.account_management', 'dimension.evaluation'];

export default async function assess(browser, step) {
    const k = new Kam();
    k.env.KAM_TODAY = '2026-06-15';
    try {
        k.cli(['init', '--name', 'E2E Assessment']);
        k.cli(['account', 'add', '--name', 'Acme SpA']);
        k.cli(['account', 'add', '--name', 'Beta Srl']);
        k.user('boss', 'executive');
        k.user('kim', 'kam');
        k.user('cust', 'guest', 1);
        k.cli(['account', 'edit', '1', '--kam_id', String(k.personOf('kim')), '--version', '1']);
        k.cli(['assess', 'round', 'create', '--name', 'Spring 2026', '--deadline', '2026-07-15', '--accounts', '1']);
        k.cli(['assess', 'invite', '1', '--user', 'kim', '--role', 'kam', '--account', '1']);
        k.cli(['assess', 'invite', '1', '--user', 'cust', '--role', 'customer', '--account', '1']);
        k.cli(['assess', 'round', 'open', '1']);
        const base = await k.start();

        // One browser context per person, as on their own machines.
        const person = async () => {
            const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
            const page = await ctx.newPage();
            page.setDefaultTimeout(5000);
            trackDocuments(page);
            return { ctx, page };
        };
        const go = (page, sel) => Promise.all([page.waitForNavigation(), page.click(sel)]);
        const signIn = async (page, login) => {
            await page.goto(`${base}/login`);
            await page.fill('#login', login);
            await page.fill('#password', PASSWORD);
            await go(page, 'form[action="/login"] button[type="submit"]');
        };
        const path = (page) => new URL(page.url()).pathname + new URL(page.url()).search;
        // Answer every item on the questionnaire page shown: score(k) for the k-th.
        const answerPage = async (page, score) => {
            const n = await page.locator('fieldset.question').count();
            for (let q = 0; q < n; q++) await page.check(`input[name="s${q}"][value="${score(q)}"]`);
            return n;
        };

        const kam = await person();
        const kamScore = (q) => (q === 0 ? 5 : 4);
        await step('assess: the KAM answers, saves and resumes', async () => {
            const page = kam.page;
            await signIn(page, 'kim');
            await page.goto(`${base}/assessment`);
            const link = page.locator('a[href^="/assessment/raters/"]').first();
            ok((await link.count()) === 1, 'the KAM finds their questionnaire on the assessment page');
            await checkPage(page, 'assessment page (KAM)');
            await go(page, 'a[href^="/assessment/raters/"] >> nth=0');
            ok(/^\/assessment\/raters\/\d+$/.test(new URL(page.url()).pathname), 'it opens at the first dimension', page.url());
            const n = await page.locator('fieldset.question').count();
            ok(n >= 4, 'one dimension per page: at least four items of strategy', n);
            const anchors = await page.locator('fieldset.question >> nth=0 >> label.anchor').allTextContents();
            ok(anchors.length === 6 && anchors.slice(0, 5).every((a, i) => a.trim().startsWith(String(i + 1)) && a.trim().length > 10),
                'each item shows its five described levels and "not applicable"', anchors);
            ok((await page.locator('nav.ws-tabs a[aria-current="page"]').textContent()).trim() === t('dimension.strategy'),
                'the current dimension is marked');
            await checkPage(page, 'questionnaire, first dimension (KAM)');
            await answerPage(page, kamScore);
            await go(page, 'button[name="go"][value="quit"]');
            ok(new URL(page.url()).pathname === '/assessment', '"save and finish later" goes back to the assessment page', page.url());
            ok((await page.locator('.flash').count()) === 1, 'with a confirmation');
            // resume: the answers given are there
            await go(page, 'a[href^="/assessment/raters/"] >> nth=0');
            const checked = await page.locator('input[type="radio"]:checked').count();
            ok(checked === n, 'coming back shows the answers saved (resume)', [checked, n]);
            for (let d = 1; d < DIMS.length; d++) {
                await go(page, `nav.ws-tabs a >> nth=${d}`);
                await answerPage(page, kamScore);
                await go(page, 'button[name="go"][value="next"]');
            }
            ok(new URL(page.url()).pathname === '/assessment', 'after the last dimension the KAM is back on the assessment page', page.url());
            ok((await page.locator('.flash').textContent()).trim() === t('flash.assess_complete'), 'thanked for answering every item',
                await page.locator('.flash').textContent());
        });

        const cust = await person();
        await step('assess: the customer guest answers the same round', async () => {
            const page = cust.page;
            await signIn(page, 'cust');
            await page.goto(`${base}/assessment`);
            await checkPage(page, 'assessment page (customer guest)');
            await go(page, 'a[href^="/assessment/raters/"] >> nth=0');
            const n = await page.locator('fieldset.question').count();
            ok(n >= 1 && n <= 3, 'the customer sees the few customer items of a dimension', n);
            await checkPage(page, 'questionnaire (customer guest)');
            for (let d = 0; d < DIMS.length; d++) {
                if (d > 0) await go(page, `nav.ws-tabs a >> nth=${d}`);
                await answerPage(page, () => 2);
                await go(page, 'button[name="go"][value="next"]');
            }
            ok(new URL(page.url()).pathname === '/assessment', 'the customer finishes', page.url());
            const s = (await page.goto(`${base}/assessment/1`)).status();
            ok(s === 403 || s === 404, 'but never sees the results', s);
        });

        const exec = await person();
        await step('assess: the executive reads the gap between the KAM and the customer', async () => {
            const page = exec.page;
            await signIn(page, 'boss');
            await page.goto(`${base}/assessment`);
            ok((await page.locator('a[href="/assessment/1"]').count()) === 1, 'the rounds list has the round');
            await checkPage(page, 'rounds list (executive)');
            await go(page, 'a[href="/assessment/1"]');
            await checkPage(page, 'round results (executive)');
            const json = JSON.parse(k.cli(['assess', 'results', '1', '--json']));
            const want = json.rater_gaps.filter((g) => g.a === 'kam' && g.b === 'customer' && g.item === null);
            ok(want.length > 0, 'the scoring found KAM vs customer gaps', json.rater_gaps.length);
            const rows = await page.locator('#rater-gaps tbody tr').evaluateAll((trs) =>
                trs.map((tr) => ({ flagged: tr.classList.contains('flagged'), cells: [...tr.children].map((c) => c.textContent.trim()) })));
            const pair = `${t('assess.role.kam')} – ${t('assess.role.customer')}`;
            for (const g of want) {
                const dim = t(DIM_KEYS[DIMS.indexOf(g.dimension)]);
                const row = rows.find((r) => r.cells[0] === pair && r.cells[2] === dim && r.cells[3] === t('assess.findings.whole_dimension'));
                const figure = `${g.delta > 0 ? '+' : ''}${g.delta.toFixed(2)}`;
                ok(row && row.cells[4] === figure, `the results show the KAM – customer gap in ${g.dimension}: ${figure}, as computed`,
                    [JSON.stringify(row), figure]);
                ok(row && row.flagged === g.flagged, `  and flag it ${g.flagged ? '' : 'not '}(|Δ| ≥ 1.0)`, JSON.stringify(row));
            }
            for (const f of ['report.pdf', 'report.html', 'results.xlsx'])
                ok((await page.locator(`#downloads a[href="/assessment/1/${f}?lang=en"]`).count()) === 1, `the results link ${f}`);
            const x = await page.request.get(`${base}/assessment/1/results.xlsx?lang=en`);
            ok(x.status() === 200 && x.headers()['content-type'] === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                'the XLSX link downloads a workbook', [x.status(), x.headers()['content-type']]);
        });

        await step('assess: results of one account and the trend', async () => {
            const page = exec.page;
            await page.goto(`${base}/assessment/1?account=1`);
            ok((await page.locator('#downloads a[href="/assessment/1/results.xlsx?account=1&lang=en"]').count()) === 1,
                "an account's results link that account's downloads");
            await checkPage(page, "one account's results");
            await go(page, '#downloads a[href="/assessment/trend?account=1"]');
            ok(path(page) === '/assessment/trend?account=1', 'the trend of that account opens from there', page.url());
            ok((await page.locator('#trend-index').count()) === 1 && (await page.locator('[id^="trend-level-"]').count()) >= 3,
                'the trend shows the index over the rounds and a chart per level');
            await checkPage(page, 'trend page (one account)');
            await page.goto(`${base}/assessment/trend`);
            ok((await page.locator('figure.chart-line').count()) >= 4, 'the programme trend: line charts with their data tables');
            await checkPage(page, 'trend page');
        });
        for (const p of [kam, cust, exec]) await p.ctx.close();
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
        await assess(browser, step);
        status = done();
    } finally {
        await browser.close();
    }
    process.exit(status);
}
