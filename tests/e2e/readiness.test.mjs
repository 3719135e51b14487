// Readiness in the real window, on the demo school: the chart draws the three strands and the list
// says what is still missing.
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

test('the demo school shows coverage by strand and what is missing', async () => {
  const dir = newDataDir();
  // The CLI and the window share one data folder: load the demo with the CLI first.
  execFileSync(join(repo, 'target', 'debug', 'sanctuary'), ['--data-dir', dir, 'demo']);
  const s = await driver.open(dir);
  try {
    await s.click('button[data-view="readiness"]');
    await s.waitFor(() => s.exists('#missing-list li'), 'the missing list');
    const strands = await s.script('return document.getElementById("chart-desc").textContent');
    for (const name of ['Learn', 'Embed', 'Share']) assert.ok(strands.includes(name), strands);
    const missing = await s.text('#missing-list');
    assert.ok(/criterion 8|Growing the network/i.test(missing), missing);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'readiness.png'));
  } finally {
    await s.close();
  }
});
