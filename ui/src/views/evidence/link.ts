// Helpers of the "Add a web link" form. The address itself is checked by the core when the link is
// saved (http and https only); these only make the form friendlier.

/** The website's name in an address as typed or pasted ("https://www.school.org/x" → "www.school.org"). */
export function hostOf(address: string): string {
  const text = address.trim();
  if (!text) return '';
  // Typed without a scheme ("www.school.org/x") it is read as https; one with another scheme
  // ("ftp:", "javascript:") is not a web page. A colon followed by a digit is a port, not a scheme.
  const scheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text);
  for (const candidate of scheme ? [text] : [`https://${text}`]) {
    try {
      const u = new URL(candidate);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) return u.hostname;
    } catch {
      // Not an address yet (still being typed).
    }
  }
  return '';
}

/** True for text that is clearly a web address, so a paste elsewhere in the form can fill the field. */
export function looksLikeAddress(text: string): boolean {
  return /^(https?:\/\/|www\.)\S+$/i.test(text.trim());
}
