// The local lead's review coming back and a school's own draft brought in, in the real window: a
// reviewed .docx (Word comments and a tracked change) imported on the Journey screen, a comment
// answered beside its quoted words and a suggestion accepted; a Word draft brought in through its
// side-by-side preview on the Audit screen. The files are written here as Word writes them.
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

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>`;
const NUMBERING = `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;

/** Writes a .docx at `path` from its body XML and comments (zipped by Python's zipfile). */
function docx(path, body, comments = null) {
  const rel = (id, type, target) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const parts = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>${comments ? '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>' : ''}</Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'word/document.xml')}</Relationships>`,
    'word/_rels/document.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'styles', 'styles.xml')}${rel('rId2', 'numbering', 'numbering.xml')}${comments ? rel('rId3', 'comments', 'comments.xml') : ''}</Relationships>`,
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
    'word/styles.xml': STYLES,
    'word/numbering.xml': NUMBERING,
  };
  if (comments) parts['word/comments.xml'] = `<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="${W}">${comments}</w:comments>`;
  const py = 'import json,sys,zipfile\nparts=json.load(sys.stdin)\nwith zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED) as z:\n  [z.writestr(n,t) for n,t in parts.items()]';
  execFileSync('python3', ['-c', py, path], { input: JSON.stringify(parts) });
  return path;
}
const r = (text, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const p = (inner, style = '') => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${inner}</w:p>`;

/** Clicks the element `css` through the page (it may be below the fold). */
const press = (s, css) => s.script('document.querySelector(arguments[0]).click()', [css]);

test('a reviewed Word file comes in on the Journey screen and a comment is answered beside its quote', async () => {
  const dir = newDataDir();
  const file = docx(
    join(dir, 'application with comments.docx'),
    [
      p(r('Criterion 5 – Learners lead'), 'Heading2'),
      p(`<w:commentRangeStart w:id="1"/>${r('Our pupil ambassadors')}<w:commentRangeEnd w:id="1"/>${r(' run a ')}<w:ins w:id="9" w:author="Sam Patel" w:date="2026-11-20T10:00:00Z">${r('weekly ')}</w:ins>${r('welcome club.')}<w:r><w:commentReference w:id="1"/></w:r>`),
    ].join(''),
    '<w:comment w:id="1" w:author="Sam Patel" w:date="2026-11-20T10:15:00Z"><w:p><w:r><w:t>How are the ambassadors chosen?</w:t></w:r></w:p></w:comment>',
  );
  const s = await driver.open(dir);
  try {
    await s.loadDemo();
    await s.inPage('await window.__TAURI_INTERNALS__.invoke("set_narrative", { key: "learner-voice", body: "Our pupil ambassadors run a welcome club." })');
    await s.click('button[data-view="journey"]');
    await s.waitFor(() => s.exists('#import-review'), 'the import button');
    assert.equal(await s.value('#import-kind'), 'draft_review', 'a draft review unless chosen otherwise');
    await s.script('window.__sanctuaryDialogAnswer = arguments[0]', [file]);
    await press(s, '#import-review');
    await s.waitFor(() => s.exists('#review-report'), 'the import report');
    assert.match(await s.text('#review-report'), /1 comments and 1 suggested changes from Sam Patel/);
    const quoted = 'div.comment.quoted';
    await s.waitFor(() => s.exists(quoted), 'the imported comment');
    assert.equal(await s.text(`${quoted} blockquote`), 'Our pupil ambassadors');
    assert.match(await s.text(quoted), /5\. Learners lead · Sam Patel/);
    assert.equal(await s.script(`return document.querySelector(arguments[0]).dataset.unanswered`, [quoted]), 'true');
    const before = await s.text('#unanswered');
    await s.type(`${quoted} textarea`, 'The school council elects them each September.');
    await s.waitFor(async () => (await s.text('#unanswered')) !== before, 'the unanswered count to drop');
    // An imported question can be made an improvement.
    assert.equal(await s.value(`${quoted} select.kind`), 'question', 'it ends with "?"');
    await s.script('const k = document.querySelector(arguments[0]); k.value = "improvement"; k.dispatchEvent(new Event("change", { bubbles: true }));', [`${quoted} select.kind`]);
    await s.waitFor(async () => {
      const rounds = (await s.inPage('return await window.__TAURI_INTERNALS__.invoke("feedback_rounds")')).value;
      return rounds.flatMap((r) => r.comments).some((c) => c.quote === 'Our pupil ambassadors' && c.kind === 'improvement');
    }, 'the kind saved');
    // The tracked insertion, accepted into the account.
    await s.waitFor(() => s.exists('[data-suggestion][data-status="open"] button[data-accept]'), 'the suggestion');
    await press(s, '[data-suggestion] button[data-accept]');
    await s.waitFor(() => s.exists('[data-suggestion][data-status="accepted"]'), 'the suggestion accepted');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'review-journey.png'));
    const body = await s.inPage('return (await window.__TAURI_INTERNALS__.invoke("list_audit")).find((r) => r.criterionKey === "learner-voice").narrative');
    assert.equal(body.value, 'Our pupil ambassadors run a weekly welcome club.');
    // Going to the account opens the Audit screen there.
    await press(s, `${quoted} button[data-jump]`);
    await s.waitFor(() => s.exists('#audit-narrative-5'), 'the audit screen');
    await s.waitFor(async () => (await s.script('return document.activeElement && document.activeElement.id')) === 'audit-narrative-5', 'the account focused');
    // The same file again adds nothing.
    await s.click('button[data-view="journey"]');
    await s.waitFor(() => s.exists('#import-review'), 'the journey screen');
    await s.script('window.__sanctuaryDialogAnswer = arguments[0]', [file]);
    await press(s, '#import-review');
    await s.waitFor(() => s.exists('#review-report'), 'the second report');
    assert.match(await s.text('#review-report'), /brought in before/);
    // And the answer was kept.
    await s.waitFor(async () => (await s.value(`${quoted} textarea`)) === 'The school council elects them each September.', 'the saved answer');
  } finally {
    await s.close();
  }
});

test('a school draft is brought in on the Audit screen through its side-by-side preview', async () => {
  const dir = newDataDir();
  const file = docx(
    join(dir, 'Our application DRAFT.docx'),
    [
      p(r('Brookfield is a city-centre primary school.')),
      p(r('Criterion 1 – Staff and governors learn'), 'Heading2'),
      p(r('Every member of staff had ') + r('two INSET sessions', '<w:b/>') + r('.')),
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${r('a talk from the refugee charity')}</w:p>`,
      `<w:tbl><w:tr><w:tc>${p(r('Criterion'))}</w:tc><w:tc>${p(r('What we do'))}</w:tc></w:tr><w:tr><w:tc>${p(r('6) Public pledge'))}</w:tc><w:tc>${p(r('Governors endorsed the pledge in March.'))}</w:tc></w:tr></w:tbl>`,
    ].join(''),
  );
  const s = await driver.open(dir);
  try {
    await s.loadDemo();
    await s.inPage('await window.__TAURI_INTERNALS__.invoke("set_narrative", { key: "staff-learning", body: "" })');
    await s.inPage('await window.__TAURI_INTERNALS__.invoke("set_narrative", { key: "public-pledge", body: "Words we keep." })');
    await s.click('button[data-view="audit"]');
    await s.waitFor(() => s.exists('#draft-pick'), 'the draft card');
    await s.script('window.__sanctuaryDialogAnswer = arguments[0]', [file]);
    await press(s, '#draft-pick');
    await s.waitFor(() => s.exists('#draft-proposal'), 'the preview');
    const ticks = await s.script('return [...document.querySelectorAll("#draft-proposal input[type=checkbox]")].map((c) => [c.id, c.checked])');
    assert.deepEqual(ticks, [['draft-tick-1-narrative', true], ['draft-tick-6-narrative', false]], 'an account with text starts unticked');
    assert.match(await s.text('[data-draft="staff-learning:narrative"]'), /\*\*two INSET sessions\*\*/);
    assert.match(await s.text('#draft-left-out'), /1 passages/);
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'review-draft.png'));
    await press(s, '#draft-apply');
    await s.waitFor(() => s.exists('#draft-done'), 'the draft brought in');
    await s.waitFor(async () => (await s.value('#audit-narrative-1')).includes('- a talk from the refugee charity'), 'the account filled');
    assert.equal(await s.value('#audit-narrative-6'), 'Words we keep.');
  } finally {
    await s.close();
  }
});
