// Benchmark of the other lists that grow (debug build, the real window under Xvfb), run by hand:
//
//   cargo build --workspace --features sanctuary-app/custom-protocol
//   target/debug/bench_library 100 --rows 1000 --keep /tmp/sanctuary-bench-rows-1000
//   xvfb-run -a -s "-screen 0 1280x900x24" node tests/e2e/bench/lists.mjs /tmp/sanctuary-bench-rows-1000
//
// `bench_library --keep` leaves a data folder with 1,000 actions and 1,000 feedback rounds (two
// comments each). For the action plan and the journey (feedback) screens this prints, measured in the
// page after its start screen has finished loading: the longest main-thread stall from the click until
// 5 s later (a requestAnimationFrame probe), when the screen stopped changing (the last DOM mutation),
// and how many elements it holds.
import { Driver } from '../driver.mjs';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node tests/e2e/bench/lists.mjs DATA_DIR (made by bench_library --keep)');

async function inPage(s, body) {
  const r = await s.req('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      (async () => { ${body} })().then((value) => done({ ok: true, value }), (e) => done({ ok: false, error: String(e && e.message || e) }));`,
    args: [],
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const driver = await Driver.start();
try {
  const s = await driver.open(dir);
  try {
    await s.req('POST', '/timeouts', { script: 60000 });
    await inPage(s, `while (!document.querySelector('main h1')) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 2500)); return 1;`);
    const rows = [];
    for (const view of ['plan', 'journey', 'plan', 'journey']) {
      const r = await inPage(s, `
        let max = 0, last = performance.now(), on = true, changed = 0;
        const tick = (t) => { max = Math.max(max, t - last); last = t; if (on) requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
        const mo = new MutationObserver(() => { changed = performance.now(); });
        mo.observe(document.querySelector('main'), { childList: true, subtree: true });
        const t0 = performance.now();
        document.querySelector('button[data-view="${view}"]').click();
        await new Promise((r) => setTimeout(r, 5000));
        on = false;
        mo.disconnect();
        return { settled: changed - t0, stall: max, elements: document.querySelectorAll('main *').length };`);
      rows.push({ view, ...r });
      console.log(JSON.stringify({ view, ...r }));
    }
    console.log('\n| screen (1,000 rows) | longest stall | screen settled | elements |\n|---|---|---|---|');
    rows.forEach((r, i) => console.log(`| ${r.view}${i > 1 ? ' (again)' : ''} | ${Math.round(r.stall)} ms | ${Math.round(r.settled)} ms | ${r.elements} |`));
  } finally {
    await s.close();
  }
} finally {
  await driver.stop();
}
