// A small W3C WebDriver client for the end-to-end tests: starts tauri-driver, opens the real app with
// its own data folder, and cleans everything up. tauri-driver 2.1 sometimes resets a reused connection;
// such calls are retried, except the one that creates a session (retrying it could start a second app).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, existsSync, writeFileSync, openSync, readFileSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
export const appBinary = process.env.E2E_APP ?? join(repo, 'target', 'debug', 'sanctuary-portfolio');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

export function newDataDir() {
  return mkdtempSync(join(tmpdir(), 'sanctuary-e2e-'));
}

/** A running tauri-driver. */
export class Driver {
  static async start() {
    if (!existsSync(appBinary)) throw new Error(`app not built: ${appBinary} (run ./run test, which builds it)`);
    const port = await freePort();
    const nativePort = await freePort();
    // The driver's output goes to a file, not a pipe: a pipe inherited by the app would keep this test
    // process alive if the app outlived its session. Its own process group lets `stop` end the driver,
    // WebKitWebDriver and any app they started, all together.
    const logFile = join(mkdtempSync(join(tmpdir(), 'sanctuary-driver-')), 'driver.log');
    const fd = openSync(logFile, 'w');
    const proc = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    closeSync(fd);
    const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
    const d = new Driver(port, proc, log);
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`http://127.0.0.1:${port}/status`);
        return d;
      } catch {
        await sleep(100);
      }
    }
    proc.kill('SIGKILL');
    throw new Error(`tauri-driver did not start: ${log()}`);
  }

  constructor(port, proc, log) {
    this.port = port;
    this.proc = proc;
    this.log = log;
  }

  async request(method, path, body, { retry = true } = {}) {
    const url = `http://127.0.0.1:${this.port}${path}`;
    let lastError;
    for (let attempt = 0; attempt < (retry ? 6 : 1); attempt++) {
      try {
        const res = await fetch(url, {
          method,
          headers: body ? { 'content-type': 'application/json' } : {},
          body: body ? JSON.stringify(body) : undefined,
        });
        const json = await res.json().catch(() => ({}));
        if (!res.ok) {
          const v = json.value ?? {};
          const err = new Error(`${method} ${path}: ${v.error ?? res.status} ${v.message ?? ''}`);
          err.webdriver = v.error;
          throw err;
        }
        return json.value;
      } catch (e) {
        lastError = e;
        if (e.webdriver) throw e;
        await sleep(150);
      }
    }
    throw lastError;
  }

  /** Opens the app on `dataDir`; resolves once the page has loaded. */
  async open(dataDir) {
    const value = await this.request(
      'POST',
      '/session',
      { capabilities: { alwaysMatch: { 'tauri:options': { application: appBinary, args: ['--data-dir', dataDir] } } } },
      { retry: false },
    );
    const s = new Session(this, value.sessionId);
    await s.waitFor(() => s.exists('nav'), 'the window to show its navigation', 30000);
    return s;
  }

  async stop() {
    for (const signal of ['SIGTERM', 'SIGKILL']) {
      try {
        process.kill(-this.proc.pid, signal);
      } catch {
        /* already gone */
      }
      await sleep(300);
    }
  }
}

/** One app window. */
export class Session {
  constructor(driver, id) {
    this.driver = driver;
    this.id = id;
  }
  req(method, path, body) {
    return this.driver.request(method, `/session/${this.id}${path}`, body);
  }
  async find(css) {
    const v = await this.req('POST', '/element', { using: 'css selector', value: css });
    return Object.values(v)[0];
  }
  async exists(css) {
    const v = await this.req('POST', '/elements', { using: 'css selector', value: css });
    return v.length > 0;
  }
  async click(css) {
    await this.req('POST', `/element/${await this.find(css)}/click`, {});
  }
  async type(css, text) {
    await this.req('POST', `/element/${await this.find(css)}/value`, { text });
  }
  async clear(css) {
    await this.req('POST', `/element/${await this.find(css)}/clear`, {});
  }
  async text(css) {
    return this.req('GET', `/element/${await this.find(css)}/text`);
  }
  async value(css) {
    return this.req('GET', `/element/${await this.find(css)}/property/value`);
  }
  async script(body, args = []) {
    return this.req('POST', '/execute/sync', { script: body, args });
  }
  /**
   * Runs `body` (an async function body) in the page; resolves to `{ ok, value }`, or to
   * `{ ok: false, error, code }` when it throws or rejects (a command's refusal keeps its code).
   */
  inPage(body, args = []) {
    return this.req('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
      (async (...args) => { ${body} })(...Array.from(arguments).slice(0, -1)).then(
        (value) => done({ ok: true, value }),
        (e) => done({ ok: false, error: typeof e === 'string' ? e : (e && e.message) || JSON.stringify(e), code: e && e.code }),
      );`,
      args,
    });
  }
  /** Polls `check` until it returns something truthy; fails saying what it waited for. */
  async waitFor(check, what, timeoutMs = 15000) {
    const end = Date.now() + timeoutMs;
    let last;
    while (Date.now() < end) {
      try {
        const v = await check();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
  }
  async screenshot(file) {
    // Give the compositor a moment to paint the latest frame before capturing.
    await sleep(500);
    const b64 = await this.req('GET', '/screenshot');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(b64, 'base64'));
  }
  /** Loads the demo school from the School screen, as a coordinator would, and waits for it. */
  async loadDemo() {
    await this.waitFor(() => this.exists('#load-demo'), 'the demo button');
    await this.click('#load-demo');
    await this.click('#confirm-demo');
    await this.waitFor(async () => (await this.value('#school-name')) === 'Brookfield Primary School', 'the demo school');
  }

  /** Exports the portfolio to `out` from the Portfolio screen and waits for it; an export error fails the test. */
  async exportPortfolio(out, timeoutMs = 60000) {
    await this.click('button[data-view="portfolio"]');
    await this.waitFor(() => this.exists('#export-path'), 'the export screen');
    await this.exportTo(out, timeoutMs);
  }

  /** On the Portfolio screen, exports to `out` with the choices already made there and waits for it;
   *  an export error fails the test. */
  async exportTo(out, timeoutMs = 60000) {
    await this.clear('#export-path');
    await this.type('#export-path', out);
    await this.click('#export-button');
    await this.waitFor(
      async () => (await this.exists('#export-done')) || ((await this.exists('#export-error')) && (await this.text('#export-error'))),
      'the export to finish',
      timeoutMs,
    );
    if (await this.exists('#export-error')) throw new Error(`export failed: ${await this.text('#export-error')}`);
  }

  /** Closes the window (the app quits). */
  async close() {
    try {
      await this.driver.request('DELETE', `/session/${this.id}`);
    } catch {
      /* the app may already be gone */
    }
  }
}
