// What the window holds that is not saved yet, across screens: each open form registers itself, so
// that closing the window can first save what can be saved and then name what cannot (the fields
// kept as drafts, and any whose save failed). Not for: saving itself (see drafts.ts, autosave.ts).

/** One open form: how to save what it holds, and the names of its fields that are still unsaved. */
export interface UnsavedSource {
  /** The screen it is on (as drafts name it: `school`, `journey`…). */
  screen: string;
  flush(): Promise<void>;
  unsaved(): string[];
}

const sources = new Set<UnsavedSource>();

/** Registers an open form; call the returned function when the form closes. */
export function track(source: UnsavedSource): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

/** Saves everything every open form holds; a failure of one does not stop the others. */
export async function flushAll(): Promise<void> {
  await Promise.allSettled([...sources].map((s) => s.flush()));
}

/** The unsaved fields' names over every open form, each once, in the order the forms opened. */
export function unsavedNow(): string[] {
  return [...new Set([...sources].flatMap((s) => s.unsaved()))];
}

/** The screens with a form open now. */
export function openScreens(): Set<string> {
  return new Set([...sources].map((s) => s.screen));
}

/**
 * What the close question names: the open forms' unsaved fields and, for drafts kept by screens
 * that are not open, `elsewhere` (each worded by the caller, e.g. "Journey: Pledge date").
 */
export function unsavedToName(elsewhere: string[]): string[] {
  return [...new Set([...unsavedNow(), ...elsewhere])];
}
