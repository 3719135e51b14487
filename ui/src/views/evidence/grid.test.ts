import { describe, expect, it } from 'vitest';
import { columnsFor, moveFocus, scrollToShow, visibleRows } from './grid';

describe('the virtual grid', () => {
  it('puts only the rows near the view in the page', () => {
    // 2,000 rows of 220 px, a 600 px box scrolled to row 100.
    expect(visibleRows(22000, 600, 220, 2000, 2)).toEqual({ first: 98, last: 105 });
    expect(visibleRows(0, 600, 220, 2000, 2)).toEqual({ first: 0, last: 5 });
    expect(visibleRows(0, 600, 220, 3, 2)).toEqual({ first: 0, last: 2 });
    expect(visibleRows(1e9, 600, 220, 10, 2)).toEqual({ first: 9, last: 9 });
    expect(visibleRows(0, 600, 220, 0, 2)).toEqual({ first: 0, last: -1 });
  });
  it('fits as many 10rem tiles across as the width allows', () => {
    expect(columnsFor(900, 160, 12)).toBe(5);
    expect(columnsFor(100, 160, 12)).toBe(1);
  });
  it('moves the focus by tile, by row and to the ends', () => {
    expect(moveFocus('ArrowRight', 3, 5, 12, 3)).toBe(4);
    expect(moveFocus('ArrowLeft', 0, 5, 12, 3)).toBe(0);
    expect(moveFocus('ArrowRight', 11, 5, 12, 3)).toBe(11);
    expect(moveFocus('ArrowDown', 3, 5, 12, 3)).toBe(8);
    expect(moveFocus('ArrowDown', 8, 5, 12, 3)).toBe(11);
    expect(moveFocus('ArrowUp', 8, 5, 12, 3)).toBe(3);
    expect(moveFocus('ArrowUp', 3, 5, 12, 3)).toBe(3);
    expect(moveFocus('Home', 7, 5, 12, 3)).toBe(0);
    expect(moveFocus('End', 0, 5, 12, 3)).toBe(11);
    expect(moveFocus('PageDown', 0, 5, 1000, 3)).toBe(15);
    expect(moveFocus('PageUp', 7, 5, 1000, 3)).toBe(0);
    expect(moveFocus('Enter', 7, 5, 12, 3)).toBeNull();
    expect(moveFocus('ArrowDown', 0, 5, 0, 3)).toBeNull();
  });
  it('scrolls only as far as needed to show a row', () => {
    expect(scrollToShow(0, 220, 500, 600)).toBe(0);
    expect(scrollToShow(3, 220, 0, 600)).toBe(280);
    expect(scrollToShow(1, 220, 0, 600)).toBe(0);
  });
});
