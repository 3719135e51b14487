// The arithmetic of the library's virtual grid, kept apart from the component so it can be tested:
// which rows are near the visible part of the scrolling box, and where an arrow key moves the focus.

/** Which rows to put in the page: those on screen plus `overscan` either side (inclusive bounds). */
export function visibleRows(scrollTop: number, viewHeight: number, rowPitch: number, rows: number, overscan: number): { first: number; last: number } {
  if (rows <= 0) return { first: 0, last: -1 };
  const top = Math.max(0, scrollTop);
  const last = Math.min(rows - 1, Math.ceil((top + Math.max(viewHeight, rowPitch)) / rowPitch) + overscan);
  // A scroll position past the end (the list just got shorter) still shows the last row.
  const first = Math.min(last, Math.max(0, Math.floor(top / rowPitch) - overscan));
  return { first, last };
}

/** How many tiles fit across `width` pixels, at least one. */
export function columnsFor(width: number, tileMin: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (tileMin + gap)));
}

/**
 * The tile the focus moves to from `index` for `key` (arrows by one tile or one row, Home/End to
 * the ends, Page Up/Down by `pageRows` rows), or null when the key is not a move.
 */
export function moveFocus(key: string, index: number, columns: number, count: number, pageRows: number): number | null {
  if (count === 0) return null;
  const step: Record<string, number> = {
    ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns,
    PageDown: columns * Math.max(1, pageRows), PageUp: -columns * Math.max(1, pageRows),
  };
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (!(key in step)) return null;
  const next = index + step[key];
  // Down from the last full row goes to the last tile rather than nowhere; up from the top row stays.
  if (next >= count) return key === 'ArrowRight' ? index : count - 1;
  if (next < 0) return key === 'ArrowLeft' ? index : key === 'PageUp' ? 0 : index;
  return next;
}

/** The scroll position that shows row `row` whole, moving as little as possible. */
export function scrollToShow(row: number, rowPitch: number, scrollTop: number, viewHeight: number): number {
  const top = row * rowPitch;
  if (top < scrollTop) return top;
  if (top + rowPitch > scrollTop + viewHeight) return Math.max(0, top + rowPitch - viewHeight);
  return scrollTop;
}
