// Home languages typed in the window reach the portfolio intact: a Tigrinya and a Chinese quote are
// typed into the Evidence screen's quote form, shown in the library and the detail, and read back
// from the exported PDF as typed (fonts from Debian's fonts-noto-core and fonts-noto-cjk).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Driver, newDataDir, repo } from './driver.mjs';

const TIGRINYA = 'እንቋዕ ብደሓን መጻእኩም ናብ ቤት ትምህርትና';
const CHINESE = '歡迎來到我們的學校，這裡是大家的家。';

let driver;
before(async () => {
  driver = await Driver.start();
});
after(async () => {
  await driver?.stop();
});

async function addQuote(s, words, by) {
  await s.script(`document.querySelector('#quote-text').closest('details').open = true;`);
  await s.clear('#quote-text');
  await s.type('#quote-text', words);
  await s.clear('#quote-by');
  await s.type('#quote-by', by);
  await s.script(
    `const b = [...document.querySelector('#quote-text').closest('details').querySelectorAll('button')].pop(); b.click();`,
  );
  await s.waitFor(
    () => s.script(`return [...document.querySelectorAll('.quote')].some((q) => q.textContent.includes(arguments[0]));`, [words]),
    `the quote "${words}" in the library`,
  );
}

test('a Tigrinya and a Chinese quote typed in the window print in the portfolio', async () => {
  const dir = newDataDir();
  const out = join(dir, 'Portfolio.pdf');
  const s = await driver.open(dir);
  try {
    await s.loadDemo();
    await s.click('button[data-view="evidence"]');
    await s.waitFor(() => s.exists('#quote-text'), 'the evidence screen');
    await addQuote(s, TIGRINYA, 'A parent');
    await addQuote(s, CHINESE, 'Year 6 pupil');
    // Open the Chinese quote's detail and look at both as the coordinator sees them.
    await s.script(
      `const q = [...document.querySelectorAll('.quote')].find((q) => q.textContent.includes(arguments[0])); q.closest('button').click();`,
      [CHINESE],
    );
    await s.waitFor(() => s.exists('#detail-h'), 'the evidence detail');
    // The library's tiles show both quotes in their scripts, with the detail's title below them.
    await s.script(
      `[...document.querySelectorAll('.quote')].find((q) => q.textContent.includes(arguments[0])).scrollIntoView({ block: 'start' });`,
      [TIGRINYA],
    );
    await s.screenshot(join(repo, 'tests', 'e2e', 'screenshots', 'scripts-evidence.png'));

    // This export subsets a CJK face among its fonts: a longer wait than the default.
    await s.exportPortfolio(out, 90000);
  } finally {
    await s.close();
  }
  const text = execFileSync('pdftotext', [out, '-']).toString().split(/\s+/).join(' ');
  assert.ok(text.includes(TIGRINYA), `the Tigrinya quote is not in the PDF as typed:\n${text}`);
  // Chinese lines wrap without spaces, so compare with whitespace removed.
  assert.ok(text.replace(/ /g, '').includes(CHINESE), `the Chinese quote is not in the PDF as typed:\n${text}`);
  const fonts = execFileSync('pdffonts', [out]).toString();
  assert.match(fonts, /NotoSansEthiopic/);
  assert.match(fonts, /NotoSansCJK/);
});
