// Hiding a face in the real window: a photo without consent, "hide faces and include", an area drawn
// with the mouse and placed with the keyboard, saved; the exported PDF's picture has the area hidden
// and the rest of the photo unchanged.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, newDataDir, repo } from './driver.mjs';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

/** Standard deviation (0–1) of a crop of `file`, given in fractions of its size. */
function spread(file, x, y, w, h) {
  const [iw, ih] = execFileSync('identify', ['-format', '%w %h', file]).toString().split(' ').map(Number);
  const crop = `${Math.round(w * iw)}x${Math.round(h * ih)}+${Math.round(x * iw)}+${Math.round(y * ih)}`;
  return Number(execFileSync('convert', [file, '-crop', crop, '+repage', '-colorspace', 'gray', '-format', '%[fx:standard_deviation]', 'info:']).toString());
}

const key = { left: '\uE012', up: '\uE013', right: '\uE014', down: '\uE015', shift: '\uE008', none: '\uE000' };

test('a face hidden in the window is hidden in the exported PDF', async () => {
  const dir = newDataDir();
  const files = join(dir, 'incoming');
  mkdirSync(files, { recursive: true });
  // A drawn "class photo" (no people): a plain background with a busy patch where a face would be,
  // at x 30–55 %, y 25–55 % of an 800 × 600 picture.
  const photo = join(files, 'Class photo.jpg');
  execFileSync('convert', ['-size', '800x600', 'xc:#6f8fb0', '(', '-size', '200x180', 'pattern:checkerboard', ')', '-geometry', '+240+150', '-composite', '-quality', '92', photo]);
  const out = join(dir, 'portfolio.pdf');
  const s = await driver.open(dir);
  try {
    await s.loadDemo();
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('#add-files'), 'the evidence screen');
    const report = await s.script(
      `const t = window.__TAURI_INTERNALS__;
       const channel = '__CHANNEL__:' + t.transformCallback(() => {});
       return t.invoke('add_evidence', { request: { paths: [arguments[0]], criteria: [], consent: null }, onProgress: channel });`,
      [photo],
    );
    assert.equal(report.added.length, 1, JSON.stringify(report));
    const id = report.added[0];
    await s.click('button[data-view="school"]');
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists(`[data-evidence="${id}"]`), 'the new photo in the library');
    const thumbSrc = () => s.script('const i = document.querySelector(`[data-evidence="${arguments[0]}"] img`); return i ? i.getAttribute("src") : null', [id]);
    const unhiddenSrc = await thumbSrc();
    await s.click(`[data-evidence="${id}"]`);
    await s.waitFor(() => s.exists('#hide-include'), 'the "hide faces and include" button for a photo without consent');
    await s.click('#hide-include');
    await s.waitFor(
      () => s.script('const i = document.querySelector(".stage img"); return !!i && i.complete && i.naturalWidth > 0'),
      'the photo to draw on',
    );
    assert.match(await s.text('#hide-warning'), /miss faces/);

    // Draw an area with the mouse: from (35 %, 30 %) to (50 %, 50 %) of the picture.
    // The picture may sit below the fold of the window: bring it into view first, as a user would scroll.
    const box = await s.script('const e = document.querySelector(".stage"); e.scrollIntoView({ block: "center" }); const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]');
    const [left, top, width, height] = box.map(Math.round);
    const at = (fx, fy) => ({ x: Math.round(left + fx * width), y: Math.round(top + fy * height) });
    await s.req('POST', '/actions', {
      actions: [{
        type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', duration: 0, origin: 'viewport', ...at(0.35, 0.30) },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerMove', duration: 100, origin: 'viewport', ...at(0.42, 0.40) },
          { type: 'pointerMove', duration: 100, origin: 'viewport', ...at(0.50, 0.50) },
          { type: 'pointerUp', button: 0 },
        ],
      }],
    });
    await s.waitFor(() => s.exists('[data-area="0"]'), 'the drawn area');
    // Then cover the whole patch with the keyboard: 5 steps left and up, 10 wider and higher.
    await s.type('[data-area="0"]', key.left.repeat(5) + key.up.repeat(5) + key.shift + key.right.repeat(10) + key.down.repeat(10) + key.none);
    const area = await s.script('const a = document.querySelector("[data-area=\\"0\\"]"); return [a.style.left, a.style.top, a.style.width, a.style.height].map(parseFloat)');
    assert.ok(area[0] <= 30.5 && area[1] <= 25.5 && area[0] + area[2] >= 54.5 && area[1] + area[3] >= 54.5, `the area covers the patch: ${area}`);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'hide-faces.png'));
    await s.click('#hide-save');
    await s.waitFor(() => s.exists('#hide-open'), 'the details again after saving');
    assert.equal(await s.value('#d-consent'), 'given_hidden');
    await s.waitFor(async () => (await s.text(`[data-evidence="${id}"]`)).includes('1 hidden'), 'the tile to say one area is hidden');
    // The tile's picture comes from a new address, so the webview's cached unhidden thumbnail is not reused.
    const hiddenSrc = await thumbSrc();
    assert.ok(unhiddenSrc && hiddenSrc && hiddenSrc !== unhiddenSrc && hiddenSrc.startsWith(unhiddenSrc + '?v='), `${unhiddenSrc} then ${hiddenSrc}`);

    await s.exportPortfolio(out);
  } finally {
    await s.close();
  }
  const pictures = join(dir, 'pictures');
  mkdirSync(pictures);
  execFileSync('pdfimages', ['-j', out, join(pictures, 'p')]);
  // The drawn photo is the only 800 × 600 picture in the demo's portfolio.
  const ours = readdirSync(pictures).map((f) => join(pictures, f)).filter((f) => execFileSync('identify', ['-format', '%w %h', f]).toString() === '800 600');
  assert.equal(ours.length, 1, 'the hidden photo is in the PDF');
  const inside = spread(ours[0], 0.33, 0.28, 0.19, 0.24);
  assert.ok(inside < 0.02, `the patch is hidden in the PDF (spread ${inside})`);
  const reference = spread(photo, 0.33, 0.28, 0.19, 0.24);
  assert.ok(reference > 0.05, `the original patch is busy (spread ${reference})`);
  assert.ok(spread(ours[0], 0.65, 0.65, 0.3, 0.3) < 0.02, 'the plain background is as it was');
});
