// Evidence in the real window: files added through the app's own add command (the same call the
// file dialog and drag and drop make; native dialogs cannot be driven by WebDriver) appear in the
// library with their thumbnails, and a refused file is named with its reason.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, newDataDir, repo } from './driver.mjs';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

test('added photos show as thumbnails and a bad file is explained', async () => {
  const dir = newDataDir();
  const files = join(dir, 'incoming');
  execFileSync('mkdir', ['-p', files]);
  // Generated pictures (no people): ImageMagick gradients.
  execFileSync('convert', ['-size', '640x480', 'gradient:#1f5f5b-#e0a43a', join(files, 'Refugee Week display.jpg')]);
  execFileSync('convert', ['-size', '300x400', 'plasma:fractal', join(files, 'Welcome wall.png')]);
  // An iPhone photo (a drawing encoded as HEIC, see tests/fixtures/README.md).
  execFileSync('cp', [join(repo, 'tests', 'fixtures', 'drawn.heic'), join(files, 'IMG_4032.HEIC')]);
  writeFileSync(join(files, 'notes.jpg'), 'just some text');
  const s = await driver.open(dir);
  try {
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('#add-files'), 'the evidence screen');
    const report = await s.script(
      `const done = arguments[arguments.length - 1];
       const t = window.__TAURI_INTERNALS__;
       const channel = '__CHANNEL__:' + t.transformCallback(() => {});
       return t.invoke('add_evidence', { request: { paths: [arguments[0]], criteria: [], consent: 'given' }, onProgress: channel });`,
      [files],
    );
    assert.equal(report.added.length, 3, JSON.stringify(report));
    assert.equal(report.refused.length, 1);
    assert.equal(report.refused[0].file, 'notes.jpg');
    // Reopen the screen so it lists what was added.
    await s.click('button[data-view="school"]');
    await s.click('button[data-view="evidence"]');
    await s.waitFor(
      async () => (await s.script('return [...document.querySelectorAll(".tile img")].filter((i) => i.complete && i.naturalWidth > 0).length')) === 3,
      'three thumbnails (JPEG, PNG and HEIC) to load',
      20000,
    );
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'evidence.png'));
  } finally {
    await s.close();
  }
});
