// Libraries of many photos for the library test and benchmark, made the way a school would: files
// in a folder, added through the real CLI (`sanctuary evidence add`). The pictures are small drawn
// gradients (no people); each file differs from the others by a JPEG comment, so every one is a
// new item rather than a duplicate, and they are named like a phone's: "IMG 0000.jpg", ...
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from './driver.mjs';

export const cliBinary = process.env.E2E_CLI ?? join(repo, 'target', 'debug', 'sanctuary');

/** The title (and file name without .jpg) of photo `i`. */
export const photoTitle = (i) => `IMG ${String(i).padStart(4, '0')}`;

/** Writes `n` distinct small JPEGs into `dir`. */
export function drawPhotos(dir, n) {
  mkdirSync(dir, { recursive: true });
  const colours = ['#1f5f5b-#e0a43a', '#204060-#e0c080', '#6a2c70-#f08a5d', '#2d4059-#ffd460', '#3f72af-#dbe2ef', '#5c8d89-#f9f8eb'];
  const bases = colours.map((c, k) => {
    const f = join(dir, `base-${k}.jpg`);
    execFileSync('convert', ['-size', '320x240', `gradient:${c}`, '-quality', '80', f]);
    const bytes = readFileSync(f);
    rmSync(f);
    return bytes;
  });
  for (let i = 0; i < n; i++) {
    const base = bases[i % bases.length];
    const note = Buffer.from(`drawn test picture ${i}`);
    const segment = Buffer.concat([Buffer.from([0xff, 0xfe, (note.length + 2) >> 8, (note.length + 2) & 0xff]), note]);
    writeFileSync(join(dir, `${photoTitle(i)}.jpg`), Buffer.concat([base.subarray(0, 2), segment, base.subarray(2)]));
  }
}

/** A data folder holding `n` photos added through the CLI, with consent recorded. */
export function makeLibrary(dataDir, n) {
  const photos = join(dataDir, '..', `photos-${n}-${process.pid}`);
  drawPhotos(photos, n);
  execFileSync(cliBinary, ['--data-dir', dataDir, 'evidence', 'add', '--consent', 'given', photos], { stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(photos, { recursive: true, force: true });
}
