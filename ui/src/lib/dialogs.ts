// The native open and save dialogs, with one seam for the end-to-end tests.
//
// WebDriver cannot drive a GTK or Windows file dialog, and Tauri's IPC object in the page cannot be
// replaced from a test script (its properties are read-only). So a test may set
// `window.__sanctuaryDialogAnswer` to the path the next dialog should answer; it is used once and
// cleared. Nothing in the app sets it, and the content security policy keeps other scripts out.
import { open as nativeOpen, save as nativeSave } from '@tauri-apps/plugin-dialog';

type Answer = string | string[] | null;

function takeTestAnswer(): Answer | undefined {
  const w = window as unknown as { __sanctuaryDialogAnswer?: Answer };
  if (!('__sanctuaryDialogAnswer' in w)) return undefined;
  const answer = w.__sanctuaryDialogAnswer;
  delete w.__sanctuaryDialogAnswer;
  return answer;
}

export const save: typeof nativeSave = async (options) => {
  const answer = takeTestAnswer();
  if (answer !== undefined) return Array.isArray(answer) ? (answer[0] ?? null) : answer;
  return nativeSave(options);
};

export const open = (async (options?: Parameters<typeof nativeOpen>[0]) => {
  const answer = takeTestAnswer();
  if (answer !== undefined) {
    if (answer === null) return null;
    const list = Array.isArray(answer) ? answer : [answer];
    return options?.multiple ? list : (list[0] ?? null);
  }
  return nativeOpen(options);
}) as typeof nativeOpen;
