// The one place the window talks to the backend. Every call goes through `call`, typed by the
// generated contract (./contract.ts, made from the Rust types and command signatures, so a command's
// name, arguments and result cannot drift from the backend), and turns the backend's `{code, message}`
// errors into ApiError so screens can show the message as it is. This file keeps only what generation
// cannot do: friendly function names, progress channels, and the thumbnail address.
import { invoke, Channel, convertFileSrc, type InvokeArgs } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type { Commands } from './contract';
import { hasText, t, useAwardWords, type Params } from './i18n';

import type {
  ActionDraft,
  ActionStatus,
  AddRequest,
  AuditPatch,
  Choice,
  CommitmentDraft,
  Consent,
  DraftKey,
  FieldDraft,
  CommentKind,
  DraftChoice,
  EvidenceBulkEdit,
  EvidenceBulkUndo,
  EvidenceFilter,
  FeedbackRoundDraft,
  EvidenceItem,
  ExportRequest,
  NewLink,
  Part,
  Progress,
  Protection,
  Redaction,
  RoundKind,
  School,
  ShareChoices,
  ShareRequest,
  WireError,
} from './contract';
// Every type the commands exchange, under the names the screens use.
export type * from './contract';

export class ApiError extends Error {
  constructor(public code: string, message: string, public params: Params = {}) {
    super(message);
  }
}

/**
 * What to show the coordinator for a failed call, in the window's language: the words for its code
 * (`error.<code>` in ../i18n/*.json) with its values filled in, or the core's English message for a
 * code the tables have no words for (a disk or database error, which carries the system's reason).
 */
export function errorMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  const key = `error.${e.code}`;
  return hasText(key) ? t(key, e.params) : e.message;
}

// Codes of failures that are not about what was typed (the system's, the shell's): every other code
// is a rule's refusal of a value, which a field keeps as a draft.
const NOT_RULES = new Set(['data_dir', 'database', 'sql', 'io', 'invalid', 'not_found', 'framework', 'refused', 'pdf', 'cancelled', 'passphrase_needed', 'wrong_passphrase', 'shell', 'unknown']);

/** The rule that refused a value, or null when the failure is not about the value (a full disk). */
export function refusalOf(e: unknown): { code: string; params: Params } | null {
  return e instanceof ApiError && !NOT_RULES.has(e.code) ? { code: e.code, params: e.params } : null;
}

/** The wire's `{name: value}` as the i18n module's values (absent ones left out). */
function plain(params: WireError['params'] | undefined): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

type Args<C extends keyof Commands> = Commands[C]['args'];
type Result<C extends keyof Commands> = Commands[C]['result'];

/** Calls a command; its arguments may be left out when it takes none (or only optional ones). */
export async function call<C extends keyof Commands>(command: C, ...args: Record<string, never> extends Args<C> ? [Args<C>?] : [Args<C>]): Promise<Result<C>> {
  try {
    return await invoke<Result<C>>(command, args[0] as InvokeArgs | undefined);
  } catch (e) {
    if (e && typeof e === 'object' && 'message' in e) {
      const err = e as Partial<WireError> & { message: string };
      throw new ApiError(err.code ?? 'unknown', err.message, plain(err.params));
    }
    throw new ApiError('unknown', String(e));
  }
}

/** Calls a command that reports progress on a channel (its `onProgress` argument). */
function withProgress<C extends keyof Commands>(command: C, args: Omit<Args<C>, 'onProgress'>, onProgress: (p: Progress) => void): Promise<Result<C>> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call(command, ...([{ ...args, onProgress: channel }] as unknown as [Args<C>]));
}

/** Opens the data folder (the window's first call); refused with `data_folder_in_use` while another
 * computer has it open, unless `takeOver`. Returns the warnings about where the folder is kept. */
export const openDataFolder = (takeOver = false) => call('open_data_folder', { takeOver });
/** The window's wording of a backend warning or error that arrived as data rather than as a failure. */
export const wireError = (w: WireError) => new ApiError(w.code, w.message, plain(w.params));

export const getSchool = () => call('get_school');
export const saveSchool = (school: School) => call('save_school', { school });
/** How the school's details are labelled in `nation` (the school's own nation when left out). */
export const nationWords = (nation: string | null = null) => call('nation_words', { nation });
export const listFrameworks = () => call('list_frameworks');
// Every screen that reads the framework also sets the window's words from it, so a newly chosen
// or imported framework's vocabulary shows wherever the coordinator goes next.
export const activeFramework = async () => {
  const fw = await call('active_framework');
  useAwardWords(fw);
  return fw;
};
export const overview = () => call('overview');
export const loadDemo = (replace: boolean) => call('load_demo', { replace });
/** The save dialog's suggested name for the part chosen (`word`: the application as a .docx). */
export const defaultExportName = (choice: { part: Part; word: boolean }) => call('default_export_name', choice);
export const cancelJob = () => call('cancel_job');
export const openExport = () => call('open_export');
export const revealExport = () => call('reveal_export');

export const exportPortfolio = (request: ExportRequest, onProgress: (p: Progress) => void) =>
  withProgress('export_portfolio', { request }, onProgress);


export const listEvidence = (filter: EvidenceFilter) => call('list_evidence', { filter });
/** Live items `offset..offset + limit` in exhibit order, unfiltered: the library a slice at a time. */
export const listEvidencePage = (offset: number, limit: number) => call('list_evidence_page', { offset, limit });
/** The exhibits' labels (E1, E2, …) in exhibit order, what the tiles show: all, or the first `first`. */
export const listExhibitNumbers = (first: number | null = null) => call('list_exhibit_numbers', { first });
export const addQuote = (text: string, attribution: string, criteria: string[]) =>
  call('add_quote', { text, attribution, criteria });
export const addLink = (link: NewLink) => call('add_link', { link });
export const updateEvidence = (item: EvidenceItem) => call('update_evidence', { item });
export const deleteEvidence = (id: string) => call('delete_evidence', { id });
export const undoDeleteEvidence = (id: string) => call('undo_delete_evidence', { id });
/** Many items changed in one step; the answer undoes it (`undoBulkEditEvidence`). */
export const bulkEditEvidence = (edit: EvidenceBulkEdit) => call('bulk_edit_evidence', { edit });
export const undoBulkEditEvidence = (undo: EvidenceBulkUndo) => call('undo_bulk_edit_evidence', { undo });

/**
 * Where the webview loads a photo's (or a link screenshot's) thumbnail: the app's `thumb:` scheme,
 * named by the picture's hash (`thumb://localhost/<sha>`, or `http://thumb.localhost/<sha>` on
 * Windows; Tauri knows which). `tag` (the item's thumbTag) changes whenever its hidden areas do, so a
 * picture the webview cached before areas were hidden is never shown after.
 */
export const thumbnailSrc = (sha256: string, tag = '') => convertFileSrc(sha256, 'thumb') + (tag ? `?v=${tag}` : '');

export const getRedaction = (id: string) => call('get_redaction', { id });
/** Saves the hidden areas; `consent`, when given, is saved in the same step. */
export const setRedaction = (id: string, redaction: Redaction, consent: Consent | null = null) =>
  call('set_redaction', { id, redaction, consent });
export const suggestFaces = (id: string) => call('suggest_faces', { id });
/** The photo upright with nothing hidden, as an object URL (revoke it when done). */
export async function redactionPreviewUrl(id: string): Promise<string> {
  const bytes = await call('redaction_preview', { id });
  return URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
}

// Sharing outside school: the page's preview, the kept choices, making the folder, sharing consent.
export const sharePreview = (choices: ShareChoices, languageCode: string | null = null) => call('share_preview', { choices, languageCode });
export const shareChoices = () => call('share_choices');
export const saveShareChoices = (choices: ShareChoices) => call('save_share_choices', { choices });
export const makeShareFolder = (request: ShareRequest) => call('make_share_folder', { request });
export const setShareConsent = (ids: string[], yes: boolean) => call('set_share_consent', { ids, yes });

export const addEvidence = (request: AddRequest, onProgress: (p: Progress) => void) => withProgress('add_evidence', { request }, onProgress);



// A passphrase of null means none: for a new file only when "no passphrase" is the data folder's
export const backupNow = (path: string, passphrase: string | null, p: (x: Progress) => void) =>
  withProgress('backup_now', { path, passphrase }, p);
export const backupProtection = () => call('backup_protection');
export const setBackupProtection = (choice: Protection) => call('set_backup_protection', { choice });
export const copyBackupOff = (source: string, dest: string, passphrase: string | null, p: (x: Progress) => void) =>
  withProgress('copy_backup_off', { source, dest, passphrase }, p);
export const listBackups = () => call('list_backups');
export const inspectBackup = (path: string, passphrase: string | null = null) => call('inspect_backup', { path, passphrase });
export const restoreBackup = (path: string, replace: boolean, passphrase: string | null, p: (x: Progress) => void) =>
  withProgress('restore_backup', { path, replace, passphrase }, p);
export const exportContribution = (path: string, by: string, passphrase: string | null, p: (x: Progress) => void) =>
  withProgress('export_contribution', { path, by, passphrase }, p);
export const importContribution = (path: string, passphrase: string | null, p: (x: Progress) => void) =>
  withProgress('import_contribution', { path, passphrase }, p);
export const listConflicts = () => call('list_conflicts');
export const resolveConflict = (id: string, choice: Choice) => call('resolve_conflict', { id, choice });


export const listAudit = () => call('list_audit');
export const setAudit = (key: string, patch: AuditPatch) => call('set_audit', { key, patch });
export const setNarrative = (key: string, body: string) => call('set_narrative', { key, body });

export const applicationLength = (key: string, draft: string) => call('application_length', { key, draft });

export const listExhibits = () => call('list_exhibits');

export const getLanguage = () => call('get_language');
export const saveLanguage = (code: string) => call('set_language', { code });


export const planView = (byMonth: boolean, status: ActionStatus | null, criterion: string | null = null, overdueOnly = false) =>
  call('plan_view', { byMonth, filter: { status, criterion, owner: null, overdueOnly } });
export const addAction = (draft: ActionDraft) => call('add_action', { draft });
export const updateAction = (id: string, draft: ActionDraft) => call('update_action', { id, draft });
export const setActionStatus = (id: string, status: ActionStatus) => call('set_action_status', { id, status });
export const deleteAction = (id: string) => call('delete_action', { id });
export const undoDeleteAction = (id: string) => call('undo_delete_action', { id });
export const commitmentsRegister = () => call('commitments_register');
export const addCommitment = (draft: CommitmentDraft) => call('add_commitment', { draft });
export const updateCommitment = (id: string, draft: CommitmentDraft) => call('update_commitment', { id, draft });
export const setCommitmentOutcome = (id: string, outcome: string) => call('set_commitment_outcome', { id, outcome });
export const deleteCommitment = (id: string) => call('delete_commitment', { id });
export const undoDeleteCommitment = (id: string) => call('undo_delete_commitment', { id });
export const dismissSuggestions = () => call('dismiss_suggestions');

export const readiness = () => call('readiness');


export const journeyView = () => call('journey_view');
export const setJourneyStep = (key: string, date: string | null, note: string) => call('set_journey_step', { key, date, note });
export const feedbackRounds = () => call('feedback_rounds');
export const addFeedbackRound = (draft: FeedbackRoundDraft) =>
  call('add_feedback_round', { draft });
export const addFeedbackComment = (roundId: string, criterionKey: string | null, kind: CommentKind, text: string) =>
  call('add_feedback_comment', { roundId, criterionKey, kind, text });
export const updateFeedbackRound = (id: string, draft: FeedbackRoundDraft) => call('update_feedback_round', { id, draft });
export const deleteFeedbackRound = (id: string) => call('delete_feedback_round', { id });
export const undoDeleteFeedbackRound = (id: string) => call('undo_delete_feedback_round', { id });
export const updateFeedbackComment = (id: string, criterionKey: string | null, kind: CommentKind, text: string) =>
  call('update_feedback_comment', { id, criterionKey, kind, text });
export const deleteFeedbackComment = (id: string) => call('delete_feedback_comment', { id });
export const undoDeleteFeedbackComment = (id: string) => call('undo_delete_feedback_comment', { id });
export const respondToFeedback = (id: string, response: string) => call('respond_to_feedback', { id, response });
export const importFramework = (path: string) => call('import_framework', { path });
export const importReview = (path: string, kind: RoundKind | null) => call('import_review', { path, kind });
export const setFeedbackCommentKind = (id: string, kind: CommentKind) => call('set_feedback_comment_kind', { id, kind });
export const feedbackSuggestions = () => call('feedback_suggestions');
export const acceptSuggestion = (id: string) => call('accept_suggestion', { id });
export const declineSuggestion = (id: string) => call('decline_suggestion', { id });
export const undoSuggestion = (id: string) => call('undo_suggestion', { id });
export const draftProposal = (path: string) => call('draft_proposal', { path });
export const applyDraft = (path: string, chosen: DraftChoice[]) => call('apply_draft', { path, chosen });
export const startRenewal = (coordinator: string | null) => call('start_renewal', { coordinator });

// Drafts of fields that could not be saved yet (kept in the data folder; see src/drafts.rs).
export const putDraft = (draft: FieldDraft) => call('put_draft', { draft });
export const listDrafts = (screen: string | null = null) => call('list_drafts', { screen });
export const clearDraft = (key: DraftKey) => call('clear_draft', { key });
/** Where a field form keeps its drafts. */
export const draftStore = { put: (d: FieldDraft) => putDraft(d), clear: (k: DraftKey) => clearDraft(k) };

/**
 * Calls `ask` when the window is asked to close (its close button, the system); the window then
 * closes only when `ask` resolves true. Resolves to a function that stops listening.
 */
export async function guardClose(ask: () => Promise<boolean>): Promise<() => void> {
  const w = getCurrentWindow();
  return w.onCloseRequested(async (event) => {
    // Held at once: the answer comes after saving and, perhaps, the coordinator's choice.
    event.preventDefault();
    if (await ask()) await w.destroy();
  });
}
/** Closes the window without asking (after the coordinator chose to). */
export const closeNow = () => getCurrentWindow().destroy();
