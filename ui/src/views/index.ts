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

export interface View { id: string; label: string; component: Component }

export const views: View[] = [
  { id: 'school', label: 'School', component: School },
  { id: 'criteria', label: 'Criteria', component: Criteria },
  { id: 'audit', label: 'Audit', component: Audit },
  { id: 'plan', label: 'Action plan', component: Plan },
  { id: 'evidence', label: 'Evidence', component: Evidence },
  { id: 'journey', label: 'Journey and feedback', component: Journey },
  { id: 'readiness', label: 'Readiness', component: Readiness },
  { id: 'portfolio', label: 'Portfolio', component: Portfolio },
  { id: 'backup', label: 'Backup', component: Backup },
];
