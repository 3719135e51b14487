// Messages from the core reach the Welsh window in Welsh: the core sends codes with parameters and the
// window words them from its own tables, so neither the renewal countdown nor a refused choice shows
// the core's English.
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

const setValue = (s, id, value, event = 'change') =>
  s.script(`const d = document.getElementById(arguments[0]); d.value = arguments[1]; d.dispatchEvent(new Event(arguments[2], { bubbles: true }));`, [id, value, event]);

test('in Welsh, the renewal countdown and a refused export budget are in Welsh', async () => {
  const dir = newDataDir();
  const s = await driver.open(dir);
  try {
    await s.waitFor(() => s.exists('#language'), 'the language switch');
    await setValue(s, 'language', 'cy');
    await s.waitFor(async () => (await s.script('return document.documentElement.lang')) === 'cy', 'the window in Welsh');
    await s.type('#school-name', 'Ysgol y Bryn');
    await s.waitFor(async () => (await s.text('[data-save-state]')) !== '', 'the form to save');

    // The renewal countdown: the core's code and numbers, worded and dated in Welsh.
    await s.click('button[data-view="journey"]');
    await s.waitFor(() => s.exists('#step-awarded'), 'the journey steps');
    await setValue(s, 'step-awarded', '2024-02-29');
    await s.waitFor(async () => (await s.exists('#renewal')) && (await s.text('#renewal')).includes('28 Chwefror 2027'), 'the renewal date in Welsh');
    const renewal = await s.text('#renewal');
    assert.match(renewal, /^Adnewyddu'n ddyledus ar 28 Chwefror 2027: ymhen \d+ mis \(\d+ diwrnod\)$|^Roedd yr adnewyddu'n ddyledus ar 28 Chwefror 2027/, renewal);
    assert.doesNotMatch(renewal, /Renewal|February|month|days? ago/, `English in the Welsh window: ${renewal}`);

    // A budget the core refuses: its rule's code comes back and the window words it in Welsh.
    await s.click('button[data-view="portfolio"]');
    await s.waitFor(() => s.exists('#export-path'), 'the export screen');
    await s.clear('#export-path');
    await s.type('#export-path', join(dir, 'portffolio.pdf'));
    await setValue(s, 'max-mb', '5000', 'input');
    await s.click('#export-button');
    await s.waitFor(() => s.exists('#export-error'), 'the refusal');
    const refused = await s.text('#export-error');
    assert.equal(refused, "Rhaid i'r terfyn maint fod rhwng 1 a 2048 MB.");

    // A file name the core refuses, likewise.
    await setValue(s, 'max-mb', '15', 'input');
    await s.clear('#export-path');
    await s.type('#export-path', join(dir, 'portffolio.txt'));
    await s.click('#export-button');
    await s.waitFor(async () => (await s.exists('#export-error')) && (await s.text('#export-error')) !== refused, 'the second refusal');
    assert.equal(await s.text('#export-error'), "Dewiswch enw ffeil sy'n gorffen â .pdf.");
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'export-refused-cy.png'));
  } finally {
    await s.close();
  }
});
