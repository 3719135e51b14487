// The application editor and the language switch in the real window: the page count against the
// 8-page limit follows the text as it is typed, a picked exhibit's reference goes in at the cursor,
// and Welsh, once chosen, is kept in the data folder across a restart.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Driver, newDataDir, repo } from './driver.mjs';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

const pages = (text) => Number((text.match(/(\d+(?:\.\d+)?)/) ?? [])[1]);

test('the page count follows the account as it is typed, and exhibit references go in', async () => {
  const dir = newDataDir();
  const s = await driver.open(dir);
  try {
    await s.loadDemo();
    await s.click('button[data-view="audit"]');
    await s.waitFor(() => s.exists('[data-testid="application-length"]'), 'the application length');
    const before = pages(await s.text('[data-testid="application-length"]'));
    assert.ok(before > 0 && before <= 8, `demo length ${before}`);

    // Typing a little moves the count (the export's layout runs on each pause in typing).
    await s.type('#audit-narrative-5', ' Our pupil ambassadors ran assemblies in every year group.');
    // Then a long draft: far past the limit, and the window says so.
    await s.script(`const el = document.getElementById('audit-narrative-5');
      el.value = el.value + '\\n\\n' + Array(60).fill('Pupils wrote welcome cards for new families and the school council chose the words together. '.repeat(10)).join('\\n\\n');
      el.dispatchEvent(new Event('input', { bubbles: true }));`);
    await s.waitFor(async () => pages(await s.text('[data-testid="application-length"]')) > 8, 'the count to pass the limit');
    assert.match(await s.text('[data-testid="application-length"]'), /over the panel's 8-page limit/);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'audit-length.png'));

    // Back to a short account, with a reference to a picked exhibit at the end.
    await s.script(`const el = document.getElementById('audit-narrative-5');
      el.value = 'Pupils chose the ambassadors by vote.';
      el.dispatchEvent(new Event('input', { bubbles: true }));
      // The cursor before the full stop (the editor counts the paragraph's start as one place).
      el.richEditor.chain().focus().setTextSelection(el.richEditor.state.doc.content.size - 2).run();`);
    await s.waitFor(async () => pages(await s.text('[data-testid="application-length"]')) <= 8, 'the count to come back under the limit');
    const label = await s.script('return document.getElementById("audit-exhibit-5").value');
    assert.match(label, /^E\d+$/);
    await s.click('[data-insert-ref="5"]');
    await s.waitFor(async () => (await s.value('#audit-narrative-5')) === `Pupils chose the ambassadors by vote ${label}.`, 'the reference at the cursor');
    await s.waitFor(async () => (await s.script('return document.querySelector("[data-audit=\\"5\\"] [data-save-state]").dataset.saveState')) === 'saved', 'the account to save');
  } finally {
    await s.close();
  }
});

test('Welsh, once chosen, stays after a restart and sets the page language', async () => {
  const dir = newDataDir();
  let s = await driver.open(dir);
  try {
    await s.waitFor(() => s.exists('#language'), 'the language switch');
    assert.equal(await s.text('button[data-view="audit"]'), 'Audit');
    await s.script(`const el = document.getElementById('language'); el.value = 'cy'; el.dispatchEvent(new Event('change', { bubbles: true }));`);
    await s.waitFor(async () => (await s.text('button[data-view="audit"]')) === 'Archwiliad', 'the Welsh navigation');
    assert.equal(await s.script('return document.documentElement.lang'), 'cy');
    await s.loadDemo();
    await s.script('window.scrollTo(0, 0); document.scrollingElement && (document.scrollingElement.scrollTop = 0);');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'school-cy.png'));
  } finally {
    await s.close();
  }
  s = await driver.open(dir);
  try {
    await s.waitFor(async () => (await s.text('button[data-view="audit"]')) === 'Archwiliad', 'Welsh after the restart');
    await s.click('button[data-view="audit"]');
    await s.waitFor(() => s.exists('[data-testid="application-length"]'), 'the application length');
    assert.match(await s.text('[data-testid="application-length"]'), /^Mae'r cais yn cymryd [\d.]+ o 8 tudalen$/);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'audit-cy.png'));
    // The plan grouped by month names its months in Welsh (the demo's Refugee Week is in June 2027).
    await s.click('button[data-view="plan"]');
    await s.waitFor(() => s.exists('#group-by'), 'the plan');
    await s.script(`const el = document.getElementById('group-by'); el.value = 'month'; el.dispatchEvent(new Event('change', { bubbles: true }));`);
    await s.waitFor(async () => (await s.script('return [...document.querySelectorAll("h3")].map((h) => h.textContent)')).includes('Mehefin 2027'), 'a Welsh month heading');
  } finally {
    await s.close();
  }
  // A new data folder starts in English again, whatever the webview remembers.
  s = await driver.open(newDataDir());
  try {
    await s.waitFor(async () => (await s.text('button[data-view="audit"]')) === 'Audit', 'English in a new data folder');
  } finally {
    await s.close();
  }
});
