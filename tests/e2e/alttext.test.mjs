// Descriptions for screen readers and quote languages, in the real window: a description typed in a
// photo's details is stored, a quote's language is chosen from the list (and set back to "detect
// from the writing"), and both are there after a restart.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Driver, newDataDir, repo } from './driver.mjs';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

const shots = join(repo, 'tests', 'e2e', 'screenshots');

/** Calls a backend command from the page, as the window's api.ts does. */
async function invoke(s, command, args = {}) {
  const r = await s.inPage('return await window.__TAURI_INTERNALS__.invoke(args[0], args[1]);', [command, args]);
  assert.ok(r.ok, `${command}: ${r.error}`);
  return r.value;
}

/** Sets a <select> the way a person's choice does (Svelte's bind listens to these). */
const choose = (s, css, value) =>
  s.script(
    `const el = document.querySelector(arguments[0]); el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [css, value],
  );

const DESCRIPTION = 'Pupils painting a welcome banner in six languages for the school gate';

test('a description for screen readers and a quote language are typed in the details and stored', async () => {
  const dir = newDataDir();
  let s = await driver.open(dir);
  let photo;
  let quote;
  try {
    await s.loadDemo();
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('.tile[data-evidence]'), 'the library');
    const items = await invoke(s, 'list_evidence', { filter: {} });
    photo = items.find((i) => i.kind === 'photo');
    quote = items.find((i) => i.kind === 'quote');
    assert.ok(photo && quote, 'the demo has a photo and a quote');
    assert.equal(photo.altText, '', 'no description yet');

    // A photo: the description field, with its hint tied to it, and no language choice.
    await s.click(`.tile[data-evidence="${photo.id}"]`);
    await s.waitFor(() => s.exists('#d-alt'), 'the description field');
    assert.equal(await s.script('return document.getElementById("d-alt").getAttribute("aria-describedby")'), 'd-alt-hint');
    assert.match(await s.text('label[for="d-alt"]'), /Description for screen readers/);
    assert.ok(!(await s.exists('#d-lang')), 'only a quote has a language');
    await s.type('#d-alt', DESCRIPTION);
    await s.waitFor(
      async () => (await invoke(s, 'list_evidence', { filter: {} })).find((i) => i.id === photo.id).altText === DESCRIPTION,
      'the description to be saved',
    );
    await s.script('document.getElementById("d-alt").scrollIntoView({ block: "center" })');
    await s.screenshot(join(shots, 'alttext-photo.png'));

    // A quote: the language choice, detect first; choosing Ukrainian stores `uk`.
    await s.click(`.tile[data-evidence="${quote.id}"]`);
    await s.waitFor(() => s.exists('#d-lang'), 'the quote language');
    assert.equal(await s.value('#d-lang'), '', 'detect from the writing until chosen');
    const first = await s.script('return document.querySelector("#d-lang option").textContent');
    assert.equal(first, 'Detect from the writing');
    const options = await s.script('return [...document.querySelectorAll("#d-lang option")].map((o) => o.value)');
    for (const tag of ['ar', 'fa', 'ps', 'ti', 'uk', 'pl']) assert.ok(options.includes(tag), `${tag} is offered`);
    await choose(s, '#d-lang', 'uk');
    await s.waitFor(
      async () => (await invoke(s, 'list_evidence', { filter: {} })).find((i) => i.id === quote.id).lang === 'uk',
      'the language to be saved',
    );
    await s.script('document.getElementById("d-lang").scrollIntoView({ block: "center" })');
    await s.screenshot(join(shots, 'alttext-quote.png'));
  } finally {
    await s.close();
  }

  // After a restart both are there, in the store and in the fields.
  s = await driver.open(dir);
  try {
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists(`.tile[data-evidence="${photo.id}"]`), 'the library');
    await s.click(`.tile[data-evidence="${photo.id}"]`);
    await s.waitFor(() => s.exists('#d-alt'), 'the description field');
    assert.equal(await s.value('#d-alt'), DESCRIPTION);
    await s.click(`.tile[data-evidence="${quote.id}"]`);
    await s.waitFor(() => s.exists('#d-lang'), 'the quote language');
    assert.equal(await s.value('#d-lang'), 'uk');
    // Back to detecting from the writing.
    await choose(s, '#d-lang', '');
    await s.waitFor(
      async () => (await invoke(s, 'list_evidence', { filter: {} })).find((i) => i.id === quote.id).lang === '',
      'detect from the writing to be saved',
    );
  } finally {
    await s.close();
  }
});
