// No typed word is lost, in the real window: a field the core refuses (a URN with a digit too many,
// a date that does not exist) keeps its text as a draft in the data folder while the rest of the form
// saves; closing the window asks first and names what is not saved; after closing and starting the
// app again on the same data folder, the saved fields and the drafts (with their messages) are back.
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

const shots = join(repo, 'tests', 'e2e', 'screenshots');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Asks the window to close as its title bar's close button does (the close-requested event). */
async function askToClose(s) {
  const r = await s.inPage("return await window.__TAURI_INTERNALS__.invoke('plugin:window|close', { label: 'main' });");
  assert.equal(r.ok, true, JSON.stringify(r));
}

/** Answers the close question with "Close anyway" and waits for the app to be gone. */
async function closeAnyway(s) {
  // The window may be gone before the click is answered.
  await s.click('#close-anyway').catch(() => {});
  // The window is destroyed and the app quits (after its closing backup): the session goes with it.
  await s.waitFor(async () => {
    try {
      await s.script('return 1');
      return false;
    } catch {
      return true;
    }
  }, 'the app to quit', 30000);
  await s.close();
  // The app's last backup and its exit take a moment after the window has gone.
  await sleep(1500);
}

const saveState = (s) => s.script('return document.querySelector("[data-save-state]").dataset.saveState');

test('an invalid URN is kept as a draft, the headteacher saves, closing asks and names the URN, and both are back after a restart', async () => {
  const dir = newDataDir();
  let s = await driver.open(dir);
  try {
    await s.waitFor(() => s.exists('#school-urn'), 'the School screen');
    await s.type('#school-urn', '1234567');
    await s.waitFor(() => s.exists('#school-urn-error'), 'the refusal by the URN');
    await s.type('#school-head', 'Ms Nasreen Begum');
    await s.waitFor(async () => (await saveState(s)) === 'drafts', 'the rest of the form to save around the draft');
    const stored = (await s.inPage("return await window.__TAURI_INTERNALS__.invoke('get_school')")).value;
    assert.deepEqual([stored.urn, stored.headteacher], ['', 'Ms Nasreen Begum'], 'the headteacher is saved, the URN is not');
    const kept = (await s.inPage("return await window.__TAURI_INTERNALS__.invoke('list_drafts', { screen: 'school' })")).value;
    assert.deepEqual(kept.map((d) => [d.field, d.text, d.code]), [['urn', '1234567', 'school_identifier']]);
    assert.match(await s.text('#school-urn-error'), /URN \(unique reference number\) should look like/);
    assert.match(await s.text('[data-save-state]'), /Everything else is saved/);
    await s.screenshot(join(shots, 'drafts-school.png'));

    // Asked to close: the question names the URN. "Keep working" keeps the window.
    await askToClose(s);
    await s.waitFor(() => s.exists('#close-question'), 'the close question');
    const names = await s.script('return [...document.querySelectorAll("#close-unsaved li")].map((li) => li.textContent)');
    assert.deepEqual(names, ['URN (unique reference number)']);
    assert.equal(await s.script('return document.activeElement.id'), 'close-stay', 'the safe choice has the focus');
    await s.screenshot(join(shots, 'drafts-close-question.png'));
    await s.click('#close-stay');
    await s.waitFor(async () => !(await s.exists('#close-question')), 'the question to go');
    assert.equal(await s.value('#school-urn'), '1234567');

    await askToClose(s);
    await s.waitFor(() => s.exists('#close-question'), 'the close question again');
    await closeAnyway(s);
  } catch (e) {
    await s.close();
    throw e;
  }

  s = await driver.open(dir);
  try {
    await s.waitFor(async () => (await s.value('#school-head')) === 'Ms Nasreen Begum', 'the headteacher after the restart');
    assert.equal(await s.value('#school-urn'), '1234567', 'the URN draft is in its field');
    await s.waitFor(() => s.exists('#school-urn-error'), 'the URN draft message after the restart');
    assert.match(await s.text('#school-urn-error'), /should look like .*kept here as a draft/);
    assert.equal(await s.script('return document.getElementById("school-urn").getAttribute("aria-invalid")'), 'true');
    // Corrected, the draft goes; closing then asks nothing and the app quits at once.
    await s.clear('#school-urn');
    await s.type('#school-urn', '123456');
    await s.waitFor(async () => (await saveState(s)) === 'saved', 'the corrected URN to save');
    assert.equal(await s.exists('#school-urn-error'), false);
    const kept = (await s.inPage("return await window.__TAURI_INTERNALS__.invoke('list_drafts', {})")).value;
    assert.deepEqual(kept, []);
    await askToClose(s);
    await s.waitFor(async () => {
      try {
        return (await s.exists('#close-question')) ? 'asked' : false;
      } catch {
        return 'closed';
      }
    }, 'the window to close without asking', 30000).then((how) => assert.equal(how, 'closed'));
  } finally {
    await s.close();
    await sleep(1500);
  }
});

test('a journey date that does not exist is kept as a draft beside the saved note, and is back after a restart', async () => {
  const dir = newDataDir();
  let s = await driver.open(dir);
  try {
    await s.click('button[data-view="journey"]');
    await s.waitFor(() => s.exists('#step-pledge'), 'the journey steps');
    assert.equal(await s.script('return document.getElementById("step-pledge").placeholder'), 'dd/mm/yyyy');
    // A real date is read day first and shown back as "7 Dec 2026".
    await s.type('#step-local_lead', '07/12/2026');
    await s.waitFor(async () => (await s.text('#step-local_lead-reads')) === '7 Dec 2026', 'the date read day first');
    await s.type('#step-pledge', '31/02/2027');
    await s.waitFor(() => s.exists('#step-pledge-error'), 'the refusal by the date');
    await s.type('#note-pledge', 'Signed at the spring assembly');
    await s.waitFor(async () => {
      const j = (await s.inPage("return await window.__TAURI_INTERNALS__.invoke('journey_view')")).value;
      const step = (k) => j.steps.find((x) => x.key === k);
      return step('pledge').note === 'Signed at the spring assembly' && step('local_lead').date === '2026-12-07' && step('pledge').date === null;
    }, 'the note and the real date to save, and not the impossible one');
    assert.match(await s.text('#step-pledge-error'), /“31\/02\/2027” is not a date/);
    await s.script('document.getElementById("step-pledge").scrollIntoView({ block: "center" })');
    await s.screenshot(join(shots, 'drafts-journey-date.png'));
    await askToClose(s);
    await s.waitFor(() => s.exists('#close-question'), 'the close question');
    const names = await s.script('return [...document.querySelectorAll("#close-unsaved li")].map((li) => li.textContent)');
    assert.deepEqual(names, ['Pledge signed: Date']);
    await closeAnyway(s);
  } catch (e) {
    await s.close();
    throw e;
  }

  s = await driver.open(dir);
  try {
    // Another screen's drafts are named too when that screen is not open.
    await s.waitFor(() => s.exists('#school-urn'), 'the School screen');
    await askToClose(s);
    await s.waitFor(() => s.exists('#close-question'), 'the close question from the School screen');
    const names = await s.script('return [...document.querySelectorAll("#close-unsaved li")].map((li) => li.textContent)');
    assert.deepEqual(names, ['Journey and feedback: a field kept as a draft']);
    await s.click('#close-stay');
    await s.click('button[data-view="journey"]');
    await s.waitFor(async () => (await s.exists('#step-pledge')) && (await s.value('#step-pledge')) === '31/02/2027', 'the date draft after the restart');
    await s.waitFor(() => s.exists('#step-pledge-error'), 'its message after the restart');
    assert.equal(await s.value('#note-pledge'), 'Signed at the spring assembly');
    assert.equal(await s.value('#step-local_lead'), '07/12/2026', 'a stored date is typed back day first');
    // In Welsh the message and the placeholder follow the window's language.
    await s.script(`const el = document.getElementById('language'); el.value = 'cy'; el.dispatchEvent(new Event('change', { bubbles: true }));`);
    await s.waitFor(async () => /^Nid yw “31\/02\/2027” yn ddyddiad/.test(await s.text('#step-pledge-error')), 'the message in Welsh');
    assert.equal(await s.script('return document.getElementById("step-pledge").placeholder'), 'dd/mm/bbbb');
    assert.equal(await s.text('#step-local_lead-reads'), '7 Rhag 2026');
    await s.screenshot(join(shots, 'drafts-journey-date-cy.png'));
  } finally {
    await s.close();
  }
});

test('each screen opens at its top', async () => {
  const s = await driver.open(newDataDir());
  try {
    await s.waitFor(() => s.exists('#school-urn'), 'the School screen');
    await s.click('button[data-view="journey"]');
    await s.waitFor(() => s.exists('#add-round'), 'the journey');
    await s.script('window.scrollTo(0, document.body.scrollHeight)');
    await s.waitFor(async () => (await s.script('return window.scrollY')) > 200, 'the page to scroll down');
    await s.click('button[data-view="audit"]');
    await s.waitFor(() => s.exists('[data-audit="1"]'), 'the audit');
    assert.equal(await s.script('return window.scrollY'), 0);
  } finally {
    await s.close();
  }
});
