// Forms whose fields save one by one: each field's change is saved on its own, merged onto the
// record as last stored, so one field the core refuses (a URN with a digit too many) never stops the
// others saving. The refused field's text is kept as a draft in the data folder (with the refusal, so
// it can be worded again after a restart) and shown by its field until a save of it goes through.
//
// Saves of one form run one at a time, in the order the fields changed; a field changed again while
// waiting is saved once, with its latest text. Not for: wording (screens word a refusal with t()),
// nor the backend calls themselves (passed in, so this is tested without a window).
import type { SaveState } from './autosave';
import type { Params } from './i18n';

/** Why a field's text was not saved: a rule's code and the values its wording fills in. */
export interface Refusal {
  code: string;
  params: Params;
}

/** A field's key and kept text, as the data folder holds it (the contract's FieldDraft). */
export interface KeptDraft {
  screen: string;
  record: string;
  field: string;
  text: string;
  base: string;
  code: string;
  params: Record<string, string | number>;
  updatedAt?: string;
}

/** Where drafts are kept (the backend's put_draft / clear_draft). */
export interface DraftStore {
  put(d: KeptDraft): Promise<unknown>;
  clear(key: { screen: string; record: string; field: string }): Promise<unknown>;
}

/** One field as the screen shows it. */
export interface FieldState {
  state: SaveState;
  /** Set while the field's text is a draft, not saved. */
  refusal: Refusal | null;
}

export interface FieldFormOptions<R> {
  screen: string;
  record: string;
  /** The record as stored when the screen opened. */
  stored: R;
  /** Saves the whole record with one field changed; resolves to the record as stored. */
  save: (next: R, field: string) => Promise<R>;
  drafts: DraftStore;
  /** The refusal in a failed save, or null for a failure that is not about the text (a full disk). */
  refusal: (e: unknown) => Refusal | null;
  /** How a stored value is written in its field (for a draft's base); defaults to String(v ?? ''). */
  shown?: (field: string, value: unknown) => string;
  onState?: (field: string, s: FieldState) => void;
  /** Called after every save that went through (e.g. to refresh words that depend on it). */
  afterSave?: (stored: R, field: string) => void;
  delayMs?: number;
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
}

export interface FieldForm<R> {
  /** `field` now reads `text`, which stands for `value` in the record; it is saved after a pause. */
  change(field: string, text: string, value: unknown): void;
  /** `field` reads `text`, which cannot be a value at all (a date that does not exist): kept as a draft. */
  refuse(field: string, text: string, refusal: Refusal): void;
  /** Saves (or keeps as drafts) everything changed, now. */
  flush(): Promise<void>;
  /** The record as last stored. */
  stored(): R;
  /** Fields whose text is not saved: waiting, refused (a draft), or failed. */
  unsaved(): string[];
  /** Takes the drafts kept for this record: those still over the stored value are returned by field
   *  (to show their text and message); stale ones (the value changed since) are forgotten. */
  adopt(kept: KeptDraft[]): Promise<Record<string, KeptDraft>>;
}

type Pending = { text: string; value: unknown } | { text: string; refusal: Refusal };

export function fieldForm<R extends object>(opts: FieldFormOptions<R>): FieldForm<R> {
  const delay = opts.delayMs ?? 400;
  const timers = opts.timers ?? {
    set: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const shown = opts.shown ?? ((_f: string, v: unknown) => (v === null || v === undefined ? '' : String(v)));
  const report = opts.onState ?? (() => {});
  let stored = opts.stored;
  const pending = new Map<string, Pending>();
  const drafted = new Set<string>();
  const failed = new Set<string>();
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  const key = (field: string) => ({ screen: opts.screen, record: opts.record, field });

  async function keep(field: string, text: string, refusal: Refusal) {
    drafted.add(field);
    report(field, { state: 'error', refusal });
    const base = shown(field, (stored as Record<string, unknown>)[field]);
    await opts.drafts.put({ ...key(field), text, base, code: refusal.code, params: refusal.params as KeptDraft['params'] });
  }

  async function one(field: string, p: Pending) {
    if ('refusal' in p) {
      failed.delete(field);
      await keep(field, p.text, p.refusal);
      return;
    }
    report(field, { state: 'saving', refusal: null });
    try {
      stored = await opts.save({ ...stored, [field]: p.value }, field);
    } catch (e) {
      const r = opts.refusal(e);
      if (r) {
        failed.delete(field);
        await keep(field, p.text, r);
      } else {
        failed.add(field);
        report(field, { state: 'error', refusal: null });
      }
      return;
    }
    failed.delete(field);
    if (drafted.has(field)) {
      drafted.delete(field);
      await opts.drafts.clear(key(field));
    }
    // A newer text typed meanwhile is saved next; until then the field is not "saved".
    if (!pending.has(field)) report(field, { state: 'saved', refusal: null });
    opts.afterSave?.(stored, field);
  }

  async function drain() {
    while (pending.size) {
      const [field, p] = pending.entries().next().value as [string, Pending];
      pending.delete(field);
      try {
        await one(field, p);
      } catch {
        // Keeping the draft failed too (the backend is gone): the field stays listed as unsaved.
        failed.add(field);
        report(field, { state: 'error', refusal: null });
      }
    }
  }

  function start(): Promise<void> {
    running ??= drain().finally(() => {
      running = null;
    });
    return running;
  }

  function queue(field: string, p: Pending) {
    pending.set(field, p);
    report(field, { state: 'pending', refusal: null });
    if (timer !== null) timers.clear(timer);
    timer = timers.set(() => {
      timer = null;
      void start();
    }, delay);
  }

  return {
    change: (field, text, value) => queue(field, { text, value }),
    refuse: (field, text, refusal) => queue(field, { text, refusal }),
    async flush() {
      if (timer !== null) {
        timers.clear(timer);
        timer = null;
      }
      while (pending.size || running) await start();
    },
    stored: () => stored,
    unsaved: () => [...new Set([...pending.keys(), ...drafted, ...failed])],
    async adopt(kept) {
      const live: Record<string, KeptDraft> = {};
      for (const d of kept) {
        if (d.screen !== opts.screen || d.record !== opts.record) continue;
        if (d.base === shown(d.field, (stored as Record<string, unknown>)[d.field])) {
          live[d.field] = d;
          drafted.add(d.field);
          report(d.field, { state: 'error', refusal: { code: d.code, params: d.params } });
        } else {
          await opts.drafts.clear(key(d.field));
        }
      }
      return live;
    },
  };
}
