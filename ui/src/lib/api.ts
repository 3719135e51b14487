// The one place the window talks to the backend. Every call goes through `call`, which turns the
// backend's `{code, message}` errors into ApiError so screens can show the message as it is.
import { invoke, Channel, convertFileSrc } from '@tauri-apps/api/core';

export class ApiError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}

/** What to show the coordinator for a failed call: the backend's own message when there is one. */
export function errorMessage(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (e && typeof e === 'object' && 'message' in e) {
      const err = e as { code?: string; message: string };
      throw new ApiError(err.code ?? 'unknown', err.message);
    }
    throw new ApiError('unknown', String(e));
  }
}

export interface School {
  id: string;
  name: string;
  urn: string;
  phase: string;
  nation: string;
  localAuthority: string;
  address: string;
  headteacher: string;
  coordinatorName: string;
  coordinatorRole: string;
  coordinatorEmail: string;
  localLeadOrg: string;
  localLeadContact: string;
  localLeadEmail: string;
  pledgeDate: string | null;
  webPage: string;
  frameworkId: string;
}

// The *Cy fields are optional Welsh names from the framework file (see lib/i18n.ts).
export interface Strand { key: string; name: string; summary: string; nameCy?: string; summaryCy?: string }
export interface Criterion { key: string; number: number; strand: string; title: string; summary: string; titleCy?: string; summaryCy?: string }
export interface Framework {
  id: string;
  name: string;
  wording: string;
  stream: string;
  levels: string[];
  strands: Strand[];
  criteria: Criterion[];
  nameCy?: string;
  wordingCy?: string;
  levelsCy?: string[];
}

export interface CriterionStatus {
  key: string;
  number: number;
  strand: string;
  title: string;
  level: number;
  levelLabel: string;
  evidence: number;
  openActions: number;
  overdueActions: number;
}
export interface Overview {
  schoolName: string;
  frameworkId: string;
  frameworkLabel: string;
  journeyStep: string | null;
  criteria: CriterionStatus[];
}

export interface Progress { stage: string; done: number; total: number }
export interface ExportReport { path: string; bytes: number; pages: number; leftOut: string[]; warnings: string[] }
/** `language` is the window's language (`en` or `cy`); the PDF is written in it. */
export interface ExportRequest { path: string; maxMb: number; includeWithoutConsent: boolean; anonymityNote: boolean; language: 'en' | 'cy' }

export const getSchool = () => call<School>('get_school');
export const saveSchool = (school: School) => call<School>('save_school', { school });
export const listFrameworks = () => call<Framework[]>('list_frameworks');
export const activeFramework = () => call<Framework>('active_framework');
export const overview = () => call<Overview>('overview');
export const loadDemo = (replace: boolean) => call<School>('load_demo', { replace });
export const defaultExportName = () => call<string>('default_export_name');
export const cancelJob = () => call<void>('cancel_job');
export const openExport = () => call<void>('open_export');
export const revealExport = () => call<void>('reveal_export');

export function exportPortfolio(request: ExportRequest, onProgress: (p: Progress) => void): Promise<ExportReport> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call<ExportReport>('export_portfolio', { request, onProgress: channel });
}

export interface EvidenceItem {
  id: string;
  kind: 'photo' | 'document' | 'quote';
  title: string;
  caption: string;
  sha256: string | null;
  mime: string | null;
  size: number | null;
  originalName: string;
  quoteText: string;
  attribution: string;
  activityDate: string | null;
  addedBy: string;
  keyStage: string;
  subject: string;
  peopleIdentifiable: boolean;
  consent: 'given' | 'given_hidden' | 'not_needed' | 'missing';
  anonymised: boolean;
  includeInExport: boolean;
  width: number | null;
  height: number | null;
  /** For a PDF its pages; for a Word, PowerPoint or OpenDocument file the pages of its reading copy. */
  pageCount: number | null;
  /** True when GPS or other location data was removed from the stored photo. */
  locationRemoved?: boolean;
  /** Why an office document has no reading copy: encrypted, legacy, spreadsheet, damaged, too_large. */
  readingProblem: string | null;
  position: number;
  /** Areas hidden in every picture made from the photo (see HideAreas). */
  hiddenAreas: number;
  /** Changes when the hidden areas do (empty when none); part of the thumbnail's address. */
  thumbTag?: string;
  criteria: string[];
  /** A link's web address; empty for other kinds. */
  url: string;
}
export interface EvidenceFilter {
  text?: string; criterion?: string | null; kind?: string | null; consent?: string | null;
  /** Activity dates, inclusive, as YYYY-MM-DD. */
  from?: string | null; to?: string | null;
}
export interface Refusal { file: string; reason: string }
export interface Unreadable { file: string; code: string; reason: string }
export interface ImportReport { added: string[]; duplicates: string[]; refused: Refusal[]; systemFiles: number; unreadable: Unreadable[] }

export const listEvidence = (filter: EvidenceFilter) => call<EvidenceItem[]>('list_evidence', { filter });
/** Live items `offset..offset + limit` in exhibit order, unfiltered: the library a slice at a time. */
export const listEvidencePage = (offset: number, limit: number) => call<EvidenceItem[]>('list_evidence_page', { offset, limit });
export interface ExhibitNumber { id: string; label: string }
/** Every exhibit's label (E1, E2, …) in exhibit order: what the tiles show. */
export const listExhibitNumbers = () => call<ExhibitNumber[]>('list_exhibit_numbers');
export const addQuote = (text: string, attribution: string, criteria: string[]) =>
  call<EvidenceItem>('add_quote', { text, attribution, criteria });
/** A web link to add; the core checks the address (http or https only). */
export interface NewLink { url: string; title: string; criteria: string[]; date: string | null; note: string; screenshot?: string | null; consent?: string | null }
export const addLink = (link: NewLink) => call<EvidenceItem>('add_link', { link });
export const updateEvidence = (item: EvidenceItem) => call<EvidenceItem>('update_evidence', { item });
export const deleteEvidence = (id: string) => call<void>('delete_evidence', { id });
export const undoDeleteEvidence = (id: string) => call<EvidenceItem>('undo_delete_evidence', { id });

/**
 * Where the webview loads a photo's (or a link screenshot's) thumbnail: the app's `thumb:` scheme,
 * named by the picture's hash (`thumb://localhost/<sha>`, or `http://thumb.localhost/<sha>` on
 * Windows; Tauri knows which). `tag` (the item's thumbTag) changes whenever its hidden areas do, so a
 * picture the webview cached before areas were hidden is never shown after.
 */
export const thumbnailSrc = (sha256: string, tag = '') => convertFileSrc(sha256, 'thumb') + (tag ? `?v=${tag}` : '');

/** One hidden area, as fractions (0–1) of the upright photo's width and height. */
export interface HiddenRegion { x: number; y: number; w: number; h: number; shape: 'rect' | 'ellipse' }
export interface Redaction { style: 'blur' | 'block'; regions: HiddenRegion[] }
export const getRedaction = (id: string) => call<Redaction>('get_redaction', { id });
/** Saves the hidden areas; `consent`, when given, is saved in the same step. */
export const setRedaction = (id: string, redaction: Redaction, consent: string | null = null) =>
  call<EvidenceItem>('set_redaction', { id, redaction, consent });
export const suggestFaces = (id: string) => call<HiddenRegion[]>('suggest_faces', { id });
/** The photo upright with nothing hidden, as an object URL (revoke it when done). */
export async function redactionPreviewUrl(id: string): Promise<string> {
  const bytes = await call<ArrayBuffer>('redaction_preview', { id });
  return URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
}

export function addEvidence(
  request: { paths: string[]; criteria: string[]; consent: string | null },
  onProgress: (p: Progress) => void,
): Promise<ImportReport> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call<ImportReport>('add_evidence', { request, onProgress: channel });
}

export interface BackupReport { path: string; schoolName: string; files: number; bytes: number; warnings: string[] }
export interface BackupEntry { path: string; fileName: string; kind: string; createdAt: string; schoolName: string; bytes: number; problem: string | null }
export interface BundleInfo { kind: string; schoolName: string; createdAt: string; files: number; [k: string]: unknown }
export interface RestoreReport { schoolName: string; createdAt: string; files: number; schemaFrom: number; schemaTo: number; keptAs: string | null; warnings: string[] }
export interface ContributionImport { contributor: string; addedEvidence: number; addedActions: number; duplicates: number; conflicts: number }
export interface Difference { field: string; mine: string; theirs: string }
export interface Conflict { id: string; itemKind: string; itemId: string; titleMine: string; titleTheirs: string; contributor: string; differences: Difference[] }

function withProgress<T>(command: string, args: Record<string, unknown>, onProgress: (p: Progress) => void): Promise<T> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call<T>(command, { ...args, onProgress: channel });
}

// A passphrase of null means none: for a new file only when "no passphrase" is the data folder's
// choice; for opening a file, the backend answers `passphrase_needed` when the file has one.
export type Protection = 'passphrase' | 'none';
export const backupNow = (path: string, passphrase: string | null, p: (x: Progress) => void) =>
  withProgress<BackupReport>('backup_now', { path, passphrase }, p);
export const backupProtection = () => call<Protection>('backup_protection');
export const setBackupProtection = (choice: Protection) => call<Protection>('set_backup_protection', { choice });
export const copyBackupOff = (source: string, dest: string, passphrase: string | null, p: (x: Progress) => void) =>
  withProgress<number>('copy_backup_off', { source, dest, passphrase }, p);
export const listBackups = () => call<BackupEntry[]>('list_backups');
export const inspectBackup = (path: string, passphrase: string | null = null) => call<BundleInfo>('inspect_backup', { path, passphrase });
export const restoreBackup = (path: string, replace: boolean, passphrase: string | null, p: (x: Progress) => void) =>
  withProgress<RestoreReport>('restore_backup', { path, replace, passphrase }, p);
export const exportContribution = (path: string, by: string, passphrase: string | null, p: (x: Progress) => void) =>
  withProgress<{ path: string; evidence: number; actions: number }>('export_contribution', { path, by, passphrase }, p);
export const importContribution = (path: string, passphrase: string | null, p: (x: Progress) => void) =>
  withProgress<ContributionImport>('import_contribution', { path, passphrase }, p);
export const listConflicts = () => call<Conflict[]>('list_conflicts');
export const resolveConflict = (id: string, choice: 'keep_mine' | 'take_theirs') => call<void>('resolve_conflict', { id, choice });

export interface AuditRow {
  criterionKey: string;
  level: number;
  already: string;
  gaps: string;
  reviewedOn: string | null;
  reviewedBy: string;
  updatedAt: string | null;
  narrative: string;
}
export interface AuditPatch { level?: number; already?: string; gaps?: string; reviewedOn?: string | null; reviewedBy?: string }

export const listAudit = () => call<AuditRow[]>('list_audit');
export const setAudit = (key: string, patch: AuditPatch) => call<unknown>('set_audit', { key, patch });
export const setNarrative = (key: string, body: string) => call<void>('set_narrative', { key, body });

/** Pages the application section takes with one criterion's unsaved account, against the limit. */
export interface ApplicationLength { pages: number; limit: number }
export const applicationLength = (key: string, draft: string) => call<ApplicationLength>('application_length', { key, draft });

/** An exhibit as the portfolio will number it ("E3"), for inserting references in an account. */
export interface ExhibitRef { id: string; label: string; title: string; kind: string; criteria: string[] }
export const listExhibits = () => call<ExhibitRef[]>('list_exhibits');

export const getLanguage = () => call<string>('get_language');
export const saveLanguage = (code: string) => call<string>('set_language', { code });

export type ActionStatus = 'planned' | 'in_progress' | 'done' | 'dropped';
export interface ActionDraft {
  action: string;
  criteria: string[];
  owner: string;
  partners: string;
  dueDate: string | null;
  status: ActionStatus;
  successMeasure: string;
  notes: string;
}
export interface ActionItem extends ActionDraft { id: string; createdAt: string; updatedAt: string }
export interface ActionGroup { key: string; label: string; actions: ActionItem[] }
export interface PlanView { groups: ActionGroup[]; overdue: string[]; suggestions: ActionDraft[] }

export const planView = (byMonth: boolean, status: ActionStatus | null, criterion: string | null = null, overdueOnly = false) =>
  call<PlanView>('plan_view', { byMonth, filter: { status, criterion, overdueOnly } });
export const addAction = (draft: ActionDraft) => call<ActionItem>('add_action', { draft });
export const setActionStatus = (id: string, status: ActionStatus) => call<ActionItem>('set_action_status', { id, status });
export const deleteAction = (id: string) => call<void>('delete_action', { id });
export const undoDeleteAction = (id: string) => call<ActionItem>('undo_delete_action', { id });
export const dismissSuggestions = () => call<void>('dismiss_suggestions');

export interface CriterionReadiness extends CriterionStatus { openFeedback: number; hasNarrative: boolean; narrativeWords: number; ready: boolean }
export interface StrandCoverage { key: string; name: string; criteria: number; withEvidence: number; audited: number; withNarrative: number; ready: number }
export interface Gap { code: string; criterionKey: string | null; criterionNumber: number | null; file?: string; message: string }
export interface Readiness {
  schoolName: string;
  frameworkLabel: string;
  criteria: CriterionReadiness[];
  strands: StrandCoverage[];
  missing: Gap[];
  renewal: { message: string; dueSoon: boolean; overdue: boolean } | null;
  applicationWords: number;
  estimatedPages: number;
}
export const readiness = () => call<Readiness>('readiness');

export interface JourneyStep { key: string; label: string; date: string | null; note: string }
export interface JourneyView { steps: JourneyStep[]; renewal: { message: string; dueSoon: boolean; overdue: boolean } | null }
export type RoundKind = 'draft_review' | 'panel_appraisal' | 'visit' | 'further_evidence';
export type CommentKind = 'strength' | 'improvement' | 'question';
export interface FeedbackComment { id: string; roundId: string; criterionKey: string | null; kind: CommentKind; comment: string; response: string }
export interface FeedbackRound { id: string; kind: RoundKind; receivedOn: string | null; fromWhom: string; dueDate: string | null; summary: string; closed: boolean; comments: FeedbackComment[] }

export const journeyView = () => call<JourneyView>('journey_view');
export const setJourneyStep = (key: string, date: string | null, note: string) => call<JourneyStep>('set_journey_step', { key, date, note });
export const feedbackRounds = () => call<FeedbackRound[]>('feedback_rounds');
export const addFeedbackRound = (draft: { kind: RoundKind; receivedOn: string | null; fromWhom: string; dueDate: string | null; summary: string }) =>
  call<FeedbackRound>('add_feedback_round', { draft });
export const addFeedbackComment = (roundId: string, criterionKey: string | null, kind: CommentKind, text: string) =>
  call<FeedbackComment>('add_feedback_comment', { roundId, criterionKey, kind, text });
export const respondToFeedback = (id: string, response: string) => call<FeedbackComment>('respond_to_feedback', { id, response });
export const importFramework = (path: string) => call<Framework>('import_framework', { path });
export const startRenewal = (coordinator: string | null) => call<{ awardedOn: string }>('start_renewal', { coordinator });
