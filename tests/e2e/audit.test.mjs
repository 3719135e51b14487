// The audit in the real window: what is typed for a criterion is saved, is there after a restart, and
// appears in the exported portfolio.
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

test('an audit answer survives a restart and reaches the PDF', async () => {
  const dir = newDataDir();
  const already = 'Pob aelod o staff wedi cael hyfforddiant — навчання для всіх';
  let s = await driver.open(dir);
  try {
    await s.click('button[data-view="audit"]');
    await s.waitFor(() => s.exists('#audit-status-1'), 'the audit of criterion 1');
    assert.equal(await s.text('label[for="audit-already-1"]'), 'What we already do');
    await s.script('const el = document.getElementById("audit-status-1"); el.value = "2"; el.dispatchEvent(new Event("change", { bubbles: true }));');
    await s.type('#audit-already-1', already);
    await s.waitFor(async () => (await s.script('return document.querySelector("[data-audit=\\"1\\"] [data-save-state]").dataset.saveState')) === 'saved', 'criterion 1 to save');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'audit.png'));
  } finally {
    await s.close();
  }
  s = await driver.open(dir);
  const out = join(dir, 'audit.pdf');
  try {
    await s.click('button[data-view="audit"]');
    await s.waitFor(async () => (await s.value('#audit-already-1')) === already, 'the saved answer after restart');
    assert.equal(await s.value('#audit-status-1'), '2');
    await s.click('button[data-view="portfolio"]');
    await s.waitFor(() => s.exists('#export-path'), 'the export screen');
    await s.clear('#export-path');
    await s.type('#export-path', out);
    await s.click('#export-button');
    await s.waitFor(() => s.exists('#export-done'), 'the export', 60000);
  } finally {
    await s.close();
  }
  const text = execFileSync('pdftotext', [out, '-']).toString();
  assert.ok(text.replace(/\s+/g, ' ').includes(already), 'the PDF holds the audit answer');
  assert.ok(text.includes('Established'), 'the PDF shows the chosen level');
});
