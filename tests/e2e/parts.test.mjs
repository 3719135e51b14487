// Exporting only the application from the real window: the choice of part and format, the name the
// save field suggests for each, and the files written (a PDF without the appendix, a Word file).
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

test('the application alone exports from the window, as PDF and as Word', async () => {
  const dir = newDataDir();
  const pdf = join(dir, 'Demo application.pdf');
  const docx = join(dir, 'Demo application.docx');
  const s = await driver.open(dir);
  try {
    await s.loadDemo();
    await s.click('button[data-view="portfolio"]');
    await s.waitFor(() => s.exists('#export-path'), 'the export screen');
    // Where the system has a documents folder, the field starts with a suggested name that follows
    // the choice of part.
    await s.waitFor(async () => (await s.value('#export-path')) !== '', 'a suggested name', 5000).catch(() => {});
    const initial = await s.value('#export-path');
    await s.click('#export-part-application');
    if (initial) {
      assert.match(initial, / portfolio \d{4}-\d{2}-\d{2}\.pdf$/);
      await s.waitFor(async () => / application \d{4}-\d{2}-\d{2}\.pdf$/.test(await s.value('#export-path')), 'the application name');
    }
    assert.ok(!(await s.exists('#anonymity-note')), 'the cover note belongs to the whole portfolio');
    assert.equal(await s.text('#export-button'), 'Export the application', 'the button says what it exports');

    // A name of one's own keeps its words; Word changes its extension, and PDF changes it back.
    await s.clear('#export-path');
    await s.type('#export-path', join(dir, 'Mine.pdf'));
    await s.click('#export-format-word');
    await s.waitFor(async () => (await s.value('#export-path')) === join(dir, 'Mine.docx'), 'the .docx name');
    await s.click('#export-format-pdf');
    await s.waitFor(async () => (await s.value('#export-path')) === join(dir, 'Mine.pdf'), 'the .pdf name again');

    // A Word name with the PDF format chosen is the core's refusal, worded in the window.
    await s.click('#export-format-pdf');
    await s.click('#export-part-evidence');
    assert.equal(await s.text('#export-button'), 'Export the evidence pack');
    await s.clear('#export-path');
    await s.type('#export-path', join(dir, 'evidence.docx'));
    await s.click('#export-button');
    await s.waitFor(() => s.exists('#export-error'), 'the refusal');
    assert.match(await s.text('#export-error'), /Only the application can be saved as a Word file/);
    assert.ok(!existsSync(join(dir, 'evidence.docx')));

    await s.click('#export-part-application');
    await s.exportTo(pdf);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'export-application.png'));
    assert.doesNotMatch(await s.text('#export-done'), /about \d+ pages/, 'a PDF knows its pages');
    await s.click('#export-format-word');
    await s.exportTo(docx);
    await s.waitFor(async () => existsSync(docx), 'the Word file');
    // Word paginates the file itself: the count is the PDF's, and said to be an estimate.
    const said = await s.waitFor(async () => {
      const t = await s.text('#export-done');
      return t.includes('Demo application.docx') && t;
    }, 'the Word report');
    assert.match(said, /about \d+ pages as the PDF lays them out/, said);
  } finally {
    await s.close();
  }
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', [pdf, '-']).toString();
  for (const words of ['Brookfield Primary School: School of Sanctuary application', 'Our account', 'Learn']) {
    assert.ok(text.includes(words), `the application lacks ${words}`);
  }
  assert.ok(!text.includes('Evidence appendix'), 'the application alone has no appendix');
  assert.equal(readFileSync(docx).subarray(0, 2).toString(), 'PK', 'a .docx is a zip');
  const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml']).toString();
  assert.ok(xml.includes('Our account'), 'the Word file holds the accounts');
});
