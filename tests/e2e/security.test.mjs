// Security of the real window: the page can only call the commands the capability file grants, the
// content security policy keeps the page from loading or running anything that did not ship with
// the app, and the app's commands refuse ids and paths that would reach outside the data folder or
// the file the user chose.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, newDataDir, repo } from './driver.mjs';

let driver;
let s;
let dir;
// A server on the loopback address that counts every request reaching it. The machine may have no
// network, so a refused remote fetch proves nothing by itself; a local server that is never reached,
// together with a `securitypolicyviolation` event, shows it was the policy that said no.
const hits = [];
let server;
let origin;

before(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url);
    res.setHeader('access-control-allow-origin', '*');
    res.end(req.url.endsWith('.js') ? 'window.__fromServer = true;' : 'ok');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  // The server really answers: without the policy a request would land in `hits`.
  assert.equal(await (await fetch(`${origin}/probe`)).text(), 'ok');
  hits.length = 0;

  driver = await Driver.start();
  dir = newDataDir();
  s = await driver.open(dir);
});
after(async () => {
  await s?.close();
  await driver?.stop();
  server?.close();
});

const inPage = (body, args) => s.inPage(body, args);

const invoke = (cmd, args = {}) => inPage('return await window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]);', [cmd, args]);

test('an allowed command answers (the refusals below are not a broken bridge)', async () => {
  const r = await invoke('get_school');
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(typeof r.value.id, 'string');
});

test('commands the capability file does not grant are refused', async () => {
  // Plugins that are built in but have no permission in capabilities/default.json, plugins that are
  // not built in at all, core commands outside core:default, and a name that is no command.
  const refused = [
    ['plugin:opener|open_path', { path: '/etc/passwd' }],
    ['plugin:opener|open_url', { url: 'https://example.com' }],
    ['plugin:opener|reveal_item_in_dir', { paths: ['/etc/passwd'] }],
    ['plugin:shell|execute', { program: 'sh', args: ['-c', 'touch /tmp/sanctuary-pwned'] }],
    ['plugin:shell|spawn', { program: 'sh', args: [] }],
    ['plugin:fs|read_file', { path: '/etc/passwd' }],
    ['plugin:fs|write_file', { path: '/tmp/sanctuary-pwned' }],
    ['plugin:http|fetch', { clientConfig: { url: 'https://example.com', method: 'GET' } }],
    ['plugin:process|exit', { code: 0 }],
    ['plugin:webview|create_webview_window', { options: { label: 'evil', url: 'https://example.com' } }],
    // The window may close itself (close asks the unsaved-work question, destroy follows the answer),
    // but not change how it is shown.
    ['plugin:window|set_fullscreen', { label: 'main', value: true }],
    ['plugin:window|set_title', { label: 'main', value: 'Not Sanctuary' }],
    ['no_such_command', {}],
  ];
  for (const [cmd, args] of refused) {
    const r = await invoke(cmd, args);
    assert.equal(r.ok, false, `${cmd} should be refused, but answered ${JSON.stringify(r.value)}`);
    assert.match(r.error, /not allowed|^Command \S+ not found$/, `${cmd} was refused for the wrong reason: ${r.error}`);
  }
  assert.equal(existsSync('/tmp/sanctuary-pwned'), false);
  // The window is still there and working after all that.
  assert.equal((await invoke('get_school')).ok, true);
});

test('the content security policy blocks remote requests, injected scripts and eval', async () => {
  const r = await inPage(`
    const origin = arguments[0];
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push({ directive: e.effectiveDirective || e.violatedDirective, uri: e.blockedURI }));
    const out = {};
    const settle = (p) => p.then(() => 'loaded', (e) => 'refused: ' + e);
    out.fetchLocal = await settle(fetch(origin + '/fetch'));
    out.fetchRemote = await settle(fetch('https://example.com/'));
    out.image = await new Promise((res) => {
      const img = new Image();
      img.onload = () => res('loaded');
      img.onerror = () => res('refused');
      img.src = origin + '/image.png';
    });
    out.remoteScript = await new Promise((res) => {
      const sc = document.createElement('script');
      sc.onload = () => res('loaded');
      sc.onerror = () => res('refused');
      sc.src = origin + '/evil.js';
      document.head.appendChild(sc);
    });
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true;';
    document.head.appendChild(inline);
    // Markup with an event handler, the classic injection.
    const div = document.createElement('div');
    div.innerHTML = '<img src="data:," onerror="window.__handlerRan = true">';
    document.body.appendChild(div);
    try { out.eval = String(eval('1+1')); } catch (e) { out.eval = 'refused: ' + e.name; }
    try { out.fn = String(new Function('return 2+2')()); } catch (e) { out.fn = 'refused: ' + e.name; }
    // Violation events are queued as tasks; give them a moment to arrive.
    await new Promise((res) => setTimeout(res, 500));
    out.inlineRan = window.__inlineRan === true;
    out.handlerRan = window.__handlerRan === true;
    out.fromServer = window.__fromServer === true;
    out.violations = violations;
    return out;
  `, [origin]);
  assert.equal(r.ok, true, JSON.stringify(r));
  const v = r.value;
  const why = JSON.stringify(v, null, 1);
  assert.match(v.fetchLocal, /^refused/, why);
  assert.match(v.fetchRemote, /^refused/, why);
  assert.equal(v.image, 'refused', why);
  assert.equal(v.remoteScript, 'refused', why);
  assert.equal(v.inlineRan, false, 'an injected inline script ran');
  assert.equal(v.handlerRan, false, 'an injected event handler ran');
  assert.equal(v.fromServer, false, 'a script from another origin ran');
  assert.match(v.eval, /^refused: EvalError/, why);
  assert.match(v.fn, /^refused: EvalError/, why);
  // The policy, not the network, said no: nothing reached the local server, and the page was told why.
  assert.deepEqual(hits, [], 'the page reached the local server');
  const directives = new Set(v.violations.map((x) => x.directive));
  for (const d of ['connect-src', 'img-src', 'script-src']) {
    assert.ok([...directives].some((x) => x.startsWith(d)), `no ${d} violation reported: ${why}`);
  }
  assert.ok(v.violations.some((x) => x.uri.startsWith(origin)), why);
  assert.ok(v.violations.some((x) => x.uri.includes('example.com')), why);
});

test('the shipped policy names no remote origin, allows no eval, and the asset protocol is off', () => {
  const conf = JSON.parse(readFileSync(join(repo, 'src-tauri', 'tauri.conf.json'), 'utf8'));
  const csp = conf.app.security.csp;
  assert.equal(typeof csp, 'string');
  assert.doesNotMatch(csp, /unsafe-eval|wasm-unsafe-eval/);
  for (const source of csp.split(/[;\s]+/)) {
    // Only the app's own schemes and Tauri's local hosts; never another machine.
    if (/^https?:/.test(source)) assert.match(source, /^http:\/\/(ipc|asset|thumb)\.localhost$/, `remote source ${source}`);
    assert.notEqual(source, '*');
  }
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /object-src 'none'/);
  // Pictures come from the app itself, its thumbnail scheme (the Windows form is http://thumb.localhost),
  // or object URLs the app makes from bytes the core sent (the hide-areas view's unhidden photo);
  // never from data: URLs or another machine.
  const img = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src'));
  assert.deepEqual(img.split(/\s+/).slice(1).sort(), ["'self'", 'blob:', 'http://thumb.localhost', 'thumb:']);
  const asset = conf.app.security.assetProtocol ?? {};
  assert.ok(asset.enable !== true || (Array.isArray(asset.scope) && asset.scope.every((p) => p.includes('$APPDATA'))), 'the asset protocol is open beyond the data folder');
  assert.equal(conf.app.withGlobalTauri, false, 'the API is not put on window for any script to use');
  const cap = JSON.parse(readFileSync(join(repo, 'src-tauri', 'capabilities', 'default.json'), 'utf8'));
  for (const p of cap.permissions) {
    const id = typeof p === 'string' ? p : p.identifier;
    assert.match(id, /^(core:default|dialog:allow-(save|open|ask|message)|core:window:allow-(close|destroy))$/, `unexpected permission ${id}`);
  }
});

test('evidence ids and hashes that look like paths are refused', async () => {
  for (const id of ['../../etc/passwd', '/etc/passwd', '..', '../blobs', '%2e%2e/%2e%2e/etc/passwd']) {
    for (const cmd of ['delete_evidence', 'undo_delete_evidence']) {
      const r = await invoke(cmd, { id });
      assert.equal(r.ok, false, `${cmd}(${id}) answered ${JSON.stringify(r.value)}`);
      assert.equal(r.code, 'not_found', `${cmd}(${id}): ${r.error}`);
    }
  }
  // Editing an item cannot point it at another file: the hash is not an editable field.
  const q = await invoke('add_quote', { text: 'We feel welcome here', attribution: 'Year 5 pupil', criteria: [] });
  assert.equal(q.ok, true, JSON.stringify(q));
  const edited = await invoke('update_evidence', { item: { ...q.value, sha256: '../../../../etc/passwd', mime: 'image/png', kind: 'photo' } });
  assert.equal(edited.ok, true, JSON.stringify(edited));
  assert.equal(edited.value.sha256, null);
  assert.equal(edited.value.kind, 'quote');
});

test('opening the export takes no path: before any export it opens nothing', async () => {
  // The command opens only the file the last export wrote; a path sent along is ignored, so the page
  // cannot use it to open anything else.
  for (const cmd of ['open_export', 'reveal_export']) {
    const r = await invoke(cmd, { path: '/etc/passwd' });
    assert.equal(r.ok, false, `${cmd} answered`);
    assert.match(r.error, /no exported file/);
  }
});

const channel = `(() => '__CHANNEL__:' + window.__TAURI_INTERNALS__.transformCallback(() => {}))()`;
const withChannel = (cmd, args) =>
  inPage(`return await window.__TAURI_INTERNALS__.invoke(arguments[0], { ...arguments[1], onProgress: ${channel} });`, [cmd, args]);

test('export, backup and pack refuse an output path that is a folder, and leave the folder alone', async () => {
  const folder = join(dir, 'out.pdf');
  mkdirSync(folder);
  const request = (path) => ({ request: { path, maxMb: 20, includeWithoutConsent: false, anonymityNote: false } });
  for (const path of [folder, `${folder}/`, dir]) {
    const r = await withChannel('export_portfolio', request(path));
    assert.equal(r.ok, false, `export to ${path} answered ${JSON.stringify(r.value)}`);
  }
  assert.ok(statSync(folder).isDirectory());
  assert.deepEqual(readdirSync(folder), []);
  // A real file name next to it works, so the refusals above were about the folder.
  const ok = await withChannel('export_portfolio', request(join(dir, 'portfolio.pdf')));
  assert.equal(ok.ok, true, JSON.stringify(ok));
  assert.ok(readFileSync(join(dir, 'portfolio.pdf')).subarray(0, 5).toString() === '%PDF-');

  const backups = join(dir, 'backup.sanctuary');
  mkdirSync(backups);
  const b = await withChannel('backup_now', { path: backups, passphrase: 'a long enough passphrase' });
  assert.equal(b.ok, false, `backup into a folder answered ${JSON.stringify(b.value)}`);
  assert.deepEqual(readdirSync(backups), []);
  const c = await withChannel('export_contribution', { path: backups, by: 'Ms Jones', passphrase: 'a long enough passphrase' });
  assert.equal(c.ok, false, `pack into a folder answered ${JSON.stringify(c.value)}`);
  assert.deepEqual(readdirSync(backups), []);
});

test('reading a file that is not a framework does not echo its contents back', async () => {
  const r = await invoke('import_framework', { path: '/etc/passwd' });
  assert.equal(r.ok, false);
  const firstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0];
  assert.ok(!r.error.includes(firstLine), `the error quotes the file: ${r.error}`);
  assert.ok(!r.error.includes('root:x:'), `the error quotes the file: ${r.error}`);
});

test('the thumbnail scheme serves a thumbnail by its hash and nothing else', async () => {
  // A real photo in the library, and a real picture outside the data folder that a path could reach.
  const incoming = join(dir, 'incoming-thumb');
  mkdirSync(incoming);
  execFileSync('convert', ['-size', '320x240', 'gradient:#204060-#e0c080', join(incoming, 'Hall display.jpg')]);
  execFileSync('convert', ['-size', '64x64', 'xc:#c03030', join(dir, 'outside.jpg')]);
  const added = await withChannel('add_evidence', { request: { paths: [incoming], criteria: [], consent: 'given' } });
  assert.equal(added.ok, true, JSON.stringify(added));
  const list = await invoke('list_evidence', { filter: {} });
  const photo = list.value.find((i) => i.title === 'Hall display');
  const sha = photo.sha256;
  // Loads each URL in an <img>; true when a picture came back.
  const loads = (url) =>
    inPage(
      `return await new Promise((res) => { const i = new Image(); i.onload = () => res(i.naturalWidth > 0); i.onerror = () => res(false); i.src = arguments[0]; });`,
      [url],
    ).then((r) => r.value);
  assert.equal(await loads(`thumb://localhost/${sha}`), true, 'the thumbnail by its hash');
  // Every one of these names a real JPEG (the original, the rendition file, a picture beside the data
  // folder) by a path: a refusal is the scheme saying no, not a picture failing to decode.
  const blob = `blobs/${sha.slice(0, 2)}/${sha}`;
  for (const path of [
    `${sha}-thumb.jpg`, `renditions/${sha}-thumb.jpg`, `..%2Frenditions%2F${sha}-thumb.jpg`, `%2e%2e/${blob}`,
    `..%2F${blob}`, encodeURIComponent(join(dir, 'outside.jpg')), `..%2F..%2Foutside.jpg`, sha.toUpperCase(), `${sha}/`,
    `${sha}%2F..%2F..%2F${blob}`, `${'0'.repeat(64)}`,
  ]) {
    assert.equal(await loads(`thumb://localhost/${path}`), false, `thumb://localhost/${path} was served`);
  }
});
