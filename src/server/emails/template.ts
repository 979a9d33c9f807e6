// A template: one kind of email, drawn from the facts stored in its outbox row
// (references, ratings, areas, dates, codes: never a person's details). The facts a
// template may read are named here, and the outbox refuses any other (the CHECK in
// supabase/migrations/…_outbox_and_limits.sql; test/unit/emails.test.ts compares the two).
import type { EmailContent, EmailSite } from './layout.tsx';

/** A fact as the outbox row holds it (JSON). */
export type FactValue = string | number | boolean | readonly string[] | undefined;

export interface EmailTemplate<Facts extends Record<string, FactValue> = Record<string, FactValue>> {
  /** The outbox row's `kind`. */
  kind: string;
  /** Every fact it reads, by name. */
  facts: readonly (keyof Facts & string)[];
  draw(facts: Facts, site: EmailSite): EmailContent;
}

export function defineEmail<Facts extends Record<string, FactValue>>(template: EmailTemplate<Facts>): EmailTemplate<Facts> {
  return template;
}
