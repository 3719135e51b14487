// Correcting what was added, in the real window: an action, a quote and a feedback comment are
// edited after they were added and the changes are there after a restart; an action serving two
// criteria is one row; a quote's own choice of criterion wins over the library's filter; five photos
// are chosen (click, Shift + click, Ctrl + click, Space) and given consent, a criterion and numbered
// titles in one step, which one Undo takes back.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Driver, newDataDir, repo } from './driver.mjs';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

const shots = join(repo, 'tests', 'e2e', 'screenshots');

/** Calls a backend command from the page, as the window's api.ts does. */
async function invoke(s, command, args = {}) {
  const r = await s.inPage('return await window.__TAURI_INTERNALS__.invoke(args[0], args[1]);', [command, args]);
  assert.ok(r.ok, `${command}: ${r.error}`);
  return r.value;
}

/** Sets a <select> or an input the way a person's choice does (Svelte's bind listens to these). */
const choose = (s, css, value) =>
  s.script(
    `const el = document.querySelector(arguments[0]); el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [css, value],
  );

const clickButton = (s, scope, text) =>
  s.script(`[...document.querySelectorAll(arguments[0] + ' button')].find((b) => b.textContent.trim().startsWith(arguments[1])).click()`, [scope, text]);

async function keyOf(s, number) {
  const fw = await invoke(s, 'active_framework');
  return fw.criteria.find((c) => c.number === number).key;
}

test('an action, a quote and a feedback comment are corrected after they are added, and stay corrected', async () => {
  const dir = newDataDir();
  let s = await driver.open(dir);
  try {
    const five = await keyOf(s, 5);
    const three = await keyOf(s, 3);

    // The plan: an action serving criteria 1 and 7 (two strands) is one row showing both.
    await s.click('button[data-view="plan"]');
    await s.waitFor(() => s.exists('#new-action'), 'the new-action form');
    await s.type('#new-action', 'Coffee morning for new families');
    await s.click('#new-crit-1');
    await s.click('#new-crit-7');
    await s.click('#add-action');
    await s.waitFor(async () => (await s.script('return document.querySelectorAll("li[data-action]").length')) === 1, 'the action');
    const rows = await s.script('return document.querySelectorAll("li[data-action]").length');
    assert.equal(rows, 1, 'an action serving two strands is one row');
    const chips = await s.script('return [...document.querySelectorAll("li[data-action] .criteria li")].map((e) => e.textContent.trim())');
    assert.equal(chips.length, 2, JSON.stringify(chips));
    assert.match(chips[0], /^1 /);
    assert.match(chips[1], /^7 /);
    await s.click('li[data-action] button.edit');
    const id = await s.script('return document.querySelector("li[data-action]").dataset.action');
    await s.waitFor(() => s.exists(`#edit-text-${id}`), 'the edit form');
    await s.clear(`#edit-text-${id}`);
    await s.type(`#edit-text-${id}`, 'Coffee afternoon for new families');
    await s.type(`#edit-owner-${id}`, 'Mrs Khan');
    await s.click(`#edit-crit-${id}-5`);
    await s.click(`#edit-save-${id}`);
    await s.waitFor(
      async () => (await s.script('return document.querySelector("li[data-action] strong")?.textContent')) === 'Coffee afternoon for new families',
      'the edited action',
    );
    await s.script('document.getElementById("list-h").scrollIntoView()');
    await s.screenshot(join(shots, 'plan-edited.png'));

    // A quote added with the library filtered to criterion 3, its own criterion chosen as 5.
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('#f-crit'), 'the evidence screen');
    await choose(s, '#f-crit', three);
    await s.script('document.querySelector("#quote-text").closest("details").open = true');
    await s.type('#quote-text', 'I felt welcome from the very first day because everyone learned to say hello in my language');
    await s.type('#quote-by', 'Pupil, Year 5');
    assert.equal(await s.value('#quote-criterion'), three, 'the form starts with the filter, shown');
    await choose(s, '#quote-criterion', five);
    await s.click('#quote-save');
    let quotes = [];
    await s.waitFor(async () => (quotes = (await invoke(s, 'list_evidence', { filter: { kind: 'quote' } }))).length === 1, 'the quote');
    assert.deepEqual(quotes[0].criteria, [five], 'the quote is on the criterion its form chose');
    assert.equal(quotes[0].title, 'I felt welcome from the very first day because…', 'its title ends at a word');

    // Corrected in its details: words, speaker and title.
    await choose(s, '#f-crit', five);
    await s.waitFor(() => s.exists(`.tile[data-evidence="${quotes[0].id}"]`), 'the quote tile');
    await s.click(`.tile[data-evidence="${quotes[0].id}"]`);
    await s.waitFor(() => s.exists('#d-quote'), 'the quote in its details');
    const inView = await s.script('const r = document.getElementById("detail-h").getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight');
    assert.ok(inView, 'the details open in view');
    await s.clear('#d-quote');
    await s.type('#d-quote', 'I felt welcome from the first day');
    await s.clear('#d-by');
    await s.type('#d-by', 'Pupil, Year 6');
    await s.clear('#d-title');
    await s.type('#d-title', 'Welcome from day one');
    await s.waitFor(
      async () => (await invoke(s, 'list_evidence', { filter: { kind: 'quote' } }))[0].attribution === 'Pupil, Year 6',
      'the corrected quote to be saved',
    );

    // Feedback: a round and a comment, then the comment corrected.
    await s.click('button[data-view="journey"]');
    await s.waitFor(() => s.exists('#add-round'), 'the journey screen');
    await s.type('#nr-from', 'Local lead');
    await s.click('#add-round');
    await s.waitFor(() => s.exists('article.round details'), 'the new round');
    await s.script('document.querySelector("article.round details").open = true');
    await s.waitFor(() => s.exists('article.round textarea[id^="nc-text-"]'), 'the comment form');
    await s.type('article.round textarea[id^="nc-text-"]', 'Say more about staff training');
    await clickButton(s, 'article.round', 'Add comment');
    await s.waitFor(() => s.exists('article.round .comment'), 'the comment');
    await clickButton(s, 'article.round .comment', 'Edit comment');
    await s.waitFor(() => s.exists('article.round .comment textarea[id^="ec-text-"]'), 'the comment edit form');
    await s.clear('article.round .comment textarea[id^="ec-text-"]');
    await s.type('article.round .comment textarea[id^="ec-text-"]', 'Say more about training for support staff');
    await clickButton(s, 'article.round .comment', 'Save changes');
    await s.waitFor(
      async () => (await s.script('return document.querySelector("article.round .comment .said")?.textContent')) === 'Say more about training for support staff',
      'the corrected comment',
    );
    // The round itself corrected: who it came from.
    await clickButton(s, 'article.round', 'Edit this round');
    await s.waitFor(() => s.exists('article.round input[id^="er-from-"]'), 'the round edit form');
    await s.clear('article.round input[id^="er-from-"]');
    await s.type('article.round input[id^="er-from-"]', 'Ms Ahmed, local lead');
    // Its date typed day first, as on every other date field: 07/12 is the 7th of December.
    await s.type('article.round input[id^="er-received-"]', '07/12/2026');
    await clickButton(s, 'article.round', 'Save changes');
    await s.waitFor(async () => (await s.text('article.round h3')).includes('Ms Ahmed, local lead'), 'the corrected round');
    assert.match(await s.text('article.round h3'), /7 December 2026/, 'the received date is read day first');
    // Deleted and brought back.
    await clickButton(s, 'article.round .comment', 'Delete comment');
    await s.waitFor(async () => !(await s.exists('article.round .comment')), 'the comment to go');
    await s.click('#undo-feedback');
    await s.waitFor(() => s.exists('article.round .comment'), 'the comment to come back');
  } finally {
    await s.close();
  }

  s = await driver.open(dir);
  try {
    await s.click('button[data-view="plan"]');
    await s.waitFor(() => s.exists('li[data-action]'), 'the plan after a restart');
    assert.equal(await s.script('return document.querySelector("li[data-action] strong").textContent'), 'Coffee afternoon for new families');
    const row = await s.script('return document.querySelector("li[data-action]").textContent');
    assert.match(row, /Mrs Khan/);
    assert.equal(await s.script('return document.querySelectorAll("li[data-action] .criteria li").length'), 3, 'criteria 1, 5 and 7');

    const q = (await invoke(s, 'list_evidence', { filter: { kind: 'quote' } }))[0];
    assert.equal(q.quoteText, 'I felt welcome from the first day');
    assert.equal(q.attribution, 'Pupil, Year 6');
    assert.equal(q.title, 'Welcome from day one');

    await s.click('button[data-view="journey"]');
    await s.waitFor(() => s.exists('article.round .comment .said'), 'the feedback after a restart');
    assert.equal(await s.script('return document.querySelector("article.round .comment .said").textContent'), 'Say more about training for support staff');
    assert.match(await s.text('article.round h3'), /Ms Ahmed, local lead/);
  } finally {
    await s.close();
  }
});

test('five photos are given consent, a criterion and titles in one step, and one Undo takes it back', async () => {
  const dir = newDataDir();
  const files = join(dir, 'incoming');
  execFileSync('mkdir', ['-p', files]);
  // Generated pictures (no people), named the way cameras name them.
  const colours = ['#1f5f5b', '#e0a43a', '#7a3b69', '#3b6e9e', '#9e3b3b', '#4f7a3b'];
  colours.forEach((c, i) => execFileSync('convert', ['-size', '320x240', `gradient:${c}-#ffffff`, join(files, `IMG_000${i + 1}.jpg`)]));
  const s = await driver.open(dir);
  try {
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('#add-files'), 'the evidence screen');
    const report = await s.script(
      `const done = arguments[arguments.length - 1];
       const t = window.__TAURI_INTERNALS__;
       const channel = '__CHANNEL__:' + t.transformCallback(() => {});
       return t.invoke('add_evidence', { request: { paths: [arguments[0]], criteria: [], consent: null, caption: 'Refugee Week display' }, onProgress: channel });`,
      [files],
    );
    assert.equal(report.added.length, 6, JSON.stringify(report));
    const two = await keyOf(s, 2);
    await s.click('button[data-view="school"]');
    await s.click('button[data-view="evidence"]');
    await s.waitFor(async () => (await s.script('return document.querySelectorAll(".tile").length')) === 6, 'six tiles');
    const before = await invoke(s, 'list_evidence', { filter: {} });
    assert.ok(before.every((x) => x.consent === 'missing'), 'photos start without consent');
    assert.ok(before.every((x) => x.caption === 'Refugee Week display'), 'the caption chosen before the import');
    const ids = before.map((x) => x.id);
    const tile = (i) => `.tile[data-evidence="${ids[i]}"]`;
    const clickWith = (i, keys) =>
      s.script(`document.querySelector(arguments[0]).dispatchEvent(new MouseEvent('click', { bubbles: true, ...arguments[1] }))`, [tile(i), keys]);

    // Click the first, Shift + click the fourth, Ctrl + click the sixth, Space on the fifth.
    await s.click(tile(0));
    await clickWith(3, { shiftKey: true });
    await clickWith(5, { ctrlKey: true });
    await s.script('document.querySelector(arguments[0]).focus()', [tile(4)]);
    await s.type(tile(4), ' ');
    await s.waitFor(async () => (await s.script('return document.querySelectorAll(".tile.picked").length')) === 6, 'six chosen');
    // Space again, on the sixth: five are left.
    await s.script('document.querySelector(arguments[0]).focus()', [tile(5)]);
    await s.type(tile(5), ' ');
    await s.waitFor(async () => (await s.text('#sel-h')) === 'Chosen: 5', 'five chosen');
    assert.equal(await s.script('return document.querySelector(arguments[0]).getAttribute("aria-pressed")', [tile(5)]), 'false');

    await choose(s, '#bulk-consent', 'given');
    await choose(s, '#bulk-add-criterion', two);
    await s.type('#bulk-title', 'Refugee Week {n}');
    // Several chosen and one open beside the grid, in view.
    await s.click(tile(2));
    await clickWith(0, { ctrlKey: true });
    await clickWith(1, { ctrlKey: true });
    await clickWith(3, { ctrlKey: true });
    await clickWith(4, { ctrlKey: true });
    await s.waitFor(async () => (await s.text('#sel-h')) === 'Chosen: 5', 'five chosen again');
    await s.waitFor(() => s.exists('#detail-h'), 'the details');
    const inView = await s.script('const r = document.getElementById("detail-h").getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight');
    assert.ok(inView, 'the details are in view beside the grid');
    await s.script('document.getElementById("sel-h").scrollIntoView()');
    await s.screenshot(join(shots, 'evidence-selected.png'));
    const stillInView = await s.script('const r = document.getElementById("detail-h").getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight');
    assert.ok(stillInView, 'the details stay in view as the page scrolls to the tiles');

    await s.click('#bulk-apply');
    await s.waitFor(() => s.exists('#undo-bulk'), 'the change and its Undo');
    let after = await invoke(s, 'list_evidence', { filter: {} });
    for (let i = 0; i < 5; i++) {
      assert.equal(after[i].consent, 'given', after[i].title);
      assert.deepEqual(after[i].criteria, [two]);
      assert.equal(after[i].title, `Refugee Week ${i + 1}`);
    }
    assert.equal(after[5].consent, 'missing', 'the sixth was not chosen');
    assert.equal(after[5].title, before[5].title);
    await s.waitFor(async () => (await s.script('return document.querySelectorAll(".tile .flag").length')) === 1, 'one tile still flagged without consent');

    await s.click('#undo-bulk');
    await s.waitFor(async () => (await invoke(s, 'list_evidence', { filter: {} })).every((x) => x.consent === 'missing'), 'the undo');
    after = await invoke(s, 'list_evidence', { filter: {} });
    assert.deepEqual(after.map((x) => [x.title, x.consent, x.criteria]), before.map((x) => [x.title, x.consent, x.criteria]), 'all five as they were');
  } finally {
    await s.close();
  }
});
