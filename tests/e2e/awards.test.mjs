// Every Sanctuary award in the real window: a college imports its own framework, and from then on no
// screen, in English or Welsh, and no page of its portfolio speaks of a school or pupils.
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

/** A 12-criterion colleges framework in four strands, written for this test (invented wording). */
function collegeFramework() {
  const strands = ['learn', 'learn', 'share', 'embed', 'embed', 'embed', 'embed', 'share', 'share', 'sustain', 'sustain', 'learn'];
  let s = [
    'id = "col-window"',
    'name = "Colleges of Sanctuary"',
    'wording = "2026 test wording"',
    'stream = "colleges"',
    'award = "College of Sanctuary"',
    'organisation = "college"',
    'learners = "students"',
    'head = "principal"',
    'page_limit = 10',
    'pledge = "col-3"',
    'levels = ["Not yet", "Starting", "Growing", "Thriving"]',
    'name_cy = "Colegau Noddfa"',
    'award_cy = "Coleg Noddfa"',
    'organisation_cy = "coleg"',
    'learners_cy = "myfyrwyr"',
    'head_cy = "pennaeth"',
    '',
  ].join('\n');
  for (const [key, name, cy] of [['learn', 'Learn', 'Dysgu'], ['embed', 'Embed', 'Ymgorffori'], ['share', 'Share', 'Rhannu'], ['sustain', 'Sustain', 'Cynnal']]) {
    s += `\n[[strands]]\nkey = "${key}"\nname = "${name}"\nname_cy = "${cy}"\n`;
  }
  strands.forEach((strand, i) => {
    const n = i + 1;
    s += `\n[[criteria]]\nkey = "col-${n}"\nnumber = ${n}\nstrand = "${strand}"\ntitle = "College criterion ${n}"\ntitle_cy = "Maen prawf coleg ${n}"\n`;
  });
  return s;
}

/** A 10-criterion universities framework with no page limit and no pledge criterion (invented wording). */
function universityFramework() {
  let s = 'id = "uni-window"\nname = "Universities of Sanctuary"\nwording = "2026 test wording"\nstream = "universities"\n' +
    'award = "University of Sanctuary"\norganisation = "university"\nlearners = "students"\nhead = "vice-chancellor"\n' +
    'page_limit = "none"\npledge = "none"\nlevels = ["Not started", "Developing", "Established", "Fully in place"]\n';
  for (const key of ['learn', 'embed', 'share']) s += `\n[[strands]]\nkey = "${key}"\nname = "${key[0].toUpperCase()}${key.slice(1)}"\n`;
  for (let n = 1; n <= 10; n++) s += `\n[[criteria]]\nkey = "uw-${n}"\nnumber = ${n}\nstrand = "${['learn', 'embed', 'share'][(n - 1) % 3]}"\ntitle = "University criterion ${n}"\n`;
  return s;
}

/**
 * Imports the framework file `file` through the app, as the Criteria screen does, and chooses it on
 * the School screen (reopened so its list holds the new framework), as a coordinator would.
 */
async function useFramework(s, file, id) {
  const imported = await s.script(
    'return window.__TAURI_INTERNALS__.invoke("import_framework", { path: arguments[0] }).then(() => "ok", (e) => e.message)',
    [file],
  );
  assert.equal(imported, 'ok');
  await s.click('button[data-view="criteria"]');
  await s.click('button[data-view="school"]');
  await s.waitFor(() => s.script('return !!document.querySelector(`#framework option[value="${arguments[0]}"]`)', [id]), `framework ${id} in the list`);
  await s.script('const f = document.querySelector("#framework"); f.value = arguments[0]; f.dispatchEvent(new Event("change", { bubbles: true }));', [id]);
}

// Words that would show a screen was written for schools only, in either language.
const SCHOOL_WORDS = [/School/, /\bschool/, /[Pp]upil/, /[Hh]eadteacher/, /Ysgol/, /\bysgol/, /[Dd]isgybl/, /\{\w+\}/];

const VIEWS = ['school', 'criteria', 'audit', 'plan', 'evidence', 'journey', 'readiness', 'portfolio', 'backup'];

test('a college works to its own framework: every screen and its portfolio speak of the college and its students', async () => {
  const dir = newDataDir();
  const file = join(dir, 'colleges.toml');
  writeFileSync(file, collegeFramework());
  const out = join(dir, 'Riverside College portfolio.pdf');
  const s = await driver.open(dir);
  try {
    await s.waitFor(() => s.exists('#school-name'), 'the start screen');
    await useFramework(s, file, 'col-window');
    await s.type('#school-name', 'Riverside College');
    await s.waitFor(async () => (await s.text('button[data-view="school"]')) === 'College', 'the navigation to say College');
    await s.waitFor(async () => (await s.text('[data-save-state]')) === 'All changes saved', 'the form to save');
    assert.equal(await s.text('label[for="school-name"]'), 'College name');
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'college-school.png'));

    for (const lang of ['en', 'cy']) {
      await s.script(`const l = document.querySelector("#language"); l.value = "${lang}"; l.dispatchEvent(new Event("change", { bubbles: true }));`);
      for (const view of VIEWS) {
        await s.click(`button[data-view="${view}"]`);
        await s.waitFor(() => s.script('return !!document.querySelector("main h1") && !document.querySelector("main [aria-busy=true]")'), `the ${view} screen`);
        // Screens load their data after they appear; give them a moment to fill in.
        await new Promise((r) => setTimeout(r, 600));
        const text = await s.script('return document.body.innerText');
        for (const word of SCHOOL_WORDS) assert.doesNotMatch(text, word, `the ${view} screen (${lang}) says ${word}:\n${text}`);
      }
    }
    const nav = await s.text('button[data-view="school"]');
    assert.equal(nav, 'Coleg');
    await s.script('const l = document.querySelector("#language"); l.value = "en"; l.dispatchEvent(new Event("change", { bubbles: true }));');
    await s.exportPortfolio(out);

    // A university's framework (10 criteria, no page limit, no pledge criterion): the same, in English.
    const uni = join(dir, 'universities.toml');
    writeFileSync(uni, universityFramework());
    await useFramework(s, uni, 'uni-window');
    await s.waitFor(async () => (await s.text('button[data-view="school"]')) === 'University', 'the navigation to say University');
    for (const view of VIEWS) {
      await s.click(`button[data-view="${view}"]`);
      await s.waitFor(() => s.script('return !!document.querySelector("main h1")'), `the ${view} screen`);
      await new Promise((r) => setTimeout(r, 600));
      const text = await s.script('return document.body.innerText');
      for (const word of SCHOOL_WORDS) assert.doesNotMatch(text, word, `the ${view} screen (university) says ${word}:\n${text}`);
    }
    await s.click('button[data-view="criteria"]');
    await s.waitFor(async () => (await s.text('[data-testid="framework-facts"]')).includes('no page limit'), 'the facts of the university framework');
  } finally {
    await s.close();
  }
  const text = execFileSync('pdftotext', [out, '-']).toString();
  for (const word of SCHOOL_WORDS) assert.doesNotMatch(text, word, `the portfolio says ${word}`);
  for (const expected of ['COLLEGES OF SANCTUARY', 'College of Sanctuary', 'Riverside College', 'Sustain']) {
    assert.ok(text.includes(expected), `the portfolio lacks ${expected}`);
  }
  // Pictures for the README: the cover, and the first page of the application.
  const pages = text.split('\f');
  const application = pages.findIndex((p, i) => i > 1 && p.includes('The application')) + 1;
  assert.ok(application > 1, 'the application has a page of its own');
  const shots = join(repo, 'tests', 'e2e', 'screenshots');
  execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', out, join(shots, 'college-cover')]);
  execFileSync('pdftoppm', ['-r', '50', '-png', '-f', String(application), '-l', String(application), '-singlefile', out, join(shots, 'college-application')]);
});

test("an Irish school works to Ireland's framework: its roll number, its principal and the level it applies for", async () => {
  const dir = newDataDir();
  const file = join(dir, 'ireland.toml');
  writeFileSync(
    file,
    [
      'id = "ie-window"', 'name = "Schools of Sanctuary Ireland (test)"', 'wording = "charter (test)"', 'stream = "schools"',
      'award = "School of Sanctuary"', 'organisation = "school"', 'learners = "students"', 'head = "principal"',
      'page_limit = "none"', 'pledge = "ie-charter"', 'levels = ["Not yet", "Under way", "In place"]',
      'award_levels = ["Member", "Champion"]', 'nations = ["Ireland"]', '',
      '[[strands]]', 'key = "learn"', 'name = "Learn"', '[[strands]]', 'key = "action"', 'name = "Action"', '[[strands]]', 'key = "share"', 'name = "Share"',
      '[[criteria]]', 'key = "ie-learn"', 'number = 1', 'strand = "learn"', 'title = "Staff and students learn"',
      '[[criteria]]', 'key = "ie-charter"', 'number = 2', 'strand = "share"', 'title = "The charter is signed and shown"', '',
    ].join('\n'),
  );
  const s = await driver.open(dir);
  try {
    await s.waitFor(() => s.exists('#school-name'), 'the start screen');
    await useFramework(s, file, 'ie-window');
    await s.waitFor(() => s.exists('#school-award-level'), 'the award level choice');
    const nations = await s.script('return [...document.querySelectorAll("#school-nation option")].map((o) => o.value)');
    assert.deepEqual(nations, ['England', 'Ireland'], 'Ireland, and the nation stored before');
    await s.script('const n = document.querySelector("#school-nation"); n.value = "Ireland"; n.dispatchEvent(new Event("change", { bubbles: true }));');
    await s.waitFor(async () => (await s.text('label[for="school-urn"]')) === 'Roll number', 'the label to become Roll number');
    assert.equal(await s.text('label[for="school-head"]'), 'Principal');
    assert.equal(await s.script('return document.getElementById("school-urn").inputMode'), 'text', 'a roll number ends in a letter');
    const levels = await s.script('return [...document.querySelectorAll("#school-award-level option")].map((o) => o.value).filter(Boolean)');
    assert.deepEqual(levels, ['Member', 'Champion']);
    await s.script('const l = document.querySelector("#school-award-level"); l.value = "Champion"; l.dispatchEvent(new Event("change", { bubbles: true }));');
    await s.type('#school-urn', '12345a');
    await s.waitFor(async () => (await s.text('[data-save-state]')) === 'All changes saved', 'the form to save');
    const saved = await s.script('return window.__TAURI_INTERNALS__.invoke("get_school")');
    assert.deepEqual([saved.nation, saved.urn, saved.awardLevel, saved.frameworkId], ['Ireland', '12345A', 'Champion', 'ie-window']);
  } finally {
    await s.close();
  }
});
