// The commitments register in the real window: a commitment added on the Journey screen is saved
// (and an edit autosaved) across a restart, a deleted one comes back with Undo, and starting the
// renewal carries it into the re-accreditation report with a "What happened" field, while asking for
// the pledge to be signed again.
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

const cli = (dir, ...args) => execFileSync(join(repo, 'target', 'debug', 'sanctuary'), ['--data-dir', dir, ...args]).toString();
const fire = (s, id, value, event) =>
  s.script(`const d = document.getElementById(arguments[0]); d.value = arguments[1]; d.dispatchEvent(new Event(arguments[2], { bubbles: true }));`, [id, value, event]);
const shown = (s) => s.script('return [...document.querySelectorAll("article[data-commitment] textarea")].map((e) => e.value)');

test('a commitment is kept, edited, undone, and carried into the renewal report', async () => {
  const dir = newDataDir();
  cli(dir, 'demo');
  cli(dir, 'journey', 'set', 'awarded', '2024-03-01');
  let s = await driver.open(dir);
  try {
    await s.click('button[data-view="journey"]');
    await s.waitFor(() => s.exists('#add-commitment'), 'the commitments form');
    assert.ok(await s.exists('#no-commitments'), 'an empty register says so');
    // A refusal is worded in the window's language and stores nothing.
    await s.click('#add-commitment');
    await s.waitFor(async () => (await s.exists('#commitments [role="alert"]')) && (await s.text('#commitments [role="alert"]')).includes('Say what the school commits to'), 'the empty-text refusal');
    await s.type('#new-commitment-what', 'Train every new member of staff in welcome');
    await s.type('#new-commitment-owner', 'Ms Rees');
    await fire(s, 'new-commitment-due', '2027-03-01', 'input');
    await fire(s, 'new-commitment-criterion', 'staff-learning', 'change');
    await s.click('#add-commitment');
    await s.waitFor(async () => (await shown(s)).includes('Train every new member of staff in welcome'), 'the commitment in the register');
    // An edit is saved as it is typed.
    const owner = await s.script('return document.querySelector("article[data-commitment] input").id');
    await s.clear(`#${owner}`);
    await s.type(`#${owner}`, 'Mr Jones');
    await s.waitFor(() => cli(dir, 'commitment', 'list').includes('owner Mr Jones'), 'the edit to be saved');
    await s.script('document.getElementById("commitments-h").scrollIntoView()');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'commitments.png'));
  } finally {
    await s.close();
  }
  const listed = cli(dir, 'commitment', 'list');
  assert.match(listed, /by 2027-03-01 · owner Mr Jones · criterion \d+/);

  s = await driver.open(dir);
  try {
    await s.click('button[data-view="journey"]');
    await s.waitFor(async () => (await shown(s)).includes('Train every new member of staff in welcome'), 'the commitment after a restart');
    await s.click('article[data-commitment] button.delete');
    await s.waitFor(async () => (await shown(s)).length === 0, 'the commitment to go');
    await s.click('#undo-commitment');
    await s.waitFor(async () => (await shown(s)).length === 1, 'the commitment to come back');

    // Three years on: the renewal carries it into the report and asks for the pledge again.
    await s.click('#start-renewal');
    await s.click('#confirm-renewal');
    await s.waitFor(() => s.exists('#renewal-done'), 'the renewal to start');
    await s.waitFor(() => s.exists('article[data-carried] textarea'), 'the carried commitment with What happened');
    assert.equal(await s.value('article[data-carried] textarea'), '', 'what happened starts empty');
    assert.equal(await s.value('#step-pledge'), '', 'the pledge is cleared');
    assert.ok(await s.exists('#no-commitments'), 'nothing is promised for the next three years yet');
    await s.type('article[data-carried] textarea', 'Fourteen new staff trained');
    await fire(s, 'renewal-pledge', '2027-01-20', 'change');
    // Typed as ISO, shown back day first once the journey has it.
    await s.waitFor(async () => (await s.value('#step-pledge')) === '20/01/2027', 'the new pledge date on the journey');
    await s.waitFor(() => cli(dir, 'commitment', 'list').includes('what happened: Fourteen new staff trained'), 'the outcome to be saved');
    await s.script('document.getElementById("report-h").scrollIntoView()');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'commitments-renewal.png'));
  } finally {
    await s.close();
  }
  const readiness = cli(dir, 'readiness');
  assert.ok(!readiness.includes('Sign the pledge again'), 'the new pledge date satisfies readiness');
});
