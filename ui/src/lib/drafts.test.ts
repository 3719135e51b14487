// Forms whose fields save one by one: a refused field becomes a draft and the others keep saving.
import { describe, expect, it } from 'vitest';
import { fieldForm, type FieldState, type KeptDraft } from './drafts';

type Rec = { urn: string; head: string; due: string | null };

class Refused extends Error {
  constructor(public code: string, public params: Record<string, string | number>) {
    super(code);
  }
}

function harness(start: Rec = { urn: '', head: '', due: null }) {
  const db: { rec: Rec; drafts: Map<string, KeptDraft>; saves: string[] } = { rec: { ...start }, drafts: new Map(), saves: [] };
  const states: Record<string, FieldState> = {};
  const form = fieldForm<Rec>({
    screen: 'school',
    record: '',
    stored: { ...start },
    delayMs: 0,
    save: async (next, field) => {
      db.saves.push(field);
      // The "core": a URN is six digits or nothing, and the whole record is checked.
      if (next.urn && !/^\d{6}$/.test(next.urn)) throw new Refused('school_identifier', { value: next.urn });
      db.rec = { ...next };
      return { ...next };
    },
    drafts: {
      put: async (d) => void db.drafts.set(d.field, d),
      clear: async (k) => void db.drafts.delete(k.field),
    },
    refusal: (e) => (e instanceof Refused ? { code: e.code, params: e.params } : null),
    onState: (f, s) => (states[f] = s),
  });
  return { db, form, states };
}

describe('fieldForm', () => {
  it('keeps saving the other fields while one is refused', async () => {
    const { db, form, states } = harness();
    form.change('urn', '1234567', '1234567');
    await form.flush();
    form.change('head', 'Ms Begum', 'Ms Begum');
    await form.flush();
    expect(db.rec).toEqual({ urn: '', head: 'Ms Begum', due: null });
    expect(db.drafts.get('urn')).toMatchObject({ screen: 'school', record: '', field: 'urn', text: '1234567', base: '', code: 'school_identifier' });
    expect(states.urn).toEqual({ state: 'error', refusal: { code: 'school_identifier', params: { value: '1234567' } } });
    expect(states.head.state).toBe('saved');
    expect(form.unsaved()).toEqual(['urn']);
  });

  it('forgets the draft once the field saves, and only then', async () => {
    const { db, form, states } = harness();
    form.change('urn', '12345', '12345');
    await form.flush();
    expect(db.drafts.has('urn')).toBe(true);
    form.change('urn', '123456', '123456');
    await form.flush();
    expect(db.drafts.has('urn')).toBe(false);
    expect(db.rec.urn).toBe('123456');
    expect(states.urn).toEqual({ state: 'saved', refusal: null });
    expect(form.unsaved()).toEqual([]);
  });

  it('keeps text that cannot be a value (a date that does not exist) without trying to save it', async () => {
    const { db, form } = harness();
    form.refuse('due', '31/02/2027', { code: 'date_not_valid', params: { value: '31/02/2027' } });
    await form.flush();
    expect(db.saves).toEqual([]);
    expect(db.drafts.get('due')).toMatchObject({ text: '31/02/2027', code: 'date_not_valid' });
    form.change('due', '28/02/2027', '2027-02-28');
    await form.flush();
    expect(db.rec.due).toBe('2027-02-28');
    expect(db.drafts.size).toBe(0);
  });

  it('saves a burst of typing once, with the last text, one field after another', async () => {
    const timers: (() => void)[] = [];
    const { db } = harness();
    const saves: Rec[] = [];
    const form = fieldForm<Rec>({
      screen: 's', record: 'r', stored: { urn: '', head: '', due: null },
      save: async (next) => (saves.push(next), next),
      drafts: { put: async () => {}, clear: async () => {} },
      refusal: () => null,
      timers: { set: (fn) => timers.push(fn), clear: () => {} },
    });
    form.change('head', 'M', 'M');
    form.change('head', 'Ms B', 'Ms B');
    form.change('urn', '123456', '123456');
    expect(form.unsaved().sort()).toEqual(['head', 'urn']);
    await form.flush();
    // Each save carries the previous one's result: nothing typed is overwritten by an older copy.
    expect(saves).toEqual([{ urn: '', head: 'Ms B', due: null }, { urn: '123456', head: 'Ms B', due: null }]);
    expect(db.saves).toEqual([]);
  });

  it('lists a field whose save failed for another reason as unsaved, with no draft', async () => {
    const form = fieldForm<Rec>({
      screen: 's', record: '', stored: { urn: '', head: '', due: null }, delayMs: 0,
      save: async () => { throw new Error('disk full'); },
      drafts: { put: async () => { throw new Error('should not be called'); }, clear: async () => {} },
      refusal: () => null,
    });
    form.change('head', 'Ms B', 'Ms B');
    await form.flush();
    expect(form.unsaved()).toEqual(['head']);
  });

  it('adopts the drafts kept over the stored value and forgets stale ones', async () => {
    const { db, form, states } = harness({ urn: '654321', head: '', due: null });
    const kept = (field: string, text: string, base: string): KeptDraft => ({ screen: 'school', record: '', field, text, base, code: 'school_identifier', params: {} });
    db.drafts.set('urn', kept('urn', '1234567', '654321'));
    db.drafts.set('head', kept('head', 'x', 'someone else'));
    const live = await form.adopt([...db.drafts.values(), { ...kept('urn', 'other record', ''), record: 'r2' }]);
    expect(Object.keys(live)).toEqual(['urn']);
    expect(live.urn.text).toBe('1234567');
    expect(states.urn.refusal?.code).toBe('school_identifier');
    expect([...db.drafts.keys()]).toEqual(['urn']);
    expect(form.unsaved()).toEqual(['urn']);
  });
});
