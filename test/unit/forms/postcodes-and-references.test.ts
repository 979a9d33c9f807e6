import { describe, expect, it } from 'vitest';
import { readPostcode } from '../../../src/forms/postcodes.ts';
import { readReference } from '../../../src/forms/references.ts';

describe('postcodes', () => {
  it.each([
    ['LS1 4AP', 'LS1 4AP'],
    ['ls14ap', 'LS1 4AP'],
    ['  sw1a 2aa ', 'SW1A 2AA'],
    ['M1 1AE', 'M1 1AE'],
    ['EC1A1BB', 'EC1A 1BB'],
  ])('accepts %j as %s', (typed, tidy) => {
    expect(readPostcode(typed)).toBe(tidy);
  });

  it.each(['', 'LS1', 'LS1 4A', '12345', 'QQ1 1QQ X', 'not a postcode'])('refuses %j', (typed) => {
    expect(readPostcode(typed)).toBeUndefined();
  });
});

describe('references', () => {
  it.each([
    ['consent', 'CON-7K3M-Q9PA', 'CON-7K3M-Q9PA'],
    ['consent', 'con 7k3m q9pa', 'CON-7K3M-Q9PA'],
    ['consent', 'CON7K3MQ9PA', 'CON-7K3M-Q9PA'],
    ['referral', 'dsr-7k3m-q9pa', 'DSR-7K3M-Q9PA'],
  ] as const)('reads a %s reference typed %j', (kind, typed, stored) => {
    expect(readReference(kind, typed)).toBe(stored);
  });

  it.each([
    ['consent', 'DSR-7K3M-Q9PA'], // another kind
    ['consent', 'CON-7K3M-Q9P'], // too short
    ['consent', 'CON-7K3M-Q9PO'], // O is never used: it looks like 0
    ['consent', 'CON-7K1M-Q9PA'], // nor 1
    ['referral', 'DSR-IK3M-Q9PA'], // nor I
    ['referral', ''],
  ] as const)('refuses a %s reference typed %j', (kind, typed) => {
    expect(readReference(kind, typed)).toBeUndefined();
  });
});
