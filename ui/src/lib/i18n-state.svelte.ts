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

/** The words of the award the school works to, as its framework file gives them (see `vocabulary`
 *  in i18n.ts). Until the framework is known they are the Schools of Sanctuary words. */
export interface AwardWords {
  name: string; nameCy?: string;
  /** `schools` for a Schools of Sanctuary framework, whose head's title follows the nation. */
  stream?: string;
  award: string; awardCy?: string;
  organisation: string; organisationCy?: string;
  /** Welsh "the organisation" where the noun mutates after the article ("y brifysgol"). */
  theOrganisationCy?: string;
  learners: string; learnersCy?: string;
  head: string; headCy?: string;
  strands: { name: string; nameCy?: string }[];
  /** Levels of the award one may apply for, and the nations the framework serves (empty: the UK's four). */
  awardLevels?: string[]; awardLevelsCy?: string[];
  nations?: string[];
}

export const awardWords = $state<{ current: AwardWords }>({
  current: {
    name: 'Schools of Sanctuary', nameCy: 'Ysgolion Noddfa', stream: 'schools',
    award: 'School of Sanctuary', awardCy: 'Ysgol Noddfa',
    organisation: 'school', organisationCy: 'ysgol',
    learners: 'pupils', learnersCy: 'disgyblion',
    head: 'headteacher', headCy: 'pennaeth',
    strands: [{ name: 'Learn', nameCy: 'Dysgu' }, { name: 'Embed', nameCy: 'Ymgorffori' }, { name: 'Share', nameCy: 'Rhannu' }],
  },
});
