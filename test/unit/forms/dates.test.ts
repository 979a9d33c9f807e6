import { describe, expect, it } from 'vitest';
import { datePartsInError, formatDate, partsFromIsoDate, readDate, todayInEngland, yearsBefore } from '../../../src/forms/dates.ts';

const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe('reading a date from its three boxes', () => {
  it.each([
    [parts('4', '3', '2010'), '2010-03-04'],
    [parts('04', '03', '2010'), '2010-03-04'],
    [parts(' 4 ', ' 3', '2010 '), '2010-03-04'],
    [parts('29', '2', '2024'), '2024-02-29'],
    [parts('31', '12', '1999'), '1999-12-31'],
  ])('reads %j as %s', (typed, iso) => {
    expect(readDate(typed)).toEqual({ ok: true, iso });
  });

  it.each([
    [parts('', '', ''), 'required'],
    [parts('', '3', '2010'), 'missing_day'],
    [parts('4', '', '2010'), 'missing_month'],
    [parts('4', '3', ''), 'missing_year'],
    [parts('', '', '2010'), 'missing_day_month'],
    [parts('', '3', ''), 'missing_day_year'],
    [parts('4', '', ''), 'missing_month_year'],
    [parts('4', '3', '10'), 'year_format'],
    [parts('4', '3', '20100'), 'year_format'],
    [parts('29', '2', '2023'), 'not_real'],
    [parts('31', '4', '2010'), 'not_real'],
    [parts('0', '3', '2010'), 'not_real'],
    [parts('4', '13', '2010'), 'not_real'],
    [parts('4', 'March', '2010'), 'not_real'],
    [parts('4.5', '3', '2010'), 'not_real'],
    [parts('-1', '3', '2010'), 'not_real'],
  ])('refuses %j (%s)', (typed, problem) => {
    expect(readDate(typed)).toEqual({ ok: false, problem });
  });

  it('splits a YYYY-MM-DD date (as the island may send it) into boxes', () => {
    expect(partsFromIsoDate('2010-03-04')).toEqual(parts('4', '3', '2010'));
    expect(partsFromIsoDate('')).toEqual(parts('', '', ''));
  });

  it('outlines only the boxes an error is about', () => {
    expect(datePartsInError('missing_month')).toEqual(['month']);
    expect(datePartsInError('missing_day_year')).toEqual(['day', 'year']);
    expect(datePartsInError('year_format')).toEqual(['year']);
    expect(datePartsInError('in_future')).toEqual(['day', 'month', 'year']);
  });
});

describe('today in England', () => {
  it('is the date in London, not in UTC: 23:30 UTC in summer is already tomorrow', () => {
    expect(todayInEngland(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
  });
  it('is the UTC date in winter', () => {
    expect(todayInEngland(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });
});

describe('dates in words and years before', () => {
  it('writes dates the NHS way', () => {
    expect(formatDate('2010-03-04')).toBe('4 March 2010');
  });
  it('counts years back, moving 29 February to the 28th', () => {
    expect(yearsBefore('2026-11-25', 120)).toBe('1906-11-25');
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
  });
});
