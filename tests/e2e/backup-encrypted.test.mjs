// An encrypted backup made in the real window (passphrase typed twice, strength hint shown) and
// restored in a new data folder, where the window asks for the passphrase, refuses a wrong one and
// restores with the right one. Native file dialogs cannot be driven by WebDriver, so the page's
// dialog seam is given the path to answer; everything else is the real app.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Driver, newDataDir, repo } from './driver.mjs';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

/** Makes the page's next save or open dialog answer `path` instead of showing (the seam in ui/src/lib/dialogs.ts). */
const answerDialogs = (s, path) => s.script('window.__sanctuaryDialogAnswer = arguments[0];', [path]);

const clickButton = (s, label) =>
  s.script('[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === arguments[0]).click();', [label]);

const PASS = 'cennin pedr a chwarae yn yr haul';

test('a backup made with a passphrase typed twice restores in a new data folder only with that passphrase', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sanctuary-usb-')), 'school.sanctuary');
  let s = await driver.open(newDataDir());
  try {
    await s.waitFor(() => s.exists('#school-name'), 'the School name field');
    await s.type('#school-name', 'Ysgol y Noddfa');
    await s.waitFor(async () => (await s.text('[data-save-state]')) === 'All changes saved', 'the form to save');
    await s.click('button[data-view="backup"]');
    await s.waitFor(() => s.exists('#passphrase'), 'the passphrase fields');
    assert.match(await s.text('section[aria-labelledby=protect-h]'), /Nobody can recover a forgotten passphrase/);
    // Backing up needs the passphrase first.
    assert.equal(await s.script('return document.querySelector("#backup-now").disabled'), true);
    await s.type('#passphrase', 'short');
    await s.waitFor(async () => (await s.text('#passphrase-hint')).startsWith('Too short'), 'the too-short hint');
    await s.clear('#passphrase');
    await s.type('#passphrase', PASS);
    await s.waitFor(async () => (await s.text('#passphrase-hint')) === 'Strong.', 'the strength hint');
    await s.type('#passphrase-again', PASS.slice(0, -3));
    await s.waitFor(() => s.exists('#passphrase-mismatch'), 'the mismatch warning');
    assert.equal(await s.script('return document.querySelector("#backup-now").disabled'), true);
    await s.type('#passphrase-again', PASS.slice(-3));
    await s.waitFor(() => s.script('return !document.querySelector("#backup-now").disabled'), 'the backup button');
    await answerDialogs(s, file);
    await s.click('#backup-now');
    await s.waitFor(async () => (await s.exists('p.success')) || (await s.exists('p.alert')), 'the backup to finish', 60000);
    if (await s.exists('p.alert')) assert.fail(await s.text('p.alert'));
    assert.match(await s.text('p.success'), /protected with your passphrase/);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'backup-encrypted.png'));
  } finally {
    await s.close();
  }
  assert.ok(existsSync(file), 'no backup file');
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 21).toString(), 'age-encryption.org/v1');
  assert.ok(!bytes.includes(Buffer.from('Ysgol y Noddfa')), 'the school name is readable in the file');
  assert.ok(!bytes.includes(Buffer.from('SQLite format 3')), 'the database is readable in the file');

  s = await driver.open(newDataDir());
  try {
    await s.waitFor(() => s.exists('#school-name'), 'the School name field');
    await s.click('button[data-view="backup"]');
    await s.waitFor(() => s.exists('#backup-h'), 'the Backup screen');
    await answerDialogs(s, file);
    await clickButton(s, 'Restore from a file…');
    await s.waitFor(() => s.exists('#open-passphrase'), 'the question for the passphrase');
    await s.type('#open-passphrase', 'not the passphrase');
    await s.click('#unlock');
    await s.waitFor(() => s.exists('p.alert'), 'the wrong passphrase to be refused');
    assert.match(await s.text('p.alert'), /passphrase does not open/);
    assert.ok(await s.exists('#open-passphrase'), 'the question closed after a wrong passphrase');
    await s.clear('#open-passphrase');
    await s.type('#open-passphrase', PASS);
    await s.click('#unlock');
    await s.waitFor(() => s.exists('#confirm-h'), 'the confirmation');
    assert.match(await s.text('section[aria-labelledby=confirm-h]'), /Ysgol y Noddfa/);
    await clickButton(s, 'Restore');
    await s.waitFor(async () => (await s.exists('p.success')) || (await s.exists('p.alert')), 'the restore to finish', 60000);
    if (await s.exists('p.alert')) assert.fail(await s.text('p.alert'));
    await s.click('button[data-view="school"]');
    await s.waitFor(async () => (await s.value('#school-name')) === 'Ysgol y Noddfa', 'the restored school');
  } finally {
    await s.close();
  }
});
