// The action plan in the real window: an action added for a criterion is there after a restart, an
// overdue one says so, and a deleted one comes back with Undo.
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

const actionTexts = (s) => s.script('return [...document.querySelectorAll("li[data-action] strong")].map((e) => e.textContent)');

test('an action survives a restart, shows when overdue, and delete can be undone', async () => {
  const dir = newDataDir();
  let s = await driver.open(dir);
  try {
    await s.click('button[data-view="plan"]');
    await s.waitFor(() => s.exists('#new-action'), 'the new-action form');
    await s.waitFor(() => s.exists('#suggest-h'), 'the Refugee Week suggestion on an empty plan');
    await s.type('#new-action', 'Coat drive with Riverton Refugee Support');
    await s.type('#new-owner', 'Year 6 team');
    await s.script('const d = document.getElementById("new-due"); d.value = "2020-01-31"; d.dispatchEvent(new Event("input", { bubbles: true }));');
    await s.click('#new-crit-7');
    await s.click('#add-action');
    await s.waitFor(async () => (await actionTexts(s)).includes('Coat drive with Riverton Refugee Support'), 'the action in the list');
    assert.ok(await s.exists('li.late .badge'), 'a past due date is flagged Overdue');
    await s.script('document.getElementById("list-h").scrollIntoView()');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'plan.png'));
  } finally {
    await s.close();
  }
  s = await driver.open(dir);
  try {
    await s.click('button[data-view="plan"]');
    await s.waitFor(async () => (await actionTexts(s)).length === 1, 'the action after restart');
    await s.script('[...document.querySelectorAll("li[data-action] button")].find((b) => b.textContent === "Delete").click();');
    await s.waitFor(async () => (await actionTexts(s)).length === 0, 'the action to go');
    await s.click('#undo-action');
    await s.waitFor(async () => (await actionTexts(s)).length === 1, 'the action to come back');
    await s.click('button[data-view="portfolio"]');
    await s.waitFor(() => s.exists('#export-path'), 'the export screen');
    await s.clear('#export-path');
    await s.type('#export-path', join(dir, 'plan.pdf'));
    await s.click('#export-button');
    await s.waitFor(() => s.exists('#export-done'), 'the export', 60000);
  } finally {
    await s.close();
  }
  const text = execFileSync('pdftotext', [join(dir, 'plan.pdf'), '-']).toString().replace(/\s+/g, ' ');
  assert.ok(text.includes('Coat drive with Riverton Refugee Support'), 'the action is in the PDF');
});

test('a long plan shows its first actions in each group and the rest on request', async () => {
  const dir = newDataDir();
  const cli = join(repo, 'target', 'debug', 'sanctuary');
  // 45 actions for criterion 1 (one strand): more than the 40 a group shows at first.
  for (let i = 1; i <= 45; i++) {
    execFileSync(cli, ['--data-dir', dir, 'plan', 'add', `Welcome action ${String(i).padStart(2, '0')}`, '--criterion', '1', '--due', '2027-03-01']);
  }
  const s = await driver.open(dir);
  try {
    await s.click('button[data-view="plan"]');
    await s.waitFor(async () => (await actionTexts(s)).length === 40, 'the first 40 actions');
    const more = 'button[data-more]';
    assert.match(await s.text(more), /^Show 5 more \(5 not shown yet\)$/);
    await s.click(more);
    await s.waitFor(async () => (await actionTexts(s)).length === 45, 'all 45 actions');
    assert.equal(await s.exists(more), false, 'no button once every action is shown');
  } finally {
    await s.close();
  }
});
