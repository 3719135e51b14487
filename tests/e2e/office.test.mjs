// A Word document added through the window: its tile says how many pages its reading copy takes in
// the portfolio, a legacy .doc is kept with the advice to save it as .docx or PDF, and the Word
// document's words reach the exported PDF (the fixtures are described in tests/fixtures/README.md).
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

test('a Word document shows its portfolio pages and its words reach the PDF', async () => {
  const dir = newDataDir();
  const files = join(dir, 'incoming');
  execFileSync('mkdir', ['-p', files]);
  execFileSync('cp', [join(repo, 'tests', 'fixtures', 'office', 'lesson.docx'), join(files, 'Scheme of work Y5.docx')]);
  execFileSync('cp', [join(repo, 'tests', 'fixtures', 'office', 'lesson.doc'), join(files, 'Old policy.doc')]);
  const out = join(dir, 'portfolio.pdf');
  const s = await driver.open(dir);
  try {
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('#add-files'), 'the evidence screen');
    const report = await s.script(
      `const t = window.__TAURI_INTERNALS__;
       const channel = '__CHANNEL__:' + t.transformCallback(() => {});
       return t.invoke('add_evidence', { request: { paths: [arguments[0]], criteria: [], consent: 'not_needed' }, onProgress: channel });`,
      [files],
    );
    assert.equal(report.added.length, 2, JSON.stringify(report));
    assert.equal(report.unreadable.length, 1, JSON.stringify(report));
    assert.equal(report.unreadable[0].file, 'Old policy.doc');
    assert.equal(report.unreadable[0].code, 'legacy');
    assert.match(report.unreadable[0].reason, /save it as \.docx or PDF and add it again/);
    await s.click('button[data-view="school"]');
    await s.click('button[data-view="evidence"]');
    const tileText = (name) =>
      s.script('return [...document.querySelectorAll(".tile")].map((e) => e.textContent).find((t) => t.includes(arguments[0])) ?? ""', [name]);
    await s.waitFor(async () => /\d+ pages? in the portfolio/.test(await tileText('Scheme of work Y5')), 'the tile to show the portfolio pages');
    const pages = Number((await tileText('Scheme of work Y5')).match(/(\d+) pages? in the portfolio/)[1]);
    assert.ok(pages >= 2, `a page break makes at least two pages, got ${pages}`);
    assert.match(await tileText('Old policy'), /The panel will not see inside it/);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'office.png'));

    await s.exportPortfolio(out);
    const text = execFileSync('pdftotext', [out, '-']).toString().split(/\s+/).join(' ');
    assert.ok(text.includes(`Reading copy of Scheme of work Y5.docx, ${pages} pages`), text);
    for (const words of ['Scheme of work: Journeys', 'Understand the words refugee and asylum seeker', 'Second page starts here after a page break.']) {
      assert.ok(text.includes(words), `the PDF lacks ${words}`);
    }
    for (const never of ['Reviewer comment never printed', 'Deleted draft wording']) {
      assert.ok(!text.includes(never), `the PDF must not hold ${never}`);
    }
  } finally {
    await s.close();
  }
});
