// The one place the window talks to the backend. Every call goes through `call`, which turns the
// backend's `{code, message}` errors into ApiError so screens can show the message as it is.
import { invoke, Channel } from '@tauri-apps/api/core';

export class ApiError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
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

export interface Strand { key: string; name: string; summary: string }
export interface Criterion { key: string; number: number; strand: string; title: string; summary: string }
export interface Framework {
  id: string;
  name: string;
  wording: string;
  stream: string;
  levels: string[];
  strands: Strand[];
  criteria: Criterion[];
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
export interface ExportRequest { path: string; maxMb: number; includeWithoutConsent: boolean; anonymityNote: boolean }

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
