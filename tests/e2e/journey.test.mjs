// Journey, feedback and frameworks in the real window: an award date gives a renewal date three years
// on; a response to a feedback comment is saved as it is typed; a framework file with a mistake is
// refused naming its line, and a good one becomes a choice on the School screen.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, newDataDir, repo } from './driver.mjs';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

const setDate = (s, id, value) =>
  s.script(`const d = document.getElementById(arguments[0]); d.value = arguments[1]; d.dispatchEvent(new Event('change', { bubbles: true }));`, [id, value]);

test('award date, feedback response and framework import', async () => {
  const dir = newDataDir();
  let s = await driver.open(dir);
  try {
    await s.waitFor(() => s.exists('#school-name'), 'the School name field');
    await s.type('#school-name', 'Ysgol Renewal');
    await s.waitFor(async () => (await s.text('[data-save-state]')) === 'All changes saved', 'the form to save');
    await s.click('button[data-view="journey"]');
    await s.waitFor(() => s.exists('#step-awarded'), 'the journey steps');
    await setDate(s, 'step-awarded', '2024-02-29');
    await s.waitFor(async () => (await s.exists('#renewal')) && (await s.text('#renewal')).includes('28 February 2027'), 'the renewal date');
    await s.type('#nr-from', 'Sam Patel, local lead');
    await s.click('#add-round');
    await s.waitFor(() => s.exists('article.round details'), 'the new round');
    await s.script('document.querySelector("article.round details").open = true');
    // The form is built when the details open (so a thousand rounds stay light).
    await s.waitFor(() => s.exists('article.round textarea[id^="nc-text-"]'), 'the comment form');
    await s.type('article.round textarea[id^="nc-text-"]', 'How do pupils lead the work?');
    await s.script('[...document.querySelectorAll("article.round button")].find((b) => b.textContent === "Add comment").click()');
    await s.waitFor(() => s.exists('textarea[id^="resp-"]'), 'the response box');
    await s.type('textarea[id^="resp-"]', 'Our ambassadors run the welcome club.');
    await new Promise((r) => setTimeout(r, 1200));
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'journey.png'));
  } finally {
    await s.close();
  }
  s = await driver.open(dir);
  try {
    await s.click('button[data-view="journey"]');
    await s.waitFor(async () => (await s.exists('textarea[id^="resp-"]')) && (await s.value('textarea[id^="resp-"]')) === 'Our ambassadors run the welcome club.', 'the saved response after restart');
    const bad = join(dir, 'bad.toml');
    writeFileSync(bad, 'id = "uni"\nname = "Universities"\nwording = "2025"\nlevels = ["a", "b"]\naward = "University of Sanctuary"\norganisation = "university"\nlearners = "students"\nhead = "vice-chancellor"\npage_limit = 10\npledge = "none"\n[[strands]]\nkey = "learn"\nname = "Learn"\n[[criteria]]\nkey = "k"\nnumber = 1\nstrand = "action"\ntitle = "T"\n');
    const good = join(dir, 'good.toml');
    writeFileSync(good, 'id = "uni"\nname = "Universities of Sanctuary"\nwording = "2025"\nlevels = ["a", "b"]\naward = "University of Sanctuary"\norganisation = "university"\nlearners = "students"\nhead = "vice-chancellor"\npage_limit = 10\npledge = "none"\n[[strands]]\nkey = "learn"\nname = "Learn"\n[[criteria]]\nkey = "k"\nnumber = 1\nstrand = "learn"\ntitle = "T"\n');
    const tryImport = (path) =>
      s.script('return window.__TAURI_INTERNALS__.invoke("import_framework", { path: arguments[0] }).then(() => "ok", (e) => e.message)', [path]);
    const refused = await tryImport(bad);
    assert.match(refused, /line 17: criterion 1 names strand `action`/);
    assert.equal(await tryImport(good), 'ok');
    await s.click('button[data-view="school"]');
    await s.waitFor(async () => (await s.script('return [...document.querySelectorAll("#framework option")].map((o) => o.value)')).includes('uni'), 'the imported framework as a choice');
    // Three years on: start the renewal; the journey starts again and the award date moves to the record.
    await s.click('button[data-view="journey"]');
    await s.waitFor(() => s.exists('#start-renewal'), 'the renewal card');
    await s.click('#start-renewal');
    await s.type('#renewal-coordinator', 'Mr New');
    await s.click('#confirm-renewal');
    await s.waitFor(() => s.exists('#renewal-done'), 'the renewal to start');
    await s.waitFor(async () => (await s.value('#step-awarded')) === '', 'the award step to be open again');
  } finally {
    await s.close();
  }
});
