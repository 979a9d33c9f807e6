// A family's request to be considered for the register, in the console
// (/team/requests/<REQ reference>/): what the asker told us, and the team's one
// decision, "a professional will refer" (which service or professional) or "not the
// right route" (where else to go). Two forms, one for each decision, each with its own
// box for the team's words, so the page works without JavaScript and by keyboard alone.
// The asker is emailed the outcome only; the team's words stay here
// (src/server/emails/request-outcome.ts says why).
import { consoleHome, decisionNoteMaxLength, requestDecisionPath, type RequestOutcome } from '../../../forms/console.ts';
import { formatDate } from '../../../forms/dates.ts';
import { personKnowsOptions } from '../../../forms/request.ts';
import { askerWords } from '../../emails/words.ts';
import { ConsoleErrorSummary, draw, emailKindWords, Field, SignedIn, sentence, SummaryList, when, type ConsolePage } from './views.tsx';

export interface ConsoleRequest {
  teamMember: { fullName: string };
  reference: string;
  requestedAt: string;
  askerRelationship: string;
  askerConnection: string | null;
  personName: string;
  dateOfBirth: string;
  area: string;
  worries: string;
  personKnows: string;
  askerName: string;
  askerEmail: string | null;
  askerPhone: string | null;
  decision: { outcome: RequestOutcome; note: string; decidedAt: string; decidedBy: string } | null;
  emails: { kind: string; status: string; sentAt: string | null }[];
}

/** Bad input on one of the decision forms: which, its message, and what was typed. */
export interface DecisionProblem {
  outcome: RequestOutcome;
  message: string;
  note: string;
}

/** Each decision: its heading, button, and the box for the team's words. */
const decisions: Record<RequestOutcome, { heading: string; label: string; hint: string; button: string; said: string }> = {
  professional_will_refer: {
    heading: 'A professional will refer them',
    label: 'Which service or professional will refer them?',
    hint: 'For example, the community learning disability team, or their social worker. For the DSR team only.',
    button: 'Record: a professional will refer',
    said: 'A professional will refer them',
  },
  not_the_right_route: {
    heading: 'The register is not the right route',
    label: 'Where else can they go?',
    hint: 'For example, their GP, or the local authority’s adult social care team. For the DSR team only.',
    button: 'Record: not the right route',
    said: 'The register is not the right route',
  },
};

const noteId = (outcome: RequestOutcome) => `note-${outcome}`;

function DecisionForm({ reference, outcome, problem }: { reference: string; outcome: RequestOutcome; problem?: DecisionProblem | undefined }) {
  const words = decisions[outcome];
  const mine = problem?.outcome === outcome ? problem : undefined;
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-m">{words.heading}</h3>
        <form method="post" action={requestDecisionPath(reference)} noValidate>
          <input type="hidden" name="outcome" value={outcome} />
          <Field id={noteId(outcome)} name="note" label={words.label} hint={`${words.hint} Up to ${decisionNoteMaxLength} characters.`} error={mine?.message}>
            {(describedBy, hasError) => (
              <textarea
                className={`nhsuk-textarea${hasError ? ' nhsuk-textarea--error' : ''}`}
                id={noteId(outcome)}
                name="note"
                rows={3}
                aria-describedby={describedBy}
                defaultValue={mine?.note ?? ''}
              />
            )}
          </Field>
          <button type="submit" className="nhsuk-button nhsuk-u-margin-bottom-0" data-module="nhsuk-button">
            {words.button}
          </button>
        </form>
      </div>
    </div>
  );
}

export function requestPage(request: ConsoleRequest, problem?: DecisionProblem): ConsolePage {
  const title = `${problem ? 'Error: ' : ''}Request ${request.reference}`;
  const outcomeEmail = request.emails.find((email) => email.kind === 'request_outcome');
  const told = !request.decision
    ? undefined
    : !request.askerEmail && !outcomeEmail
      ? `They gave no email address: phone them on ${request.askerPhone ?? 'the number they gave'} to tell them.`
      : outcomeEmail?.sentAt
        ? `Emailed the outcome ${when(outcomeEmail.sentAt)}.`
        : outcomeEmail?.status === 'failed'
          ? 'The email with the outcome could not be sent: see Emails that need attention on Today.'
          : outcomeEmail
            ? 'The email with the outcome is waiting to be sent.'
            : 'Emailed the outcome (the email’s record has since been cleared).';
  return {
    title,
    html: draw(
      <>
        {problem && <ConsoleErrorSummary errors={[{ href: `#${noteId(problem.outcome)}`, message: problem.message }]} />}
        <span className="nhsuk-caption-l">DSR team console</span>
        <h1 className="nhsuk-heading-xl">Request {request.reference}</h1>
        <SignedIn fullName={request.teamMember.fullName} current={consoleHome} within />
        <p>
          <strong className={`nhsuk-tag ${request.decision ? 'nhsuk-tag--grey' : 'nhsuk-tag--blue'}`}>{request.decision ? 'Decided' : 'Waiting for a decision'}</strong>
        </p>
        <h2 className="nhsuk-heading-l">Who they are asking about</h2>
        <SummaryList
          rows={[
            ['Full name', request.personName],
            ['Date of birth', formatDate(request.dateOfBirth)],
            ['Area', request.area],
            ['What worries them', <span className="dsr-preserve-lines">{request.worries}</span>],
            ['Does the person know?', personKnowsOptions.find((option) => option.value === request.personKnows)?.label ?? request.personKnows],
          ]}
        />
        <h2 className="nhsuk-heading-l">Who is asking</h2>
        <SummaryList
          rows={[
            ['Who', sentence(askerWords[request.askerRelationship] ?? request.askerRelationship)],
            ...(request.askerConnection ? [['How they know them', request.askerConnection] as [string, string]] : []),
            ['Name', request.askerName],
            ['Email', request.askerEmail ?? 'Not given'],
            ['Phone', request.askerPhone ?? 'Not given'],
            ['Asked', when(request.requestedAt)],
          ]}
        />
        <h2 className="nhsuk-heading-l" id="decision">What happens next</h2>
        {request.decision ? (
          <>
            <SummaryList
              rows={[
                ['Decision', decisions[request.decision.outcome]?.said ?? request.decision.outcome],
                [request.decision.outcome === 'professional_will_refer' ? 'Who will refer' : 'Where else to go', <span className="dsr-preserve-lines">{request.decision.note}</span>],
                ['Decided', `${when(request.decision.decidedAt)} by ${request.decision.decidedBy}`],
                ['The asker', told],
              ]}
            />
            <p>A decision is recorded once. If it needs to change, contact the asker and record what you agreed in your case notes.</p>
          </>
        ) : (
          <>
            <p>
              Record one decision. Whether the person is already on the register makes no difference to what the asker is told.{' '}
              {request.askerEmail
                ? 'The asker is emailed the decision (not your words below) with the DSR team’s contact details.'
                : 'They gave no email address, so phone them to tell them.'}
            </p>
            <DecisionForm reference={request.reference} outcome="professional_will_refer" problem={problem} />
            <DecisionForm reference={request.reference} outcome="not_the_right_route" problem={problem} />
          </>
        )}
        <h2 className="nhsuk-heading-l" id="emails">Emails to the asker</h2>
        {request.emails.length === 0 ? (
          <p>None: they gave no email address, or the emails have been sent and cleared.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {request.emails.map((email) => (
              <li key={email.kind}>
                {emailKindWords(email.kind)}: {email.sentAt ? `sent ${when(email.sentAt)}` : email.status === 'failed' ? 'could not be sent (see Today)' : 'waiting to be sent'}
              </li>
            ))}
          </ul>
        )}
      </>,
    ),
  };
}
