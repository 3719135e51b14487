// Accessibility of the real window: every screen passes axe-core's WCAG 2.2 A and AA rules with no
// serious or critical findings, and a coordinator who uses only the keyboard can move between
// screens, see where the focus is, and do real work.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, newDataDir, repo } from './driver.mjs';

const axeSource = readFileSync(join(repo, 'ui', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
// The screens, in navigation order, read from the same list the app builds its navigation from.
const screens = [...readFileSync(join(repo, 'ui', 'src', 'views', 'index.ts'), 'utf8').matchAll(/\{ id: '([a-z-]+)'/g)].map((m) => ({ id: m[1], label: m[1] }));

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const inPage = (s, body, args) => s.inPage(body, args);

/** Runs axe on the page as it is; returns the serious and critical violations, ready to print. */
async function axe(s) {
  if (!(await s.script('return typeof window.axe'))?.startsWith('object')) {
    await s.script(`${axeSource}\nreturn true;`);
  }
  const r = await inPage(s, `
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 6).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), why: n.failureSummary })) }));
  `);
  assert.equal(r.ok, true, `axe failed to run: ${r.error}`);
  return r.value;
}

function describe(violations) {
  return violations
    .map((v) => `\n  [${v.impact}] ${v.id}: ${v.help}` + v.nodes.map((n) => `\n    at ${n.target}\n      ${n.html}\n      ${(n.why ?? '').replace(/\n/g, '\n      ')}`).join(''))
    .join('');
}

test('every screen has no serious or critical WCAG 2.2 AA findings, empty and with the demo school', async () => {
  assert.ok(screens.length >= 9, `the screen list was not read: ${JSON.stringify(screens)}`);
  const s = await driver.open(newDataDir());
  const problems = [];
  try {
    for (const phase of ['empty', 'demo']) {
      if (phase === 'demo') {
        const r = await inPage(s, "return await window.__TAURI_INTERNALS__.invoke('load_demo', { replace: true });");
        assert.equal(r.ok, true, JSON.stringify(r));
      }
      for (const { id, label } of screens) {
        await s.click(`button[data-view="${id}"]`);
        await s.waitFor(() => s.script(`return document.querySelector('button[data-view="${id}"]').getAttribute('aria-current') === 'page' && !!document.querySelector('main h1')`), `the ${label} screen`);
        // Screens fill themselves from the backend after they mount; let that settle.
        await sleep(700);
        const v = await axe(s);
        if (v.length) problems.push(`${label} (${phase}):${describe(v)}`);
        // axe only flags repeated ids for review; a label or aria reference then names the wrong control.
        const dupes = await s.script(`const seen = new Map(); for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) ?? 0) + 1); return [...seen].filter(([, n]) => n > 1).map(([id]) => id);`);
        if (dupes.length) problems.push(`${label} (${phase}): the same id on more than one element: ${dupes.join(', ')}`);
      }
    }
  } finally {
    await s.close();
  }
  assert.equal(problems.length, 0, `accessibility problems:\n${problems.join('\n')}`);
});

const KEY = { Tab: '\uE004', Enter: '\uE007', Space: '\uE00D', Shift: '\uE008', Down: '\uE015', Up: '\uE013' };

/** Presses keys through the WebDriver actions API (real key events; nothing is clicked or set). */
async function press(s, ...keys) {
  const actions = [];
  for (const k of keys) {
    if (Array.isArray(k)) {
      // A chord, e.g. [Shift, Tab].
      for (const x of k) actions.push({ type: 'keyDown', value: x });
      for (const x of [...k].reverse()) actions.push({ type: 'keyUp', value: x });
    } else {
      actions.push({ type: 'keyDown', value: k }, { type: 'keyUp', value: k });
    }
  }
  await s.req('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  await s.req('DELETE', '/actions');
}

const typeKeys = (s, text) => press(s, ...[...text]);

/** What has the focus, and whether a sighted user can see that it has. */
function focused(s) {
  return s.script(`
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const css = getComputedStyle(el);
    const outline = css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) > 0;
    const shadow = css.boxShadow && css.boxShadow !== 'none';
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(), id: el.id, view: el.dataset.view ?? null, text: (el.textContent || '').trim().slice(0, 60),
      visible: outline || shadow, onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0,
      focusVisible: el.matches(':focus-visible'),
    };
  `);
}

/** Presses Tab once; checks the newly focused element follows the previous one in reading order and shows it has the focus. */
async function tab(s, trail, { back = false } = {}) {
  await s.script('window.__prevFocus = document.activeElement;');
  await press(s, back ? [KEY.Shift, KEY.Tab] : KEY.Tab);
  const f = await focused(s);
  assert.ok(f, `${back ? 'Shift+' : ''}Tab left the focus nowhere (after ${JSON.stringify(trail.at(-1))})`);
  assert.ok(f.visible, `the focus on ${JSON.stringify(f)} cannot be seen (no outline or shadow)`);
  assert.ok(f.onScreen, `the focused ${JSON.stringify(f)} is not on screen`);
  const inOrder = await s.script(`
    const prev = window.__prevFocus, now = document.activeElement;
    if (!prev || prev === document.body || !prev.isConnected) return true;
    // A date field takes one Tab per part (day, month, year) and stays the focused element.
    if (prev === now) return now.type === 'date';
    const after = prev.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING;
    return arguments[0] ? !after : !!after;
  `, [back]);
  assert.ok(inOrder, `focus jumped out of reading order: ${JSON.stringify(trail.at(-1))} -> ${JSON.stringify(f)}`);
  trail.push(f);
  return f;
}

/** Tabs until `match` holds for the focused element; fails after `max` presses, listing where focus went. */
async function tabTo(s, trail, match, what, max = 40) {
  for (let i = 0; i < max; i++) {
    const f = await tab(s, trail);
    if (match(f)) return f;
  }
  throw new Error(`Tab never reached ${what}; focus went: ${trail.map((f) => f.id || f.view || f.text).join(' > ')}`);
}

test('with the keyboard alone: skip link, every screen in the navigation, the school name and a new action', async () => {
  const s = await driver.open(newDataDir());
  try {
    await s.waitFor(() => s.exists('#school-name'), 'the School screen');
    const trail = [];

    // The first Tab stop is the skip link, shown on screen while it has the focus.
    let f = await tab(s, trail);
    assert.equal(f.tag, 'a');
    assert.match(f.text, /skip to main content/i);
    // Then the navigation, screen by screen, in the order it lists them.
    for (const { id } of screens) {
      f = await tab(s, trail);
      assert.equal(f.view, id, `expected the ${id} button, focus is on ${JSON.stringify(f)}`);
    }
    // And on into the screen: the first field of the School form.
    f = await tabTo(s, trail, (x) => x.id === 'school-name', 'the School name field', 5);

    // Shift+Tab goes back the same way, ending on the skip link; it goes straight to the screen.
    for (let i = 0; (await focused(s)).tag !== 'a'; i++) {
      assert.ok(i < screens.length + 4, `Shift+Tab never got back to the skip link: ${JSON.stringify(trail.slice(-6))}`);
      await tab(s, trail, { back: true });
    }
    await press(s, KEY.Enter);
    await s.waitFor(async () => (await s.script('return document.activeElement.id')) === 'main', 'the skip link to move the focus to the screen');
    f = await tab(s, trail);
    assert.equal(f.id, 'school-name', `after the skip link, Tab should reach the first field, not ${JSON.stringify(f)}`);

    await typeKeys(s, 'Ysgol y Bont');
    // The phase is a list: the arrow keys choose in it.
    f = await tab(s, trail);
    assert.equal(f.id, 'school-phase');
    const phaseBefore = await s.value('#school-phase');
    await press(s, KEY.Down);
    await s.waitFor(async () => (await s.value('#school-phase')) !== phaseBefore, 'the arrow key to change the phase');
    await s.waitFor(async () => (await s.text('[data-save-state]')) === 'All changes saved', 'the School form to save');
    const saved = (await inPage(s, "return await window.__TAURI_INTERNALS__.invoke('get_school')")).value;
    assert.equal(saved.name, 'Ysgol y Bont');
    assert.equal(saved.phase, await s.value('#school-phase'));

    // Back up into the navigation and open the Action plan with Enter.
    while ((await focused(s)).view !== 'plan') {
      await tab(s, trail, { back: true });
      assert.ok(trail.length < 200, 'Shift+Tab never reached the Action plan button');
    }
    await press(s, KEY.Enter);
    await s.waitFor(() => s.exists('#new-action'), 'the Action plan screen');
    assert.equal(await s.script(`return document.querySelector('button[data-view="plan"]').getAttribute('aria-current')`), 'page');

    // Into the form: the action, an owner, one criterion ticked with Space, then Add with Enter.
    await tabTo(s, trail, (x) => x.id === 'new-action', 'the new action field');
    await typeKeys(s, 'Welcome assembly in Arabic and Welsh');
    f = await tab(s, trail);
    assert.equal(f.id, 'new-owner');
    await typeKeys(s, 'Head of Year 3');
    f = await tabTo(s, trail, (x) => x.id === 'new-crit-1', 'the first criterion checkbox');
    await press(s, KEY.Space);
    await s.waitFor(() => s.script("return document.getElementById('new-crit-1').checked"), 'Space to tick the criterion');
    f = await tabTo(s, trail, (x) => x.id === 'add-action', 'the Add action button');
    await press(s, KEY.Enter);
    await s.waitFor(
      () => s.script('return [...document.querySelectorAll("li[data-action] strong")].some((e) => e.textContent === "Welcome assembly in Arabic and Welsh")'),
      'the new action in the plan',
    );
    const view = (await inPage(s, "return await window.__TAURI_INTERNALS__.invoke('plan_view', { byMonth: false, filter: {} })")).value;
    const actions = view.groups.flatMap((g) => g.actions);
    const added = actions.find((a) => a.action === 'Welcome assembly in Arabic and Welsh');
    assert.ok(added, `not saved: ${JSON.stringify(actions)}`);
    assert.equal(added.owner, 'Head of Year 3');
    assert.equal(added.criteria.length, 1);
  } finally {
    await s.close();
  }
});
