// Helpers for the browser tests: TAP output, a private `kam serve` on a free
// loopback port over a temporary database, the language catalogues, and the
// per-page checks (axe-core in the page, html-validate on the HTML the server
// sent). Mirrors tests/web/kamtest.py.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const ROOT = process.env.KAM_ROOT || join(here, '..', '..');
export const KAM = process.env.KAM || join(ROOT, 'build', 'kam');
export const CHROMIUM = process.env.KAM_CHROMIUM || '/usr/bin/chromium';
export const PASSWORD = 'correct horse battery';

/* ---- TAP ---------------------------------------------------------------- */

let n = 0;
let failed = 0;

// Print "#   " lines for a failure: a string, or a list of lines.
function detailLines(detail) {
    if (detail === undefined || detail === null || detail === '') return [];
    const lines = Array.isArray(detail) ? detail.flatMap((d) => String(d).split('\n')) : String(detail).split('\n');
    const out = lines.slice(0, 40).map((l) => `#   ${l}`);
    if (lines.length > 40) out.push(`#   … ${lines.length - 40} more lines`);
    return out;
}

export function ok(cond, name, detail) {
    n++;
    if (cond) {
        console.log(`ok ${n} - ${name}`);
    } else {
        failed++;
        console.log(`not ok ${n} - ${name}`);
        for (const l of detailLines(typeof detail === 'function' ? detail() : detail)) console.log(l);
    }
    return !!cond;
}

export function diag(msg) {
    for (const l of String(msg).split('\n')) console.log(`# ${l}`);
}

export function done() {
    console.log(`1..${n}`);
    return failed ? 1 : 0;
}

/* ---- the language catalogues ---------------------------------------------- */

// data/i18n/LANG-*.txt: "key = value" lines. The tests look texts up here
// instead of hard-coding them, so rewording a label does not break a test.
export function catalogue(lang) {
    const dir = join(ROOT, 'data', 'i18n');
    const out = {};
    for (const f of spawnSync('ls', [dir]).stdout.toString().split('\n')) {
        if (!f.startsWith(`${lang}-`) || !f.endsWith('.txt')) continue;
        for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
            const m = /^([A-Za-z0-9_.]+) = (.*)$/.exec(line);
            if (m) out[m[1]] = m[2];
        }
    }
    return out;
}

// Catalogue keys look like "nav.accounts": a known namespace, a dot, words.
const NAMESPACES = [...Object.keys({ ...catalogue('en'), ...catalogue('it') }).map((k) => k.split('.')[0]),
    'app', 'nav', 'common', 'login', 'password', 'flash', 'error', 'field', 'entity', 'enum', 'account']
    .filter((ns, i, a) => /^[a-z_]+$/.test(ns) && a.indexOf(ns) === i);
const KEY_RE = `(?:^|[^\\w@./-])((?:${NAMESPACES.join('|')})\\.[a-z_]+(?:\\.[a-z_0-9]+)*)(?![\\w/@-])`;

/* ---- a private server ------------------------------------------------------ */

// tests/run.sh --pg: the run's private PostgreSQL cluster; each Kam gets a
// database of its own in it instead of a SQLite file.
const PG_DIR = process.env.KAM_TEST_PG_DIR || '';

function pgCluster(...args) {
    const p = spawnSync('sh', [join(ROOT, 'scripts', 'pg-cluster'), ...args], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(`pg-cluster ${args.join(' ')} failed (${p.status}): ${p.stderr}`);
    return p.stdout.trim();
}

export class Kam {
    constructor() {
        this.dir = mkdtempSync(join(tmpdir(), 'kam-e2e-'));
        this.pgName = PG_DIR ? `ke_${this.dir.split('-').pop().toLowerCase().replace(/[^a-z0-9]/g, '_')}` : '';
        this.db = PG_DIR ? pgCluster('url', PG_DIR, this.pgName) : join(this.dir, 'kam.db');
        this.env = { ...process.env, KAM_NO_PROGRESS: '1', KAM_DB: this.db };
        this.proc = null;
        this.log = '';
    }

    cli(args, stdin) {
        const p = spawnSync(KAM, args, { input: stdin, env: this.env, encoding: 'utf8' });
        if (p.status !== 0) throw new Error(`kam ${args.join(' ')} failed (${p.status}): ${p.stderr}`);
        return p.stdout;
    }

    user(login, role, account) {
        const args = ['user', 'add', login, '--role', role, '--password-stdin'];
        if (account) args.push('--account', String(account));
        this.cli(args, `${PASSWORD}\n`);
    }

    personOf(login) {
        const users = JSON.parse(this.cli(['user', 'list', '--json']));
        const u = users.find((x) => x.login === login);
        if (!u) throw new Error(`no user ${login}`);
        return u.person_id;
    }

    // Start `kam serve` on a free port; resolves to the base URL.
    start() {
        return new Promise((resolve, reject) => {
            this.proc = spawn(KAM, ['serve', '--listen', '127.0.0.1:0'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
            let out = '';
            const timer = setTimeout(() => reject(new Error(`kam serve did not start: ${out}${this.log}`)), 10000);
            this.proc.stderr.on('data', (d) => { this.log += d; });
            this.proc.stdout.on('data', (d) => {
                out += d;
                const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
                if (m && !this.url) {
                    clearTimeout(timer);
                    this.url = `http://127.0.0.1:${m[1]}`;
                    resolve(this.url);
                }
            });
            this.proc.on('exit', (code, sig) => {
                this.exit = { code, sig };
                clearTimeout(timer);
                if (!this.url) reject(new Error(`kam serve exited (${code ?? sig}): ${out}${this.log}`));
            });
        });
    }

    alive() {
        return this.proc && !this.exit;
    }

    async stop() {
        if (!this.proc || this.exit) return this.exit;
        const gone = new Promise((res) => this.proc.once('exit', (code, sig) => res({ code, sig })));
        this.proc.kill('SIGTERM');
        const t = setTimeout(() => this.proc.kill('SIGKILL'), 10000);
        const r = await gone;
        clearTimeout(t);
        return r;
    }

    cleanup() {
        if (this.proc && !this.exit) this.proc.kill('SIGKILL');
        if (this.pgName) {
            try {
                pgCluster('drop', PG_DIR, this.pgName);
            } catch (e) {
                /* the cluster goes away with the run anyway */
            }
        }
        rmSync(this.dir, { recursive: true, force: true });
    }
}

/* ---- per-page checks --------------------------------------------------------- */

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// .htmlvalidate.json may carry // comments (why a rule is relaxed): they are
// dropped here before parsing. html-validate's own loader wants plain JSON.
const HV_CONFIG = join(here, '.htmlvalidate.json');
export const hvConfig = JSON.parse(readFileSync(HV_CONFIG, 'utf8').replace(/^\s*\/\/.*$/gm, ''));
const validator = new HtmlValidate(new StaticConfigLoader(hvConfig));

// Keep the last HTML document the main frame received (the server's bytes,
// not the browser's re-serialisation), so html-validate sees what was sent.
export function trackDocuments(page) {
    page.on('response', (resp) => {
        const req = resp.request();
        if (req.resourceType() !== 'document' || req.frame() !== page.mainFrame()) return;
        if (resp.status() >= 300 && resp.status() < 400) return;
        page._kamLastDoc = resp;
    });
    page._kamConsole = [];
    page.on('console', (m) => {
        if (m.type() !== 'error') return;
        // "Failed to load resource: … 401/404/422" about the document itself is
        // its HTTP status, which the tests check on their own; about an asset
        // (stylesheet, script, icon) it is a fault.
        const url = m.location()?.url || '';
        if (/^Failed to load resource/.test(m.text()) && !/\/assets\//.test(url)) return;
        const line = url && !m.text().includes(url) ? `${m.text()} (${url})` : m.text();
        if (!page._kamConsole.includes(line)) page._kamConsole.push(line);
    });
    // Each new document starts with a clean slate: messages belong to the page shown.
    page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) page._kamConsole.length = 0;
    });
    page.on('pageerror', (e) => page._kamConsole.push(`page error: ${e.message}`));
}

// Run axe-core inside the page. page.evaluate goes through the DevTools
// protocol, so the page's strict CSP (script nonce) does not block it.
async function runAxe(page) {
    const already = await page.evaluate(() => typeof window.axe !== 'undefined');
    if (!already) await page.evaluate(AXE_SOURCE);
    return page.evaluate(async () => {
        // preload: false — axe would fetch the stylesheets with XHR to build a
        // CSSOM (for css-orientation-lock only), which kam's CSP (no
        // connect-src) rightly blocks, and log a CSP error we would then report.
        const r = await window.axe.run(document, { resultTypes: ['violations'], preload: false });
        return r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((nd) => ({ target: nd.target.join(' '), html: nd.html, summary: nd.failureSummary })),
        }));
    });
}

function formatAxe(violations) {
    const lines = [];
    for (const v of violations) {
        lines.push(`[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'})`);
        for (const nd of v.nodes.slice(0, 5)) {
            lines.push(`    at ${nd.target}: ${nd.html.slice(0, 160)}`);
            if (nd.summary) for (const s of nd.summary.split('\n').slice(0, 3)) lines.push(`      ${s.trim()}`);
        }
    }
    return lines;
}

async function validateHtml(html, name) {
    const report = await validator.validateString(html, `${name}.html`);
    const lines = [];
    let errors = 0;
    for (const res of report.results) {
        for (const m of res.messages) {
            if (m.severity === 2) errors++;
            const src = html.split('\n')[m.line - 1] || '';
            const snippet = src.slice(Math.max(0, m.column - 40), m.column + 80);
            lines.push(`${m.severity === 2 ? 'error' : 'warning'} ${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
            lines.push(`    near: ${snippet}`);
        }
    }
    return { errors, lines };
}

// Check the page now shown: axe-core (no serious or critical violation;
// minor and moderate ones are listed as TAP comments) and html-validate
// (no error). `name` is what the TAP lines call the page.
export async function checkPage(page, name) {
    let violations = [];
    let axeError = null;
    try {
        violations = await runAxe(page);
    } catch (e) {
        axeError = e;
    }
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const mild = violations.filter((v) => !(v.impact === 'serious' || v.impact === 'critical'));
    ok(!axeError && bad.length === 0, `axe: ${name} has no serious or critical violations`,
        axeError ? `axe did not run: ${axeError.message}` : formatAxe(bad));
    if (mild.length) diag(`axe (minor/moderate) on ${name}:\n  ${formatAxe(mild).join('\n  ')}`);

    const resp = page._kamLastDoc;
    let html = null;
    try {
        html = resp ? await resp.text() : null;
    } catch (e) {
        html = null;
    }
    if (html === null) {
        ok(false, `html-validate: ${name}`, 'the document the server sent could not be read');
    } else {
        const { errors, lines } = await validateHtml(html, name.replace(/[^a-z0-9]+/gi, '-'));
        ok(errors === 0, `html-validate: ${name} has no errors`, lines);
        if (errors === 0 && lines.length) diag(`html-validate warnings on ${name}:\n  ${lines.join('\n  ')}`);
    }
    // A catalogue key shown instead of its text ("nav.accounts") means a
    // missing translation: look in the visible text and the labelling attributes.
    const keys = await page.evaluate((re) => {
        const rx = new RegExp(re, 'g');
        const found = new Set();
        const scan = (s) => { for (const m of (s || '').matchAll(rx)) found.add(m[1]); };
        scan(document.title);
        scan(document.body ? document.body.innerText : '');
        for (const e of document.querySelectorAll('[title],[aria-label],[placeholder],[alt]'))
            for (const a of ['title', 'aria-label', 'placeholder', 'alt']) scan(e.getAttribute(a));
        return [...found];
    }, KEY_RE);
    ok(keys.length === 0, `i18n: ${name} shows no untranslated catalogue keys`, keys.length ? [`keys shown: ${keys.join(', ')}`] : '');

    const cons = page._kamConsole.splice(0);
    ok(cons.length === 0, `console: ${name} logs no errors (CSP, scripts)`, cons);
}

export { AXE_SOURCE };
