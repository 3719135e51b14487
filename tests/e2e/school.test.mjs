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

const inPage = (s, body, args) => s.inPage(body, args);

async function storedSchool(s) {
  const r = await inPage(s, "return await window.__TAURI_INTERNALS__.invoke('get_school')");
  assert.equal(r.ok, true, JSON.stringify(r));
  return r.value;
}

test('a Scottish school gives a SEED code: a wrong one is kept as a draft by its field while the rest saves', async () => {
  const dir = newDataDir();
  let s = await driver.open(dir);
  try {
    await s.waitFor(() => s.exists('#school-urn'), 'the identifier field');
    assert.equal(await s.text('label[for="school-urn"]'), 'URN (unique reference number)');
    const chooseNation = (n) => s.script('const el = document.getElementById("school-nation"); el.value = arguments[0]; el.dispatchEvent(new Event("change", { bubbles: true }));', [n]);
    const inputMode = () => s.script('return document.getElementById("school-urn").inputMode');
    await chooseNation('Northern Ireland');
    await s.waitFor(async () => (await s.text('label[for="school-urn"]')) === 'DE reference number', 'the label to become DE reference number');
    assert.equal(await s.text('label[for="school-head"]'), 'Principal');
    await chooseNation('Scotland');
    await s.waitFor(async () => (await s.text('label[for="school-urn"]')) === 'SEED code', 'the label to become SEED code');
    assert.equal(await s.text('label[for="school-head"]'), 'Headteacher');
    assert.equal(await inputMode(), 'numeric');
    assert.match(await s.text('#school-urn-hint'), /7 digits, for example 5244439/);
    await s.waitFor(async () => (await s.text('[data-save-state]')) === 'All changes saved', 'the nation to save');
    const phases = await s.script('return [...document.querySelectorAll("#school-phase option")].map((o) => o.value).filter(Boolean)');
    assert.deepEqual(phases, ['Nursery', 'Primary', 'Secondary', 'Special', 'Independent']);
    const nations = await s.script('return [...document.querySelectorAll("#school-nation option")].map((o) => o.value)');
    // Ireland is offered by Ireland's own framework (tests/e2e/awards.test.mjs), not the UK's.
    assert.deepEqual(nations, ['England', 'Wales', 'Scotland', 'Northern Ireland']);

    // Six digits: refused. The message sits by the field, the typed text stays (as a draft), and the
    // other edit made meanwhile saves on its own.
    await s.type('#school-urn', '524443');
    await s.waitFor(() => s.exists('#school-urn-error'), 'the refusal by the field');
    await s.type('#school-la', 'Highland');
    await s.waitFor(async () => (await s.script('return document.querySelector("[data-save-state]").dataset.saveState')) === 'drafts', 'the other field to save around the draft');
    const message = await s.text('#school-urn-error');
    assert.match(message, /SEED code should look like 5244439/);
    assert.equal(await s.value('#school-urn'), '524443');
    assert.equal(await s.script('return document.getElementById("school-urn").getAttribute("aria-invalid")'), 'true');
    const describedBy = await s.script('return document.getElementById("school-urn").getAttribute("aria-describedby")');
    assert.ok(describedBy.split(' ').includes('school-urn-error'), describedBy);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'school-seed-refused.png'));
    // Another screen and back: what was typed, and why it is not saved, are still there.
    await s.click('button[data-view="criteria"]');
    await s.waitFor(() => s.exists('li[data-criterion]'), 'the criteria screen');
    await s.click('button[data-view="school"]');
    await s.waitFor(() => s.exists('#school-urn-error'), 'the refusal again after coming back');
    assert.equal(await s.value('#school-urn'), '524443');
    assert.equal(await s.value('#school-la'), 'Highland');
    let stored = await storedSchool(s);
    // The nation and the local authority are saved; the refused code is not.
    assert.deepEqual([stored.nation, stored.urn, stored.localAuthority], ['Scotland', '', 'Highland']);

    // Corrected: the message goes and the code saves.
    await s.type('#school-urn', '9');
    await s.waitFor(async () => (await s.text('[data-save-state]')) === 'All changes saved', 'the corrected form to save');
    assert.equal(await s.exists('#school-urn-error'), false);
    assert.equal(await s.script('return document.getElementById("school-urn").getAttribute("aria-invalid")'), null);
    stored = await storedSchool(s);
    assert.deepEqual([stored.nation, stored.urn, stored.localAuthority], ['Scotland', '5244439', 'Highland']);

    // The evidence's stage field is named as Scotland names its stages.
    const q = await inPage(s, "return await window.__TAURI_INTERNALS__.invoke('add_quote', { text: 'We made a welcome map', attribution: 'P5 pupil', criteria: [] })");
    assert.equal(q.ok, true, JSON.stringify(q));
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('.tile'), 'the quote in the library');
    await s.click('.tile');
    await s.waitFor(async () => (await s.exists('label[for="d-ks"]')) && (await s.text('label[for="d-ks"]')) === 'Stage or year group (e.g. P5, S2)', 'the stage field named for Scotland');
  } finally {
    await s.close();
  }
  s = await driver.open(dir);
  try {
    await s.waitFor(async () => (await s.value('#school-urn')) === '5244439', 'the SEED code after restart');
    assert.equal(await s.text('label[for="school-urn"]'), 'SEED code');
    assert.equal(await s.value('#school-nation'), 'Scotland');
    // In Welsh the label and the refusal both name the code in Welsh (the core's words are English).
    await s.script(`const el = document.getElementById('language'); el.value = 'cy'; el.dispatchEvent(new Event('change', { bubbles: true }));`);
    await s.waitFor(async () => (await s.text('label[for="school-urn"]')) === 'Cod SEED', 'the Welsh label');
    await s.type('#school-urn', 'x');
    await s.waitFor(() => s.exists('#school-urn-error'), 'the refusal in Welsh');
    assert.match(await s.text('#school-urn-error'), /^Dylai’r Cod SEED edrych fel 5244439\./);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'school-seed-refused-cy.png'));
  } finally {
    await s.close();
  }
});
