// The screens in the navigation, in order. Adding a screen is one line here.
import type { Component } from 'svelte';
import School from './School.svelte';
import Criteria from './Criteria.svelte';
import Audit from './Audit.svelte';
import Plan from './Plan.svelte';
import Readiness from './Readiness.svelte';
import Journey from './Journey.svelte';
import Portfolio from './Portfolio.svelte';
import Evidence from './Evidence.svelte';
import Backup from './Backup.svelte';
import Share from './Share.svelte';
import { t } from '../lib/i18n';

export interface View { id: string; readonly label: string; component: Component }

// Labels are getters so the navigation follows a change of language without being rebuilt.
export const views: View[] = [
  { id: 'school', get label() { return t('nav.school'); }, component: School },
  { id: 'criteria', get label() { return t('nav.criteria'); }, component: Criteria },
  { id: 'audit', get label() { return t('nav.audit'); }, component: Audit },
  { id: 'plan', get label() { return t('nav.plan'); }, component: Plan },
  { id: 'evidence', get label() { return t('nav.evidence'); }, component: Evidence },
  { id: 'journey', get label() { return t('nav.journey'); }, component: Journey },
  { id: 'readiness', get label() { return t('nav.readiness'); }, component: Readiness },
  { id: 'portfolio', get label() { return t('nav.portfolio'); }, component: Portfolio },
  { id: 'share', get label() { return t('nav.share'); }, component: Share },
  { id: 'backup', get label() { return t('nav.backup'); }, component: Backup },
];
