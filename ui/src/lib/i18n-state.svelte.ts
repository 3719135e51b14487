// The chosen interface language, as reactive state: anything that reads it while rendering
// (through `t`) is drawn again when it changes. Kept apart from i18n.ts because only
// `.svelte.ts` modules may use runes.
export type Lang = 'en' | 'cy';

export const STORAGE_KEY = 'sanctuary.language';

function saved(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'cy' ? 'cy' : 'en';
  } catch {
    // Storage can be switched off; English is the default then.
    return 'en';
  }
}

export const language = $state<{ current: Lang }>({ current: saved() });
