// Sharing outside school in the real window: sharing consent ticked in an item's details, items and a
// story picked in the Share screen's preview (which says what is left out and why), the folder made,
// and then its index.html opened in the same WebKit window and checked with axe-core (WCAG 2.2 AA):
// no violations at all. Screenshots of the page at phone and desktop widths.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Driver, newDataDir, repo } from './driver.mjs';

const axeSource = readFileSync(join(repo, 'ui', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const shots = join(repo, 'tests', 'e2e', 'screenshots');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

const invoke = (s, command, args = {}) => s.inPage(`return await window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]);`, [command, args]);

async function selectValue(s, css, value) {
  const r = await s.script(
    `const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('change', { bubbles: true })); return el.value;`,
    [css, value],
  );
  assert.equal(r, value, `${css} has no option ${value}`);
}

/** Every axe violation (any impact) on the page as it is. */
async function axe(s) {
  await s.script(`${axeSource}\nreturn true;`);
  const r = await s.inPage(`
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' ' + n.html.slice(0, 120)) }));
  `);
  assert.equal(r.ok, true, `axe failed to run: ${r.error}`);
  return r.value;
}

test('pick items in the preview, make the folder, and its page passes axe in the real window', async () => {
  const s = await driver.open(newDataDir());
  try {
    await s.loadDemo();
    const list = await invoke(s, 'list_evidence', { filter: { text: '', criterion: null, kind: null, consent: null, from: null, to: null } });
    assert.equal(list.ok, true, JSON.stringify(list));
    const items = list.value;
    const photo = items.find((i) => i.kind === 'photo');
    const quotes = items.filter((i) => i.kind === 'quote');
    assert.ok(photo && quotes.length >= 2, 'the demo has photos and quotes');
    assert.ok(items.every((i) => !i.shareConsent), 'sharing consent is no until someone says yes');

    // Sharing consent ticked in the evidence detail, as a coordinator would.
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists(`button.tile[data-evidence="${photo.id}"]`), 'the photo tile');
    await s.click(`button.tile[data-evidence="${photo.id}"]`);
    await s.waitFor(() => s.exists('#d-share-consent'), 'the sharing consent box');
    await s.click('#d-share-consent');
    await s.waitFor(async () => {
      const r = await invoke(s, 'list_evidence', { filter: { text: '', criterion: null, kind: null, consent: null, from: null, to: null } });
      return r.ok && r.value.find((i) => i.id === photo.id).shareConsent;
    }, 'the sharing consent to be saved');
    // And one quote at once from the command the window offers for several.
    const r = await invoke(s, 'set_share_consent', { ids: [quotes[0].id], yes: true });
    assert.equal(r.ok, true, JSON.stringify(r));

    await s.click('button[data-view="share"]');
    await s.waitFor(() => s.exists('#share-preview h3'), 'the Share screen and its preview');
    // A story: the first action of the plan, told with the photo.
    const actionId = await s.script(`return document.querySelector('#share-add-story option:nth-child(2)').value`);
    await selectValue(s, '#share-add-story', actionId);
    await s.click('#share-add-story-button');
    await s.waitFor(() => s.exists('#story-add-0'), 'the story');
    await selectValue(s, '#story-add-0', photo.id);
    await s.click('#story-add-button-0');
    // Words on their own: the shared quote and one without sharing consent.
    for (const q of [quotes[0], quotes[1]]) {
      if (await s.script(`return !!document.querySelector('#share-add-item option[value="${q.id}"]')`)) {
        await selectValue(s, '#share-add-item', q.id);
        await s.click('#share-add-item-button');
        await sleep(300);
      }
    }
    await s.waitFor(() => s.exists('#share-left-out'), 'the preview to say what is left out');
    const leftOut = await s.text('#share-left-out');
    assert.match(leftOut, /no consent to share outside school/, leftOut);
    const previewText = await s.text('#share-preview');
    assert.ok(previewText.includes(quotes[0].quoteText.slice(0, 20)), previewText);
    assert.ok(!previewText.includes(quotes[1].quoteText.slice(0, 20)), 'the quote without sharing consent is not previewed');
    await s.screenshot(join(shots, 'share-screen.png'));

    const out = join(mkdtempSync(join(tmpdir(), 'sanctuary-share-')), 'website');
    await s.type('#share-out', out);
    await s.click('#share-make');
    await s.waitFor(async () => (await s.exists('#share-done')) || ((await s.exists('#share-error')) && (await s.text('#share-error'))), 'the folder to be made', 60000);
    assert.ok(await s.exists('#share-done'), await s.text('#share-error').catch(() => ''));
    for (const f of ['index.html', 'post.html', 'newsletter.docx', 'poster.pdf']) assert.ok(existsSync(join(out, f)), f);
    assert.equal(readdirSync(join(out, 'images')).length, 1, 'the one shared photo');

    // The page itself, in the same WebKit window: the app may navigate to a file:// page.
    const url = pathToFileURL(join(out, 'index.html')).href;
    await s.req('POST', '/url', { url });
    await s.waitFor(async () => (await s.script('return location.href')) === url && (await s.script('return document.readyState')) === 'complete', 'the shared page to load');
    assert.equal(await s.script('return document.documentElement.lang'), 'en-GB');
    assert.equal(await s.script(`return [...document.images].every((i) => i.complete && i.naturalWidth > 0)`), true, 'every picture loads from the folder');
    const violations = await axe(s);
    assert.deepEqual(violations, [], `axe found:\n${JSON.stringify(violations, null, 2)}`);

    // Desktop width: the window as it is (1280 px under this Xvfb screen).
    await s.req('POST', '/window/rect', { width: 1280, height: 900 });
    await sleep(400);
    assert.equal(await s.script('return document.documentElement.scrollWidth <= window.innerWidth + 1'), true, 'nothing scrolls sideways on a desktop');
    await s.screenshot(join(shots, 'share-page-desktop.png'));
    // Phone width: the app's window does not shrink below its minimum width, so the same page is shown
    // in a 390 × 844 frame laid over it, and that frame is photographed.
    await s.script(`const f = document.createElement('iframe'); f.id = 'phone'; f.title = 'phone'; f.src = arguments[0];
      f.style.cssText = 'position:fixed;left:0;top:0;width:390px;height:844px;border:0;z-index:9;background:#fff';
      document.body.append(f);`, [url]);
    // WebKit gives each file:// page an origin of its own, so the frame's document cannot be read
    // from here: its width is judged from the screenshot.
    await sleep(1500);
    await sleep(500);
    const shot = await s.req('GET', `/element/${await s.find('#phone')}/screenshot`);
    writeFileSync(join(shots, 'share-page-phone.png'), Buffer.from(shot, 'base64'));
  } finally {
    await s.close();
  }
});
