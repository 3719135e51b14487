// Backups in the real window: the app backs up automatically when it starts, and the Backup screen
// restores an earlier automatic backup after asking, keeping the replaced work as a backup too.
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

const rows = (s) => s.script('return document.querySelectorAll("section[aria-labelledby=auto-h] tbody tr").length');

test('the automatic backup can be restored from the Backup screen, keeping the replaced work', async () => {
  const dir = newDataDir();
  let s = await driver.open(dir);
  try {
    await s.waitFor(() => s.exists('#school-name'), 'the School name field');
    await s.type('#school-name', 'Name in the backup');
    await s.waitFor(async () => (await s.text('[data-save-state]')) === 'All changes saved', 'the form to save');
  } finally {
    await s.close();
  }
  // Starting again makes the day's automatic backup, which now holds the name.
  s = await driver.open(dir);
  try {
    await s.click('button[data-view="backup"]');
    await s.waitFor(async () => (await rows(s)) === 1 && (await s.text('section[aria-labelledby=auto-h] tbody')).includes('Name in the backup'), 'the automatic backup with the name');
    await s.click('button[data-view="school"]');
    await s.waitFor(async () => (await s.value('#school-name')) === 'Name in the backup', 'the saved name');
    await s.clear('#school-name');
    await s.type('#school-name', 'Changed later');
    await s.waitFor(async () => (await s.text('[data-save-state]')) === 'All changes saved', 'the change to save');
    await s.click('button[data-view="backup"]');
    await s.waitFor(async () => (await rows(s)) === 1, 'the backup list');
    await s.click('section[aria-labelledby=auto-h] tbody tr button');
    await s.waitFor(() => s.exists('#confirm-h'), 'the confirmation');
    await s.script('[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Restore").click();');
    await s.waitFor(async () => (await s.exists('p.success')) || (await s.exists('p.alert')), 'the restore to finish', 30000);
    if (await s.exists('p.alert')) assert.fail(await s.text('p.alert'));
    await s.waitFor(async () => (await rows(s)) === 2, 'the replaced work to be kept as a backup');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'backup.png'));
    await s.click('button[data-view="school"]');
    await s.waitFor(async () => (await s.value('#school-name')) === 'Name in the backup', 'the restored name');
  } finally {
    await s.close();
  }
});
