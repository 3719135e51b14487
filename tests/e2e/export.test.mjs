// Loading the demo and exporting its portfolio from the real window writes a real PDF.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
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

test('the demo school exports a portfolio PDF from the window', async () => {
  const dir = newDataDir();
  const out = join(dir, 'Demo portfolio.pdf');
  const s = await driver.open(dir);
  try {
    await s.loadDemo();
    await s.exportPortfolio(out);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'export.png'));
  } finally {
    await s.close();
  }
  assert.ok(existsSync(out), 'the PDF exists');
  assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', [out, '-']).toString();
  for (const word of ['Brookfield Primary School', 'Learn', 'Embed', 'Share']) {
    assert.ok(text.includes(word), `PDF text lacks ${word}`);
  }
});
