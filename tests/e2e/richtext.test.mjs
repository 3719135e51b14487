// The rich account editor in the real window: a list and bold typed with the usual keys, HTML with
// a list pasted as from Word and a web page, and all of it printed as lists and bold in the PDF.
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

// WebDriver key codes.
const ENTER = '\uE007';
const CTRL = '\uE009';
const SHIFT = '\uE008';
// In element send keys a modifier stays down until it is sent again.
const ctrl = (key) => `${CTRL}${key}${CTRL}`;

const saved = (s, n) =>
  s.waitFor(async () => (await s.script(`return document.querySelector('[data-audit="${n}"] [data-save-state]').dataset.saveState`)) === 'saved', `criterion ${n} to save`);

test('a typed list and bold, and a pasted list, reach the PDF as a list and bold', async () => {
  const dir = newDataDir();
  const out = join(dir, 'rich.pdf');
  const s = await driver.open(dir);
  try {
    await s.loadDemo();
    await s.click('button[data-view="audit"]');
    await s.waitFor(() => s.exists('#audit-narrative-1[contenteditable="true"]'), 'the account editor');
    // Start from an empty account, then type as a teacher would.
    await s.script('document.getElementById("audit-narrative-1").value = "";');
    await s.click('#audit-narrative-1');
    await s.type('#audit-narrative-1', `Our staff training:${ENTER}- Every teacher took part${ENTER}Governors joined in${ENTER}${ENTER}`);
    await s.type('#audit-narrative-1', `${ctrl('b')}Whole-school day${ctrl('b')} in September.`);
    await s.waitFor(async () => (await s.value('#audit-narrative-1')).includes('**Whole-school day**'), 'bold from Ctrl+B');
    const typed = await s.value('#audit-narrative-1');
    assert.match(typed, /Our staff training:\n\n- Every teacher took part\n- Governors joined in\n\n\*\*Whole-school day\*\* in September\./, typed);
    // The toolbar shows where the cursor is.
    assert.equal(await s.script('return document.querySelector("[data-audit=\\"1\\"] .field:has(#audit-narrative-1) [data-rich=bold]").getAttribute("aria-pressed")'), 'false');

    // Paste: a web page's list with a colour and a font, and Word's list paragraphs with a tracked deletion.
    await s.script(`const el = document.getElementById('audit-narrative-1');
      el.richEditor.commands.focus('end');
      const dt = new DataTransfer();
      dt.setData('text/html', '<p style="color:red;font-family:Papyrus">From the web: <b>pupils</b> and <a href="https://example.org/week">Refugee Week</a></p><ul><li>Pasted one</li><li><span style="font-weight:700">Pasted two</span></li></ul>'
        + "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>1.<span> </span></span>From Word<del> not this</del></p>");
      dt.setData('text/plain', 'From the web: pupils');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));`);
    await s.waitFor(async () => (await s.value('#audit-narrative-1')).includes('Pasted two'), 'the pasted list');
    const pasted = await s.value('#audit-narrative-1');
    assert.match(pasted, /- Pasted one\n- \*\*Pasted two\*\*/, pasted);
    assert.match(pasted, /\[Refugee Week\]\(https:\/\/example\.org\/week\)/, pasted);
    assert.match(pasted, /1\. From Word/, pasted);
    assert.doesNotMatch(pasted, /not this|red|Papyrus|</, pasted);
    await saved(s, 1);
    await s.script('document.getElementById("audit-narrative-1-label").scrollIntoView()');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'richtext-editor.png'));

    // Undo takes back the paste.
    await s.type('#audit-narrative-1', ctrl('z'));
    await s.waitFor(async () => !(await s.value('#audit-narrative-1')).includes('Pasted one'), 'undo of the paste');
    await s.type('#audit-narrative-1', `${CTRL}${SHIFT}z${SHIFT}${CTRL}`);
    await s.waitFor(async () => (await s.value('#audit-narrative-1')).includes('Pasted one'), 'redo of the paste');
    await saved(s, 1);
    await s.exportPortfolio(out);
  } finally {
    await s.close();
  }
  const text = execFileSync('pdftotext', ['-layout', out, '-']).toString().split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).join('\n');
  for (const line of ['• Every teacher took part', '• Governors joined in', '• Pasted one', '• Pasted two', '1. From Word']) {
    assert.ok(text.includes(line), `the PDF lacks "${line}"`);
  }
  assert.ok(text.includes('Whole-school day in September.'), 'the bold words');
  assert.ok(!text.includes('**') && !text.includes('- Every'), 'no typed marks in the PDF');
  const stext = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', out], { maxBuffer: 256 * 1024 * 1024 }).toString();
  const bold = [...stext.matchAll(/<font name="([^"]+)"[^>]*>([\s\S]*?)<\/font>/g)]
    .filter((m) => m[1].includes('Bold'))
    .map((m) => [...m[2].matchAll(/ c="([^"]*)"/g)].map((c) => c[1]).join(''));
  assert.ok(bold.some((t) => t.includes('Whole-school day')), `the bold face: ${bold.join(' | ')}`);
});
