// One laptop at a time in the real window: a data folder another computer has open shows the question
// (who, which computer, since when) instead of the screens, and taking over opens it; a data folder in a
// Dropbox folder shows the warning with the safe alternative once, and it can be dismissed.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, Session, newDataDir, repo } from './driver.mjs';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

const cli = join(repo, 'target', 'debug', 'sanctuary');

/** Opens the app on `dataDir` and waits until `css` shows (the navigation may not be there). */
async function openOn(dataDir, css) {
  const value = await driver.request(
    'POST',
    '/session',
    { capabilities: { alwaysMatch: { 'tauri:options': { application: join(repo, 'target', 'debug', 'sanctuary-portfolio'), args: ['--data-dir', dataDir] } } } },
    { retry: false },
  );
  const s = new Session(driver, value.sessionId);
  await s.waitFor(() => s.exists(css), css, 30000);
  return s;
}

test('a folder open on another computer asks before taking over', async () => {
  const data = join(newDataDir(), 'data');
  execFileSync(cli, ['--data-dir', data, 'demo']);
  // STAFF-LAPTOP-3 has it open (or crashed with it open): its entry names Amira.
  mkdirSync(join(data, '.in-use'), { recursive: true });
  writeFileSync(
    join(data, '.in-use', 'STAFF-LAPTOP-3-4242.json'),
    JSON.stringify({ person: 'amira', computer: 'STAFF-LAPTOP-3', pid: 4242, since: '2026-11-23T08:05:00Z', seen: '2026-11-23T09:41:00Z' }),
  );
  const s = await openOn(data, '#in-use-take-over');
  try {
    const text = await s.text('[data-testid="in-use-text"]');
    assert.match(text, /amira has this data folder open on the computer STAFF-LAPTOP-3, since 23 November 2026/);
    assert.match(await s.text('#in-use-take-over'), /Take over from amira on STAFF-LAPTOP-3/);
    assert.equal(await s.exists('nav'), false, 'no screen is shown while another computer has the folder');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'shared-drive-question.png'));
    // Trying again changes nothing while the entry is there.
    await s.click('#in-use-retry');
    await s.waitFor(async () => !(await s.find('#in-use-retry').then((e) => s.req('GET', `/element/${e}/property/disabled`))), 'the retry to finish');
    assert.equal(await s.exists('nav'), false);
    await s.click('#in-use-take-over');
    await s.waitFor(() => s.exists('nav'), 'the screens after taking over');
    const entries = readdirSync(join(data, '.in-use'));
    assert.equal(entries.some((e) => e.startsWith('STAFF-LAPTOP-3')), false, `the other computer's entry is gone: ${entries}`);
    assert.equal(entries.length, 1, 'this window has its own entry');
  } finally {
    await s.close();
  }
});

test('a data folder in a Dropbox folder is warned about once, with the safe alternative', async () => {
  const data = join(newDataDir(), 'Dropbox', 'Sanctuary');
  const s = await openOn(data, 'nav');
  try {
    await s.waitFor(() => s.exists('[data-testid="folder-warning"]'), 'the synced-folder warning');
    const text = await s.text('[data-testid="folder-warning"]');
    assert.match(text, /Dropbox copies to other computers/);
    assert.match(text, /put your backups in the Dropbox folder/);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'shared-drive-synced.png'));
    await s.click('[data-testid="folder-warning"] button');
    await s.waitFor(async () => !(await s.exists('[data-testid="folder-warning"]')), 'the warning to go');
    assert.ok(existsSync(join(data, 'sanctuary.db')));
  } finally {
    await s.close();
  }
});
