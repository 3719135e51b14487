// The Evidence screen with 1,000 photos (made through the CLI): only the rows near the view are in
// the page, on-screen thumbnails come through the app's thumb: scheme, a search typed key by key
// ends with exactly the matching tiles (no older answer overwrites a newer one), and the arrow
// keys and Enter work on the tiles.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Driver, newDataDir } from './driver.mjs';
import { makeLibrary, photoTitle } from './library-data.mjs';

const N = 1000;
let driver;
let dir;
before(async () => {
  dir = join(newDataDir(), 'data');
  makeLibrary(dir, N);
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

// The titles of the tiles in the page, sorted (the order is the import's).
const titles = (s) => s.script('return [...document.querySelectorAll(".tile .title")].map((e) => e.textContent.replace(/^.* · /, "")).sort()');
const heading = (s) => s.text('#lib-h');

test('a thousand photos: a light page, thumbnails by scheme, a quick search, keyboard moves', async () => {
  const s = await driver.open(dir);
  try {
    await s.click('button[data-view="evidence"]');
    await s.waitFor(async () => (await heading(s)).includes(`(${N})`), 'the library heading to count every item');
    // Only the rows near the view are in the page.
    const inPage = await s.script('return document.querySelectorAll(".tile").length');
    assert.ok(inPage > 0 && inPage < 100, `${inPage} tiles in the page for ${N} items`);
    // The tiles on screen show their thumbnails, each loaded from thumb://localhost/<its hash>.
    const visibleThumbs = `const box = document.querySelector('.viewport').getBoundingClientRect();
      return [...document.querySelectorAll('.tile img')].filter((i) => { const r = i.getBoundingClientRect(); return r.bottom > box.top && r.top < box.bottom; })
        .map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 }));`;
    await s.waitFor(async () => {
      const v = await s.script(visibleThumbs);
      return v.length >= 4 && v.every((i) => i.ok);
    }, 'the thumbnails on screen to load', 20000);
    for (const { src } of await s.script(visibleThumbs)) assert.match(src, /^thumb:\/\/localhost\/[0-9a-f]{64}$/);

    // Scrolled to the end: still a light page, and the last photo is there.
    await s.script('const v = document.querySelector(".viewport"); v.scrollTop = v.scrollHeight;');
    await s.waitFor(() => s.exists(`.tile[data-index="${N - 1}"]`), 'the last tile after scrolling to the end');
    assert.ok((await s.script('return document.querySelectorAll(".tile").length')) < 100);
    await s.script('document.querySelector(".viewport").scrollTop = 0;');

    // Typed key by key (one WebDriver call sends each key as its own events): the grid ends with
    // exactly the tiles that match, first for "IMG 004" (ten of them), then for "IMG 0042".
    await s.type('#f-text', 'IMG 004');
    const ten = Array.from({ length: 10 }, (_, k) => photoTitle(40 + k));
    await s.waitFor(async () => JSON.stringify(await titles(s)) === JSON.stringify(ten), 'exactly IMG 0040 to IMG 0049');
    await s.type('#f-text', '2');
    await s.waitFor(async () => JSON.stringify(await titles(s)) === JSON.stringify([photoTitle(42)]), 'exactly IMG 0042');
    // And it stays so: no late answer replaces it.
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await titles(s), [photoTitle(42)]);
    assert.match(await heading(s), /\(1\)/);

    // Clearing the search brings them all back; the arrow keys move between tiles and Enter opens one.
    await s.clear('#f-text');
    await s.script('const el = document.getElementById("f-text"); el.dispatchEvent(new Event("input", { bubbles: true }));');
    await s.waitFor(async () => (await heading(s)).includes(`(${N})`), 'all items back');
    const cols = await s.script('return getComputedStyle(document.querySelector(".tiles")).gridTemplateColumns.split(" ").length');
    await s.script('document.querySelector(".tile[data-index=\'0\']").focus()');
    await s.type('.tile[data-index="0"]', '\uE014'); // ArrowRight
    assert.equal(await s.script('return document.activeElement.dataset.index'), '1');
    await s.type('.tile[data-index="1"]', '\uE015'); // ArrowDown
    assert.equal(await s.script('return document.activeElement.dataset.index'), String(1 + cols));
    await s.type(`.tile[data-index="${1 + cols}"]`, '\uE010'); // End
    assert.equal(await s.script('return document.activeElement.dataset.index'), String(N - 1));
    const last = await s.script(`return document.querySelector('.tile[data-index="${N - 1}"] .title').textContent.replace(/^.* · /, '')`);
    await s.type(`.tile[data-index="${N - 1}"]`, '\uE007'); // Enter
    await s.waitFor(async () => (await s.exists('#d-title')) && (await s.value('#d-title')) === last, 'the last tile open in the editor');
    // Only one tile is a Tab stop.
    assert.equal(await s.script('return document.querySelectorAll(".tile[tabindex=\'0\']").length'), 1);
  } finally {
    await s.close();
  }
});
