// The school profile in the real window: typed details are saved as they are typed and are there
// after the app quits and starts again.
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

test('a school name typed in the window survives quitting and restarting', async () => {
  const dir = newDataDir();
  // WebKitWebDriver's key input drops characters outside the Basic Multilingual Plane (emoji), so the
  // typed name keeps to Welsh and Cyrillic; emoji names are covered by the core tests.
  const name = 'Ysgol Gynradd Llanŵ – Київ';
  let s = await driver.open(dir);
  try {
    await s.waitFor(() => s.exists('#school-name'), 'the School name field');
    const label = await s.text('label[for="school-name"]');
    assert.equal(label, 'School name');
    await s.type('#school-name', name);
    await s.type('#school-la', 'Riverton');
    await s.waitFor(async () => (await s.text('[data-save-state]')) === 'All changes saved', 'the form to save');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'school.png'));
  } finally {
    await s.close();
  }
  s = await driver.open(dir);
  try {
    await s.waitFor(async () => (await s.value('#school-name')) === name, 'the saved name after restart');
    assert.equal(await s.value('#school-la'), 'Riverton');
  } finally {
    await s.close();
  }
});

test('the criteria screen lists eight criteria under Learn, Embed and Share', async () => {
  const s = await driver.open(newDataDir());
  try {
    await s.click('button[data-view="criteria"]');
    await s.waitFor(() => s.exists('li[data-criterion]'), 'the criteria');
    const headings = await s.script(
      'return [...document.querySelectorAll("section.strand h2")].map((h) => h.textContent.trim())',
    );
    assert.deepEqual(headings, ['Learn', 'Embed', 'Share']);
    const count = await s.script('return document.querySelectorAll("li[data-criterion]").length');
    assert.equal(count, 8);
  } finally {
    await s.close();
  }
});
