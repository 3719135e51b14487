import { describe, expect, it } from 'vitest';
import { all, inOrder, modeOf, noChoice, pick } from './selection';

const order = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('choosing tiles', () => {
  it('a click chooses one tile, Ctrl + click adds and removes', () => {
    let c = pick(noChoice(), order, 'b', 'single');
    expect([...c.ids]).toEqual(['b']);
    c = pick(c, order, 'e', 'toggle');
    expect(inOrder(c, order)).toEqual(['b', 'e']);
    c = pick(c, order, 'b', 'toggle');
    expect(inOrder(c, order)).toEqual(['e']);
    c = pick(c, order, 'a', 'single');
    expect(inOrder(c, order)).toEqual(['a']);
  });
  it('Shift + click chooses the run from the last tile clicked, either way', () => {
    let c = pick(noChoice(), order, 'b', 'single');
    c = pick(c, order, 'e', 'range');
    expect(inOrder(c, order)).toEqual(['b', 'c', 'd', 'e']);
    c = pick(pick(noChoice(), order, 'e', 'single'), order, 'c', 'range');
    expect(inOrder(c, order)).toEqual(['c', 'd', 'e']);
    // Added to a Ctrl choice.
    c = pick(pick(pick(noChoice(), order, 'a', 'single'), order, 'd', 'toggle'), order, 'f', 'range');
    expect(inOrder(c, order)).toEqual(['a', 'd', 'e', 'f']);
    // Without a tile to run from, a Shift + click chooses the one tile.
    expect(inOrder(pick(noChoice(), order, 'c', 'range'), order)).toEqual(['c']);
  });
  it('reads the mode from the keys held, and chooses all shown', () => {
    expect(modeOf({ shiftKey: false, ctrlKey: false, metaKey: false })).toBe('single');
    expect(modeOf({ shiftKey: false, ctrlKey: true, metaKey: false })).toBe('toggle');
    expect(modeOf({ shiftKey: false, ctrlKey: false, metaKey: true })).toBe('toggle');
    expect(modeOf({ shiftKey: true, ctrlKey: true, metaKey: false })).toBe('range');
    expect(inOrder(all(order), ['f', 'a', 'z'])).toEqual(['f', 'a']);
  });
});
