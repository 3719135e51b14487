// Autosave for forms: saves shortly after the user stops typing, never runs two saves at once, and
// always ends with the latest value saved (a change made while a save is running is saved next).

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface Autosaver<T> {
  /** Records a new value; it is saved after `delayMs` of quiet. */
  change(value: T): void;
  /** Saves any pending value now (e.g. when leaving the screen). */
  flush(): Promise<void>;
}

export interface AutosaveOptions<T> {
  save: (value: T) => Promise<unknown>;
  delayMs?: number;
  onState?: (state: SaveState, error?: unknown) => void;
  /** Injected for tests; defaults to the real timers. */
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
}

export function autosaver<T>(opts: AutosaveOptions<T>): Autosaver<T> {
  const delay = opts.delayMs ?? 400;
  const timers = opts.timers ?? {
    set: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const report = opts.onState ?? (() => {});
  let pending: { value: T } | null = null;
  let timer: unknown = null;
  let running: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (pending) {
      const { value } = pending;
      pending = null;
      report('saving');
      try {
        await opts.save(value);
        if (!pending) report('saved');
      } catch (e) {
        report('error', e);
        return;
      }
    }
  }

  function start(): Promise<void> {
    if (!running) {
      running = drain().finally(() => {
        running = null;
      });
    }
    return running;
  }

  return {
    change(value: T) {
      pending = { value };
      report('pending');
      if (timer !== null) timers.clear(timer);
      timer = timers.set(() => {
        timer = null;
        void start();
      }, delay);
    },
    async flush() {
      if (timer !== null) {
        timers.clear(timer);
        timer = null;
      }
      while (pending || running) {
        await start();
        if (running) await running;
      }
    },
  };
}
