// The referral form filled in from a professional's own record: which record a /refer/
// address asks for, and the form's values from what refer_again_answers gives.
import { describe, expect, it } from 'vitest';
import { referFromAddress, referralValuesFrom } from '../../src/forms/refer-again.ts';
import { referralForm } from '../../src/forms/index.ts';

describe('the referral form filled in from a record', () => {
  it('reads only a reference of the right kind from the address', () => {
    expect(referFromAddress(new URLSearchParams('from=dsr-7k3m-q9pa'))).toBe('DSR-7K3M-Q9PA');
    expect(referFromAddress(new URLSearchParams('consent=CON-7K3M-Q9PA'))).toBe('CON-7K3M-Q9PA');
    // The wrong kind in each, or anything else: nothing to look up.
    expect(referFromAddress(new URLSearchParams('from=CON-7K3M-Q9PA'))).toBeUndefined();
    expect(referFromAddress(new URLSearchParams('consent=DSR-7K3M-Q9PA'))).toBeUndefined();
    expect(referFromAddress(new URLSearchParams('from=Alex%20Example'))).toBeUndefined();
    expect(referFromAddress(new URLSearchParams('givenName=Alex'))).toBeUndefined();
  });

  it('a referral’s details as the form asks them: dates in three boxes, the NHS number spaced, other services under "Another service"; never a rating', () => {
    const values = referralValuesFrom({
      givenName: 'Alex', familyName: 'Example', dateOfBirth: '2010-03-04', nhsNumber: '9434765919', postcode: 'LS1 4AP', area: 'Riverton City',
      condition: 'autism', livesIn: 'mental_health_hospital', hospitalName: 'Hilltop Unit', admissionDate: '2026-10-09', consentBasis: 'consented',
      familyInvolved: 'Mother', servicesInvolved: ['camhs', 'Forest School outreach', 'Youth club'],
    });
    expect(values).toEqual({
      givenName: 'Alex', familyName: 'Example', dateOfBirth: { day: '4', month: '3', year: '2010' }, nhsNumberKnown: 'yes', nhsNumber: '943 476 5919',
      postcode: 'LS1 4AP', area: 'Riverton City', condition: 'autism', livesIn: 'mental_health_hospital', hospitalName: 'Hilltop Unit',
      admissionDate: { day: '9', month: '10', year: '2026' }, consentBasis: 'consented', familyInvolved: 'Mother',
      servicesInvolved: ['camhs', 'other'], otherServices: 'Forest School outreach, Youth club',
    });
    // Every value is one of the form's own questions.
    const names = referralForm.sections.flatMap((section) => section.fields.map((field) => field.name));
    for (const name of Object.keys(values)) expect(names).toContain(name);
    expect(values).not.toHaveProperty('rating');
  });

  it('without an NHS number, the reason; from a consent record, its one name split before the last word', () => {
    expect(referralValuesFrom({ nhsNumberUnknownReason: 'Recently moved' })).toEqual({ nhsNumberKnown: 'no', nhsNumberUnknownReason: 'Recently moved' });
    expect(referralValuesFrom({ personName: ' Ada  Mae Consentwell ', dateOfBirth: '2011-05-17', consentBasis: 'best_interests', consentReference: 'CON-7K3M-Q9PA' })).toEqual({
      givenName: 'Ada Mae', familyName: 'Consentwell', dateOfBirth: { day: '17', month: '5', year: '2011' }, consentBasis: 'best_interests', consentReference: 'CON-7K3M-Q9PA',
    });
    expect(referralValuesFrom({ personName: 'Cher' })).toEqual({ givenName: 'Cher' });
    expect(referralValuesFrom({})).toEqual({});
  });
});
