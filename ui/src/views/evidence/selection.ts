// Choosing several tiles, kept apart from the grid so it can be tested: a click chooses one tile,
// Ctrl (or ⌘) + click adds or removes one, Shift + click chooses the run from the last tile clicked,
// and Space on a tile adds or removes it. Ids are kept, not positions, so a reload or a filter keeps
// what was chosen.

/** How a tile was picked. */
export type PickMode = 'single' | 'toggle' | 'range';

/** What is chosen, and the tile a Shift + click runs from. */
export interface Choice {
  ids: ReadonlySet<string>;
  anchor: string | null;
}

export const noChoice = (): Choice => ({ ids: new Set(), anchor: null });

/** The mode of a mouse click from its keys. */
export function modeOf(e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): PickMode {
  return e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'single';
}

/** The choice after picking the tile `id`, which stands among `order` (the tiles shown, in order). */
export function pick(choice: Choice, order: readonly string[], id: string, mode: PickMode): Choice {
  if (mode === 'single') return { ids: new Set([id]), anchor: id };
  if (mode === 'toggle') {
    const ids = new Set(choice.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  const from = choice.anchor === null ? -1 : order.indexOf(choice.anchor);
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return { ids: new Set([id]), anchor: id };
  const [a, b] = from <= to ? [from, to] : [to, from];
  // The run is added to what was chosen with Ctrl before, as file managers do.
  const ids = new Set(choice.ids);
  for (const x of order.slice(a, b + 1)) ids.add(x);
  return { ids, anchor: choice.anchor };
}

/** Every tile shown, chosen. */
export function all(order: readonly string[]): Choice {
  return { ids: new Set(order), anchor: order[0] ?? null };
}

/** The chosen ids among `order`, in its order (what a bulk edit numbers by). */
export function inOrder(choice: Choice, order: readonly string[]): string[] {
  return order.filter((id) => choice.ids.has(id));
}
