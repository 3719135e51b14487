// The front door in the real window: a web link added through the "Add a web link" form (the
// address pasted in, the title filled from the website's name) reaches the exported PDF as a
// clickable link, and a folder copied from Windows or a Mac, added through the backend's add
// command (the call the file dialog and drag and drop make), reports only its real files.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, newDataDir, repo } from './driver.mjs';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

const PLEDGE = 'https://www.brookfield.example.sch.uk/news/our-sanctuary-pledge';

test('a web link added through the form is a link in the exported portfolio', async () => {
  const dir = newDataDir();
  const out = join(dir, 'portfolio.pdf');
  const s = await driver.open(dir);
  try {
    await s.loadDemo();
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('.link-form summary'), 'the link form');
    await s.click('.link-form summary');
    // Pasting an address anywhere in the form fills the address field; the title follows the host.
    await s.script(
      `const data = new DataTransfer();
       data.setData('text/plain', arguments[0]);
       document.getElementById('link-note').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));`,
      [PLEDGE],
    );
    await s.waitFor(async () => (await s.value('#link-url')) === PLEDGE, 'the pasted address in its field');
    assert.equal(await s.value('#link-title'), 'www.brookfield.example.sch.uk');
    assert.equal(await s.value('#link-note'), '', 'the address did not land in the note');
    await s.clear('#link-title');
    await s.type('#link-title', 'Our pledge on the school website');
    await s.script(
      `const sel = document.getElementById('link-criterion');
       sel.value = [...sel.options].find((o) => o.text.startsWith('6.')).value;
       sel.dispatchEvent(new Event('change', { bubbles: true }));`,
    );
    await s.type('#link-note', 'Checked on the day we applied.');
    // A javascript: address is refused with the core's words, and nothing is added.
    await s.clear('#link-url');
    await s.type('#link-url', 'javascript:alert(1)');
    await s.click('#link-save');
    await s.waitFor(() => s.exists('#link-error'), 'the refusal');
    assert.match(await s.text('#link-error'), /only web pages/);
    await s.clear('#link-url');
    await s.type('#link-url', PLEDGE);
    await s.click('#link-save');
    await s.waitFor(
      async () => (await s.script('return [...document.querySelectorAll(".tile .title")].some((e) => e.textContent.includes("Our pledge on the school website"))')),
      'the link in the library',
    );
    assert.equal(await s.value('#link-url'), '', 'the form is cleared for the next link');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'evidence-link.png'));
    await s.exportPortfolio(out);
  } finally {
    await s.close();
  }
  assert.ok(existsSync(out));
  const text = execFileSync('pdftotext', [out, '-']).toString();
  assert.ok(text.includes('Our pledge on the school website'), 'the title is in the PDF');
  assert.ok(text.replace(/\s+/g, '').includes(PLEDGE), 'the address is printed in full');
  // The address is a URI link annotation (uncompressed view of the file by qpdf).
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', out, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1');
  assert.ok(qdf.includes(`/URI (${PLEDGE})`), 'a /URI action opens the page');
});

test('a copied folder with system clutter and a link to its parent reports only its real files', async () => {
  const dir = newDataDir();
  const folder = join(dir, 'From the office PC');
  mkdirSync(join(folder, 'scans'), { recursive: true });
  mkdirSync(join(folder, '__MACOSX'), { recursive: true });
  copyFileSync(join(repo, 'tests', 'fixtures', 'pdf', 'spec-2pages.pdf'), join(folder, 'letter.pdf'));
  copyFileSync(join(repo, 'tests', 'fixtures', 'scans', 'copier-3pages-g4.tif'), join(folder, 'scans', 'register.tif'));
  for (const clutter of ['Thumbs.db', 'desktop.ini', '.DS_Store', '~$letter.docx', 'copy.tmp', '__MACOSX/._letter.pdf']) {
    writeFileSync(join(folder, clutter), 'system clutter');
  }
  symlinkSync('..', join(folder, 'scans', 'back up'));
  const s = await driver.open(dir);
  try {
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('#add-files'), 'the evidence screen');
    const report = await s.script(
      `const t = window.__TAURI_INTERNALS__;
       const channel = '__CHANNEL__:' + t.transformCallback(() => {});
       return t.invoke('add_evidence', { request: { paths: [arguments[0]], criteria: [], consent: 'given' }, onProgress: channel });`,
      [folder],
    );
    assert.equal(report.added.length, 2, JSON.stringify(report));
    assert.deepEqual(report.refused, []);
    assert.deepEqual(report.duplicates, []);
    assert.equal(report.systemFiles, 6);
    await s.click('button[data-view="school"]');
    await s.click('button[data-view="evidence"]');
    await s.waitFor(async () => (await s.script('return document.querySelectorAll(".tile").length')) === 2, 'the two real files in the library');
  } finally {
    await s.close();
  }
});
