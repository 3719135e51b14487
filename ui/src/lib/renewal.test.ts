import { describe, expect, it } from 'vitest';
import type { Renewal } from './contract';
import { setLanguage } from './i18n';
import { renewalText } from './renewal';

const renewal = (over: Partial<Renewal>): Renewal => ({
  awardedOn: '2024-02-29', dueOn: '2027-02-28', daysLeft: 97, monthsLeft: 3, dueSoon: true, overdue: false, message: 'English from the core', ...over,
});

describe('renewalText', () => {
  it('words every case in English and Welsh, never with the core\'s sentence', () => {
    setLanguage('en');
    expect(renewalText(renewal({}))).toBe('Renewal due on 28 February 2027: in 3 months (97 days)');
    expect(renewalText(renewal({ monthsLeft: 1, daysLeft: 40 }))).toBe('Renewal due on 28 February 2027: in 1 month (40 days)');
    expect(renewalText(renewal({ monthsLeft: 0, daysLeft: 1 }))).toBe('Renewal due on 28 February 2027: tomorrow');
    expect(renewalText(renewal({ monthsLeft: 0, daysLeft: 0 }))).toBe('Renewal is due today (28 February 2027)');
    expect(renewalText(renewal({ monthsLeft: -1, daysLeft: -45, overdue: true }))).toContain('45 days ago');
    setLanguage('cy');
    const cy = renewalText(renewal({}));
    expect(cy).toContain('Chwefror 2027');
    expect(cy).toContain('ymhen 3 mis (97 diwrnod)');
    expect(renewalText(renewal({ monthsLeft: -1, daysLeft: -45, overdue: true }))).toContain('45 diwrnod yn ôl');
    setLanguage('en');
  });
});
