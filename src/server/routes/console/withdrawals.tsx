// A withdrawal request in the console (/team/withdrawals/<WDR reference>/): what the
// requester gave, the entries that may be the person (worked out by the database, never
// matched on their own), the entries the team has matched, and the two ways to finish
// it: complete (erase the matched entries) or close as "no entry found". Every button is
// a form that posts (supabase/migrations/20261125000800_withdrawals.sql, "the console").
import { consoleHome, personRecordPath, withdrawalActionPath } from '../../../forms/console.ts';
import { formatDate } from '../../../forms/dates.ts';
import { relationshipWords } from '../../emails/words.ts';
import { draw, emailKindWords, RatingTag, SignedIn, sentence, SummaryList, Table, WarningCallout, when, type ConsolePage } from './views.tsx';

/** Why an entry may be the person the request is about (private.withdrawal_likely_matches). */
const reasonWords: Record<string, string> = {
  reference_given: 'The DSR reference they gave, with the same date of birth',
  reference_given_other_birth_date: 'The DSR reference they gave, but another date of birth',
  name_and_birth_date: 'The same full name and date of birth',
};

export interface WithdrawalEntry {
  reference: string;
  area: string;
  rating: string;
}
export interface ConsoleWithdrawal {
  teamMember: { fullName: string };
  reference: string;
  status: 'requested' | 'completed' | 'no_entry_found';
  requestedAt: string;
  finishedAt: string | null;
  finishedBy: string | null;
  personName: string | null;
  dateOfBirth: string | null;
  dsrReference: string | null;
  requesterRelationship: string;
  requesterName: string | null;
  requesterEmail: string | null;
  requesterPhone: string | null;
  matched: (WithdrawalEntry & { matchedAt: string; matchedBy: string })[];
  likelyMatches: (WithdrawalEntry & { reasons: string[]; canMatch: boolean; matched: boolean })[];
  emails: { kind: string; status: string; sentAt: string | null }[];
}

const statusWords = {
  requested: 'Open',
  completed: 'Completed: the matched entries were erased',
  no_entry_found: 'Closed: no entry found',
} as const;

/** A button that posts; `inRow` when it sits in a table's row (no space below it). */
function ActionButton({ action, text, hidden, warning, inRow, extra }: { action: string; text: string; hidden?: string; warning?: boolean; inRow?: boolean; extra?: Record<string, string> }) {
  return (
    <form method="post" action={action}>
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={`nhsuk-button ${warning ? 'nhsuk-button--warning' : 'nhsuk-button--secondary'}${inRow ? ' nhsuk-button--small nhsuk-u-margin-bottom-0' : ''}`} data-module="nhsuk-button">
        {text}
        {hidden && <span className="nhsuk-u-visually-hidden"> {hidden}</span>}
      </button>
    </form>
  );
}

/** The emails to the requester about this request, and when each was sent. */
function RequesterEmails({ emails }: { emails: ConsoleWithdrawal['emails'] }) {
  if (emails.length === 0) return <p>No email has been written to the requester about this request (they gave a phone number, or the emails have been sent and cleared).</p>;
  return (
    <ul className="nhsuk-list nhsuk-list--bullet">
      {emails.map((email) => (
        <li key={email.kind}>
          {emailKindWords(email.kind)}: {email.sentAt ? `sent ${when(email.sentAt)}` : email.status === 'failed' ? 'could not be sent (see Today)' : 'waiting to be sent'}
        </li>
      ))}
    </ul>
  );
}

export function withdrawalPage(withdrawal: ConsoleWithdrawal): ConsolePage {
  const open = withdrawal.status === 'requested';
  const title = `Withdrawal request ${withdrawal.reference}`;
  const complete = withdrawalActionPath(withdrawal.reference, 'complete');
  return {
    title,
    html: draw(
      <>
        <span className="nhsuk-caption-l">DSR team console</span>
        <h1 className="nhsuk-heading-xl">{title}</h1>
        <SignedIn fullName={withdrawal.teamMember.fullName} current={consoleHome} within />
        <p>
          <strong className={`nhsuk-tag ${open ? 'nhsuk-tag--blue' : 'nhsuk-tag--grey'}`}>{statusWords[withdrawal.status]}</strong>
        </p>
        <h2 className="nhsuk-heading-l">What they asked</h2>
        {open ? (
          <SummaryList
            rows={[
              ['Their full name', withdrawal.personName],
              ['Their date of birth', withdrawal.dateOfBirth ? formatDate(withdrawal.dateOfBirth) : null],
              ['DSR reference given', withdrawal.dsrReference ?? 'Not given'],
              ['Who is asking', sentence(relationshipWords[withdrawal.requesterRelationship] ?? withdrawal.requesterRelationship)],
              ['Their name', withdrawal.requesterName],
              ['Email', withdrawal.requesterEmail ?? 'Not given'],
              ['Phone', withdrawal.requesterPhone ?? 'Not given'],
              ['Asked', when(withdrawal.requestedAt)],
            ]}
          />
        ) : (
          <>
            <SummaryList
              rows={[
                ['Asked', when(withdrawal.requestedAt)],
                ['Finished', `${when(withdrawal.finishedAt!)} by ${withdrawal.finishedBy ?? 'a team member'}`],
                ['Who asked', sentence(relationshipWords[withdrawal.requesterRelationship] ?? withdrawal.requesterRelationship)],
              ]}
            />
            <p>The details on the request were erased when it was finished. Only the reference and the dates remain.</p>
          </>
        )}

        {open && (
          <>
            <h2 className="nhsuk-heading-l" id="likely-matches">Likely matches ({withdrawal.likelyMatches.length})</h2>
            {withdrawal.likelyMatches.length === 0 ? (
              <p>No entry on the register has the DSR reference they gave, or the same full name and date of birth. Look for the person another way, and speak to the requester, before you close the request.</p>
            ) : (
              <>
                <p>Worked out from the details they gave: nothing is matched until you choose. Open each entry and check it is the person before you match it.</p>
                <Table
                  caption="Entries that may be the person"
                  head={['DSR reference', 'Area', 'Rating', 'Why it may be them', 'Action']}
                  rows={withdrawal.likelyMatches.map((entry) => [
                    <a href={personRecordPath(entry.reference)}>{entry.reference}</a>,
                    entry.area,
                    <RatingTag rating={entry.rating} />,
                    entry.reasons.map((reason) => reasonWords[reason] ?? reason).join('; '),
                    entry.matched ? (
                      'Matched'
                    ) : entry.canMatch ? (
                      <ActionButton action={withdrawalActionPath(withdrawal.reference, 'match')} text="Match" hidden={`entry ${entry.reference} to this request`} inRow extra={{ referralReference: entry.reference }} />
                    ) : (
                      'Cannot be matched: another date of birth'
                    ),
                  ])}
                />
              </>
            )}
            <details className="nhsuk-details">
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">Match an entry you found another way</span>
              </summary>
              <div className="nhsuk-details__text">
                <form method="post" action={withdrawalActionPath(withdrawal.reference, 'match')}>
                  <div className="nhsuk-form-group">
                    <label className="nhsuk-label" htmlFor="referralReference">DSR reference of the entry</label>
                    <div className="nhsuk-hint" id="referralReference-hint">Any of their DSR references, like DSR-7K3M-Q9PA. Their date of birth must be the one on the request.</div>
                    <input className="nhsuk-input nhsuk-input--width-10" id="referralReference" name="referralReference" type="text" autoComplete="off" spellCheck={false} aria-describedby="referralReference-hint" />
                  </div>
                  <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" data-module="nhsuk-button">Match entry</button>
                </form>
              </div>
            </details>
          </>
        )}

        <h2 className="nhsuk-heading-l" id="matched">Matched entries ({withdrawal.matched.length})</h2>
        {withdrawal.matched.length === 0 ? (
          <p>{open ? 'No entry is matched to this request yet.' : 'None: the entries matched were erased, or nobody was found.'}</p>
        ) : (
          <Table
            caption="Entries matched to this request"
            head={['DSR reference', 'Area', 'Rating', 'Matched']}
            rows={withdrawal.matched.map((entry) => [
              <a href={personRecordPath(entry.reference)}>{entry.reference}</a>,
              entry.area,
              <RatingTag rating={entry.rating} />,
              `${when(entry.matchedAt)} by ${entry.matchedBy}`,
            ])}
          />
        )}

        {open && (
          <>
            <h2 className="nhsuk-heading-l" id="finish">Finish the request</h2>
            {withdrawal.matched.length > 0 ? (
              <>
                <WarningCallout label="This cannot be undone">
                  <p>
                    Completing the request erases the {withdrawal.matched.length === 1 ? 'matched entry' : `${withdrawal.matched.length} matched entries`} everywhere: every referral, consent record and email about them. The requester is emailed that it is done{withdrawal.requesterEmail ? '' : ' (they gave no email address: phone them)'}.
                  </p>
                </WarningCallout>
                <ActionButton action={complete} text="Complete and erase the matched entries" warning />
              </>
            ) : (
              <>
                <p>
                  If nobody on the register is the person (after looking, and speaking to the requester), close the request. Nobody is erased, and the requester is told we found no entry{withdrawal.requesterEmail ? ' by email' : ' (they gave no email address: phone them)'}.
                </p>
                <ActionButton action={withdrawalActionPath(withdrawal.reference, 'close')} text="Close as no entry found" />
              </>
            )}
          </>
        )}

        <h2 className="nhsuk-heading-l" id="emails">Emails to the requester</h2>
        <RequesterEmails emails={withdrawal.emails} />
      </>,
    ),
  };
}
