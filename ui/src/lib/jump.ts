// Going from one screen to a place on another: the Journey screen's "Go to the account" opens the
// Audit screen at that criterion's account. The frame listens for the event and shows the screen;
// the screen, once drawn, takes the place it should show.
let pending: string | null = null;

export const NAVIGATE = 'sanctuary-navigate';

/** Shows screen `view` and, once it is drawn, the element with id `elementId`. */
export function jumpTo(view: string, elementId: string) {
  pending = elementId;
  window.dispatchEvent(new CustomEvent(NAVIGATE, { detail: view }));
}

/** The element a screen was opened to show, once; null when it was opened from the navigation. */
export function takeJump(): string | null {
  const p = pending;
  pending = null;
  return p;
}
