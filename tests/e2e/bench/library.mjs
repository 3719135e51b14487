// Benchmark of the Evidence screen in the real window (debug build, the e2e harness driving
// WebKitWebDriver under Xvfb), run by hand, not in CI:
//
//   xvfb-run -a -s "-screen 0 1280x900x24" node tests/e2e/bench/library.mjs [1000 10000 ...]
//
// For each size it makes a library through the CLI (small drawn JPEGs, see ../library-data.mjs),
// opens the app, lets its start screen finish loading, and measures inside the page (performance.now(), no WebDriver polling in the
// figures): the time from clicking Evidence to the first tiles, and to every thumbnail on screen (inside
// both the grid's scrolling box and the window: lazy pictures below the window are not fetched)
// loaded (img.complete && naturalWidth > 0); the longest main-thread stall and the number over
// 100 ms (a requestAnimationFrame probe, from the click until 3 s after the thumbnails); the web
// process's memory (VmRSS and peak VmHWM of this app's WebKitWebProcess, from /proc); the response
// to a search typed at 30 ms a key ("IMG 0042": from the last key to the grid showing exactly the
// match); and, after a jump to the middle of the library, the time to its thumbnails on screen.
// Libraries are kept in /tmp/sanctuary-bench-library-N between runs (delete it to remake; set
// BENCH_LIBRARY_DIR to keep them somewhere else than /tmp).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Driver } from '../driver.mjs';
import { makeLibrary, photoTitle } from '../library-data.mjs';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (!sizes.length) sizes.push(1000, 10000);

/** Runs an async function body in the page and returns its value. */
async function inPage(s, body, args = []) {
  const r = await s.req('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      (async (...args) => { ${body} })(...Array.from(arguments).slice(0, -1)).then(
        (value) => done({ ok: true, value }), (e) => done({ ok: false, error: String(e && e.message || e) }));`,
    args,
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Pids of every process below `pid`. */
function descendants(pid) {
  const children = new Map();
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1];
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(p);
    } catch {
      /* gone */
    }
  }
  const out = [];
  const walk = (p) => (children.get(String(p)) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

/** VmRSS and VmHWM (MB) of this driver's WebKitWebProcess (the page's process). */
function webProcessMemory(driver) {
  for (const p of descendants(driver.proc.pid)) {
    try {
      // comm is cut to 15 characters: "WebKitWebProces".
      if (!['WebKitWebProces', 'WebKitWebProcess'].includes(readFileSync(`/proc/${p}/comm`, 'utf8').trim())) continue;
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = (k) => Number(status.match(new RegExp(`${k}:\\s+(\\d+)`))[1]);
      return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    } catch {
      /* gone */
    }
  }
  return { rss: NaN, peak: NaN };
}

// In the page: a stall probe (gaps between animation frames), and a wait for the thumbnails on screen.
const probe = `
  window.__stall = { max: 0, over100: 0, last: performance.now(), on: true };
  const tick = (t) => { const s = window.__stall; const gap = t - s.last; if (gap > s.max) s.max = gap; if (gap > 100) s.over100++; s.last = t; if (s.on) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);`;
const onScreenLoaded = `
  const onScreen = () => { const v = document.querySelector('.viewport'); if (!v) return null; const box = v.getBoundingClientRect();
    const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, window.innerHeight);
    const imgs = [...document.querySelectorAll('.tile img')].filter((i) => { const r = i.getBoundingClientRect(); return r.bottom > top && r.top < bottom; });
    return imgs.length && imgs.every((i) => i.complete && i.naturalWidth > 0) ? imgs.length : null; };
  const until = (check, ms) => new Promise((res, rej) => { const end = performance.now() + ms; const f = () => { const v = check(); if (v) res(v); else if (performance.now() > end) rej(new Error('timed out')); else requestAnimationFrame(f); }; f(); });`;

async function measure(driver, dir, n) {
  const s = await driver.open(dir);
  try {
    await s.req('POST', '/timeouts', { script: 120000 });
    // The start screen finishes loading first (its data, fonts, the page's first script compiling):
    // the figures are for a coordinator clicking Evidence in an app that is open, not while it starts.
    await inPage(s, `${onScreenLoaded} await until(() => document.querySelector('main h1'), 60000); await new Promise((r) => setTimeout(r, 1500)); return 1;`);
    const before = webProcessMemory(driver);
    const screen = await inPage(s, `${probe}${onScreenLoaded}
      const t0 = performance.now();
      document.querySelector('button[data-view="evidence"]').click();
      await until(() => document.querySelector('.tile'), 110000);
      const first = performance.now() - t0;
      const shown = await until(onScreen, 110000);
      const thumbs = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 3000));
      window.__stall.on = false;
      return { first, thumbs, shown, stall: window.__stall.max, over100: window.__stall.over100, tiles: document.querySelectorAll('.tile').length };`);
    const after = webProcessMemory(driver);
    const search = await inPage(s, `${onScreenLoaded}
      const el = document.getElementById('f-text');
      for (const ch of arguments[0]) { el.value += ch; el.dispatchEvent(new Event('input', { bubbles: true })); await new Promise((r) => setTimeout(r, 30)); }
      const t0 = performance.now() - 30;
      const want = arguments[1];
      await until(() => { const t = [...document.querySelectorAll('.tile .title')].map((e) => e.textContent.replace(/^.* · /, '')); return t.length === 1 && t[0] === want; }, 60000);
      const response = performance.now() - t0;
      el.value = ''; el.dispatchEvent(new Event('input', { bubbles: true }));
      await until(() => document.querySelectorAll('.tile').length > 1, 60000);
      return response;`, ['IMG 0042', photoTitle(42)]);
    const jump = await inPage(s, `${onScreenLoaded}
      const v = document.querySelector('.viewport');
      const t0 = performance.now();
      v.scrollTop = v.scrollHeight / 2;
      await until(() => { const i = document.querySelector('.tile[data-index]'); return i && Number(i.dataset.index) > arguments[0] / 3; }, 60000);
      await until(onScreen, 60000);
      return performance.now() - t0;`, [n]);
    return { n, ...screen, search, jump, memory: { before, after, end: webProcessMemory(driver) } };
  } finally {
    await s.close();
  }
}

const driver = await Driver.start();
try {
  const results = [];
  for (const n of sizes) {
    const dir = join(process.env.BENCH_LIBRARY_DIR ?? '/tmp', `sanctuary-bench-library-${n}`, 'data');
    if (!existsSync(join(dir, 'sanctuary.db'))) {
      const t = Date.now();
      makeLibrary(dir, n);
      console.error(`made a library of ${n} photos through the CLI in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
    // The first opening warms the disk cache and WebKit's own; the figures are from the second.
    console.error(`warm-up: ${JSON.stringify(await measure(driver, dir, n))}`);
    const r = await measure(driver, dir, n);
    results.push(r);
    console.log(JSON.stringify(r));
  }
  const f = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
  console.log('\n| | ' + results.map((r) => `${r.n.toLocaleString('en-GB')} items`).join(' | ') + ' |');
  console.log('|---|' + results.map(() => '---').join('|') + '|');
  const row = (label, get) => console.log(`| ${label} | ${results.map(get).join(' | ')} |`);
  row('first tiles after clicking Evidence', (r) => f(r.first));
  row('the thumbnails on screen loaded', (r) => `${f(r.thumbs)} (${r.shown} on screen)`);
  row('longest main-thread stall (stalls over 100 ms)', (r) => `${f(r.stall)} (${r.over100})`);
  row('tiles in the page', (r) => String(r.tiles));
  row('WebKit web process memory, screen loaded (peak)', (r) => `${Math.round(r.memory.after.rss)} MB (${Math.round(r.memory.end.peak)})`);
  row('search "IMG 0042" typed at 30 ms a key: last key to the one tile', (r) => f(r.search));
  row('jump to the middle: thumbnails on screen', (r) => f(r.jump));
} finally {
  await driver.stop();
}
