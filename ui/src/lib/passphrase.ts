// A plain strength hint for a new passphrase, from its length and the kinds of character in it. It is
// a hint for a person choosing one, not a measure of security: a few unrelated words beat a short
// jumble, and the backend only insists on the minimum length.

/** The shortest passphrase the backend accepts for protecting a file (bundle::sealed::MIN_PASSPHRASE_CHARS). */
export const MIN_PASSPHRASE_CHARS = 8;

export type Strength = 'empty' | 'tooShort' | 'weak' | 'fair' | 'strong';

export function strength(text: string): Strength {
  const chars = [...text];
  if (chars.length === 0) return 'empty';
  if (chars.length < MIN_PASSPHRASE_CHARS || text.trim() === '') return 'tooShort';
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(text)).length;
  const distinct = new Set(chars.map((c) => c.toLowerCase())).size;
  if (distinct < 5) return 'weak';
  const score = chars.length + 3 * (kinds - 1);
  if (score < 14) return 'weak';
  if (score < 20) return 'fair';
  return 'strong';
}

/** True when a new passphrase may be used: long enough, and typed the same twice. */
export function usable(first: string, second: string): boolean {
  const s = strength(first);
  return s !== 'empty' && s !== 'tooShort' && first === second;
}
