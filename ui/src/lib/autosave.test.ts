// The autosave queue: debounce, no overlapping saves, and the last value always wins.
import { describe, expect, it } from 'vitest';
import { autosaver, type SaveState } from './autosave';

function manualTimers() {
  const queue: { fn: () => void; ms: number; id: number }[] = [];
  let next = 1;
  return {
    set: (fn: () => void, ms: number) => {
      const id = next++;
      queue.push({ fn, ms, id });
      return id;
    },
    clear: (h: unknown) => {
      const i = queue.findIndex((t) => t.id === h);
      if (i >= 0) queue.splice(i, 1);
    },
    fire() {
      const t = queue.shift();
      t?.fn();
    },
    get size() {
      return queue.length;
    },
  };
}

describe('autosaver', () => {
  it('saves once after a burst of typing, with the last value', async () => {
    const saved: string[] = [];
    const timers = manualTimers();
    const a = autosaver<string>({ save: async (v) => void saved.push(v), timers });
    a.change('B');
    a.change('Br');
    a.change('Bro');
    expect(timers.size).toBe(1);
    timers.fire();
    await a.flush();
    expect(saved).toEqual(['Bro']);
  });

  it('never overlaps saves and saves a value typed during a slow save', async () => {
    const saved: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let release: () => void = () => {};
    const timers = manualTimers();
    const a = autosaver<string>({
      timers,
      save: (v) =>
        new Promise<void>((resolve) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          release = () => {
            inFlight--;
            saved.push(v);
            resolve();
          };
        }),
    });
    a.change('one');
    timers.fire();
    await Promise.resolve();
    a.change('two');
    timers.fire();
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await a.flush();
    expect(saved).toEqual(['one', 'two']);
    expect(maxInFlight).toBe(1);
  });

  it('reports an error and keeps the next change saveable', async () => {
    const states: SaveState[] = [];
    let fail = true;
    const timers = manualTimers();
    const a = autosaver<string>({
      timers,
      onState: (s) => states.push(s),
      save: async () => {
        if (fail) throw new Error('disk full');
      },
    });
    a.change('x');
    timers.fire();
    await a.flush();
    expect(states).toContain('error');
    fail = false;
    a.change('y');
    timers.fire();
    await a.flush();
    expect(states[states.length - 1]).toBe('saved');
  });

  it('flush saves a pending change immediately', async () => {
    const saved: string[] = [];
    const timers = manualTimers();
    const a = autosaver<string>({ save: async (v) => void saved.push(v), timers });
    a.change('leaving');
    await a.flush();
    expect(saved).toEqual(['leaving']);
    expect(timers.size).toBe(0);
  });
});
