// The referral form filled in from one of the professional's own records: which record a
// /refer/ address asks for (?from=DSR-… or ?consent=CON-…), and the form's values from
// what refer_again_answers gives. The server draws them (src/server/routes/refer-again.ts).
import { serviceOptions } from './referral.ts';
import { readReference } from './references.ts';
import type { DateParts, FormValues } from './types.ts';

/** The reference a /refer/ address asks to fill the form from, if it names one of the right shape. */
export function referFromAddress(query: URLSearchParams): string | undefined {
  const from = query.get('from');
  if (from !== null) return readReference('referral', from) ?? undefined;
  const consent = query.get('consent');
  if (consent !== null) return readReference('consent', consent) ?? undefined;
  return undefined;
}

/** Does this /refer/ address ask to be filled in from a record (whatever it names)? */
export const asksToFill = (query: URLSearchParams) => query.has('from') || query.has('consent');

/** What refer_again_answers gives: the details of the professional's own referral, or of their consent record. */
export interface KnownAnswers {
  givenName?: string;
  familyName?: string;
  personName?: string;
  dateOfBirth?: string;
  hasEhcp?: string;
  nhsNumber?: string;
  nhsNumberUnknownReason?: string;
  postcode?: string;
  area?: string;
  gpPractice?: string;
  condition?: string;
  livesIn?: string;
  hospitalName?: string;
  admissionDate?: string;
  consentBasis?: string;
  consentReference?: string;
  familyInvolved?: string;
  servicesInvolved?: string[];
  communicationNeeds?: string;
}

/** "2011-05-17" as the date boxes show it: 17 5 2011. */
function dateParts(iso: string | undefined): DateParts | undefined {
  const match = iso && /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! } : undefined;
}

/**
 * The referral form's values from what is known: as the form asks them. A consent
 * record holds one name: its last word is taken as the family name (the referral checks
 * the whole name, ignoring spaces, so any split is accepted, and the professional can
 * correct it). Services the form does not list go under "Another service". Nothing of
 * the rating: the MDT agrees it again.
 */
export function referralValuesFrom(known: KnownAnswers): FormValues {
  const values: FormValues = {};
  const text = (name: string, value: string | undefined) => {
    if (value) values[name] = value;
  };
  if (known.personName && !known.givenName && !known.familyName) {
    const words = known.personName.trim().split(/\s+/);
    const familyName = words.length > 1 ? words.pop()! : '';
    text('givenName', words.join(' '));
    text('familyName', familyName);
  }
  text('givenName', known.givenName);
  text('familyName', known.familyName);
  const born = dateParts(known.dateOfBirth);
  if (born) values['dateOfBirth'] = born;
  text('hasEhcp', known.hasEhcp);
  if (known.nhsNumber) {
    values['nhsNumberKnown'] = 'yes';
    values['nhsNumber'] = known.nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');
  } else if (known.nhsNumberUnknownReason) {
    values['nhsNumberKnown'] = 'no';
    values['nhsNumberUnknownReason'] = known.nhsNumberUnknownReason;
  }
  for (const name of ['postcode', 'area', 'gpPractice', 'condition', 'livesIn', 'hospitalName', 'consentBasis', 'consentReference', 'familyInvolved', 'communicationNeeds'] as const) {
    text(name, known[name]);
  }
  const admitted = dateParts(known.admissionDate);
  if (admitted) values['admissionDate'] = admitted;
  if (known.servicesInvolved?.length) {
    const listed = serviceOptions.map((option) => option.value);
    const others = known.servicesInvolved.filter((service) => !listed.includes(service));
    values['servicesInvolved'] = [...known.servicesInvolved.filter((service) => listed.includes(service)), ...(others.length ? ['other'] : [])];
    if (others.length) values['otherServices'] = others.join(', ');
  }
  return values;
}
