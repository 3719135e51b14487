// The Welsh window never speaks English when the core refuses something: each refusal comes back as
// a rule's code and values and the window words it from cy.json. Seven refusals a coordinator can meet:
// a wrong school identifier, a refused export budget, an unsafe web link, a wrong passphrase at restore,
// a damaged backup, an unreadable file at import and a framework id that is already taken.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Driver, newDataDir, repo } from './driver.mjs';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

const setValue = (s, id, value, event = 'change') =>
  s.script(`const d = document.getElementById(arguments[0]); d.value = arguments[1]; d.dispatchEvent(new Event(arguments[2], { bubbles: true }));`, [id, value, event]);
/** Makes the page's next save or open dialog answer `path` instead of showing (the seam in ui/src/lib/dialogs.ts). */
const answerDialogs = (s, path) => s.script('window.__sanctuaryDialogAnswer = arguments[0];', [path]);
const clickButton = (s, label) =>
  s.script('[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === arguments[0]).click();', [label]);
const alertText = (s) => s.script('return [...document.querySelectorAll("p.alert[role=alert]")].map((p) => p.textContent).join(" | ")');

/** Asserts Welsh words are shown and the core's English sentence is not. */
function welsh(text, phrase, english) {
  assert.ok(text.includes(phrase), `expected the Welsh “${phrase}” in: ${text}`);
  assert.ok(!text.includes(english), `English in the Welsh window: ${text}`);
}

test('in Welsh, seven refusals of the core are worded in Welsh', async () => {
  const dir = newDataDir();
  const work = join(dir, 'work');
  mkdirSync(work, { recursive: true });
  // A sealed backup made by the command line, for the wrong passphrase; a file that is not a backup.
  const cli = join(repo, 'target', 'debug', 'sanctuary');
  const other = join(work, 'other-data');
  execFileSync(cli, ['--data-dir', other, 'demo']);
  writeFileSync(join(work, 'pass.txt'), 'cennin pedr a chwarae yn yr haul\n');
  const sealed = join(work, 'sealed.sanctuary');
  execFileSync(cli, ['--data-dir', other, 'backup', '--out', sealed, '--passphrase-file', join(work, 'pass.txt')]);
  const damaged = join(work, 'damaged.sanctuary');
  writeFileSync(damaged, 'PK\x03\x04 this is not a backup at all');
  const notes = join(work, 'notes.jpg');
  writeFileSync(notes, 'just some text');
  const framework = join(work, 'taken.toml');
  writeFileSync(framework, 'id = "sos-2024"\nname = "Ours"\nwording = "2025"\nlevels = ["a", "b"]\naward = "School of Sanctuary"\norganisation = "school"\nlearners = "pupils"\nhead = "headteacher"\npage_limit = 10\npledge = "none"\n[[strands]]\nkey = "learn"\nname = "Learn"\n[[criteria]]\nkey = "k"\nnumber = 1\nstrand = "learn"\ntitle = "T"\n');

  const s = await driver.open(dir);
  try {
    await s.waitFor(() => s.exists('#language'), 'the language switch');
    await setValue(s, 'language', 'cy');
    await s.waitFor(async () => (await s.script('return document.documentElement.lang')) === 'cy', 'the window in Welsh');

    // 1. A wrong school identifier.
    await s.type('#school-name', 'Ysgol y Bryn');
    await s.type('#school-urn', '12');
    await s.waitFor(() => s.exists('#school-urn-error'), 'the refusal by the field');
    welsh(await s.text('#school-urn-error'), 'Cywirwch ef', 'should look like');

    // 2. A refused export budget.
    await s.click('button[data-view="portfolio"]');
    await s.waitFor(() => s.exists('#export-path'), 'the export screen');
    await s.clear('#export-path');
    await s.type('#export-path', join(dir, 'portffolio.pdf'));
    await setValue(s, 'max-mb', '5000', 'input');
    await s.click('#export-button');
    await s.waitFor(() => s.exists('#export-error'), 'the refusal');
    welsh(await s.text('#export-error'), "Rhaid i'r terfyn maint fod rhwng", 'The size limit must be');

    // 3. An unsafe web link.
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('.link-form summary'), 'the link form');
    await s.click('.link-form summary');
    await s.type('#link-url', 'javascript:alert(1)');
    await s.click('#link-save');
    await s.waitFor(() => s.exists('#link-error'), 'the refusal of the link');
    welsh(await s.text('#link-error'), 'dim ond tudalennau gwe', 'only web pages');

    // 6. An unreadable file at import: the report names it with Welsh words.
    await answerDialogs(s, [notes]);
    await s.click('#add-files');
    await s.waitFor(() => s.exists('#import-report li'), 'the import report');
    const report = await s.text('#import-report');
    welsh(report, 'efallai ei bod wedi', 'its contents are not');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'import-refused-cy.png'));

    // 7. A framework whose id belongs to a built-in one.
    await s.click('button[data-view="criteria"]');
    await s.waitFor(() => s.exists('li[data-criterion]'), 'the criteria screen');
    await answerDialogs(s, framework);
    await clickButton(s, 'Mewnforio ffeil fframwaith…');
    await s.waitFor(async () => (await alertText(s)) !== '', 'the refused framework');
    welsh(await alertText(s), "yn perthyn i fframwaith sy'n dod gyda'r ap", 'ships with the app');

    // 5. A damaged backup.
    await s.click('button[data-view="backup"]');
    await s.waitFor(() => s.exists('#backup-h'), 'the Backup screen');
    await answerDialogs(s, damaged);
    await clickButton(s, 'Adfer o ffeil…');
    await s.waitFor(async () => (await alertText(s)) !== '', 'the damaged backup to be refused');
    welsh(await alertText(s), "wedi'i difrodi neu'n anghyflawn", 'damaged or incomplete');

    // 4. A wrong passphrase at restore.
    await answerDialogs(s, sealed);
    await clickButton(s, 'Adfer o ffeil…');
    await s.waitFor(() => s.exists('#open-passphrase'), 'the question for the passphrase');
    await s.type('#open-passphrase', 'nid y cyfrinymadrodd');
    await s.click('#unlock');
    await s.waitFor(async () => (await alertText(s)).includes('cyfrinymadrodd hwnnw'), 'the wrong passphrase to be refused');
    welsh(await alertText(s), "nid yw'r cyfrinymadrodd hwnnw'n agor y ffeil hon", 'passphrase does not open');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'restore-refused-cy.png'));
  } finally {
    await s.close();
  }
});
