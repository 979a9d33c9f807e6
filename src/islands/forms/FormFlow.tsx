// The island behind every form page. It is drawn once by Astro at build (a plain
// HTML form that posts to its own page), again by the server when a post without
// JavaScript needs the errors or the check page, and takes over in the browser: on
// submit it sends the answers with fetch to the form's API, whose validate() (the
// form's own zod schema) answers with any errors; it shows the check-your-answers
// step, then the confirmation — losing nothing the person typed, whatever the
// service answers. The protocol is src/forms/steps.ts.
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type MouseEvent, type ReactNode } from 'react';
import { fieldOf, fieldsOf, type FormView } from '../../forms/form-view.ts';
import { readFormValues } from '../../forms/input.ts';
import { formMessages, rateLimitedMessage } from '../../forms/messages.ts';
import { confirmationAddress, receiptFromAnswer, type Receipt } from '../../forms/receipts.ts';
import { hasCheckStep, initialState, titleFor, type FormProblemView, type FormState, type ShownError, type View } from '../../forms/steps.ts';
import type { DateParts, FormValues } from '../../forms/types.ts';
import { AccountNeeded, AccountNotice, SignInAgainLink } from './AccountNeeded.tsx';
import type { QuestionExtras } from './Question.tsx';
import { drafts, fetchSession, hasAnswers, returnPage, sameSitePath, type SignedIn } from './session.ts';
import { CheckStep, QuestionsStep } from './views.tsx';

/** What every form island is given: its questions, the state to draw, and any content it shows. */
export interface IslandProps<Content = unknown> {
  form: FormView;
  state?: FormState | undefined;
  content?: Content | undefined;
}

/** What a form's own component adds to the shared flow: its page's words. `content` is what its page passed in. */
export interface FormPageOptions<Content = unknown> {
  /** Words between the <h1> and the questions. */
  intro?: ReactNode;
  /** Extra hints and messages for particular questions; may change as the answers do. */
  extras?(values: FormValues, enhanced: boolean, content: Content | undefined): Record<string, QuestionExtras>;
  /** Shown on the check page after the answers. */
  checkAfter?(values: FormValues, content: Content | undefined): ReactNode;
  /** The confirmation, once sent. The answers are known when the island sent them, not on a page the server drew. */
  confirmation(receipt: Receipt, values: FormValues | undefined, content: Content | undefined): ReactNode;
  /** A page that asks one question: its label is the <h1>, with this caption. */
  pageHeading?: { caption: string };
  /** Where an error summary link about a question goes, when not to the question itself. */
  errorHref?(field: string): string | undefined;
  /** Called after the service accepted the answers, with what it said. */
  onSent?(receipt: Receipt, body: Record<string, unknown>, values: FormValues): void;
}

type Session = SignedIn | null | undefined;

/** Errors from a 422 answer: `{ field, message, code? }`. */
function readErrors(body: Record<string, unknown>): ShownError[] | undefined {
  if (!Array.isArray(body.errors)) return undefined;
  return (body.errors as Record<string, unknown>[]).map((error) => ({
    field: String(error.field ?? ''),
    message: String(error.message ?? ''),
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
  }));
}

export function FormFlow<Content>({ options, form, state: given, content }: IslandProps<Content> & { options: FormPageOptions<Content> }) {
  const [values, setValues] = useState<FormValues>(() => initialState(form, given).values);
  const [view, setView] = useState<View>(() => initialState(form, given).view);
  const [enhanced, setEnhanced] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState<Session>(undefined);
  const [hidden, setHidden] = useState<Record<string, string>>({});
  const root = useRef<HTMLDivElement>(null);

  // Taking over in the browser: keep whatever was typed before the script arrived, bring back
  // answers kept in this tab, copy values from the address, and find out who is signed in.
  // A layout effect, run in the same task as hydration, so that no click lands between the
  // island taking over and these values being in place (a sign-in sent before it would
  // lose the page to come back to).
  useLayoutEffect(() => {
    const domForm = root.current?.querySelector('form');
    let current = domForm && view.step === 'form' ? readFormValues(fieldsOf(form), new FormData(domForm)) : values;
    const kept = form.needsAccount ? drafts.load(form.name) : undefined;
    if (kept && !hasAnswers(current, form.fromAddress)) current = { ...current, ...kept };
    const address = new URLSearchParams(window.location.search);
    for (const name of form.fromAddress ?? []) {
      const value = address.get(name);
      if (value !== null) current = { ...current, [name]: value };
    }
    const next = sameSitePath(address.get('next'));
    if (fieldOf(form, 'next')) {
      // The sign-in link's page: come back to where the person was when they asked to sign in.
      const stored = returnPage.take();
      const kept = next ?? stored;
      if (kept) current = { ...current, next: kept };
    } else if (next) {
      setHidden({ next });
      returnPage.remember(next);
    }
    // One id for everything this page sends, so a double click or a retry records one referral.
    if (fieldOf(form, 'submissionId') && !current.submissionId) current = { ...current, submissionId: crypto.randomUUID() };
    setValues(current);
    setEnhanced(true);
    // For the page's start script (start.ts): a form sent while the island was starting is handed to it now.
    root.current?.setAttribute('data-enhanced', '');
    if (form.needsAccount) void fetchSession().then(setSession);
    // Runs once, when the island starts.
  }, []);

  useEffect(() => {
    if (enhanced) document.title = titleFor(form, view);
  }, [enhanced, view, form]);

  useEffect(() => {
    if (enhanced && form.needsAccount && view.step !== 'sent') drafts.save(form.name, values);
  }, [enhanced, values, view.step, form]);

  const change = (field: string, value: string | string[] | DateParts) => setValues((previous) => ({ ...previous, [field]: value }));

  /** Move to another step with the page scrolled to its top and focus on its heading (errors focus their summary). */
  const headingWantsFocus = useRef(false);
  const showStep = (next: View) => {
    headingWantsFocus.current = next.step !== 'form';
    setView(next);
    setAttempt((count) => count + 1);
  };
  // After the new step is on the page (not before: focus on the old step's heading would be lost).
  useEffect(() => {
    if (!enhanced) return;
    window.scrollTo(0, 0);
    if (headingWantsFocus.current) root.current?.querySelector<HTMLElement>('h1')?.focus();
    headingWantsFocus.current = false;
  }, [attempt]);

  /**
   * Sends the answers. `check` asks the service only to check them (the step before the
   * check-your-answers page); otherwise they are saved. Whatever happens, the answers stay.
   */
  const post = async (purpose: 'check' | 'send') => {
    setBusy(true);
    const showProblem = (problem: FormProblemView) =>
      showStep(view.step === 'check' ? { step: 'check', problem } : { step: 'form', errors: [], problem });
    try {
      const response = await fetch(form.api, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ ...values, ...hidden, step: purpose }),
      });
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      const message = typeof body.message === 'string' ? body.message : undefined;
      const errors = readErrors(body);
      if (response.ok && purpose === 'check') {
        showStep({ step: 'check' });
      } else if (response.ok) {
        const receipt = receiptFromAnswer(body);
        drafts.clear(form.name);
        options.onSent?.(receipt, body, values);
        showStep({ step: 'sent', receipt });
        window.history.replaceState(null, '', receipt.reference ? confirmationAddress(form.confirmationPage, { reference: receipt.reference }) : form.confirmationPage);
      } else if (response.status === 422 && errors) {
        showStep({ step: 'form', errors });
      } else if (response.status === 401) {
        setSession(null);
        showProblem({ kind: 'signed_out', message: formMessages.signed_out });
      } else if (response.status === 429) {
        const wait = Number(response.headers.get('retry-after') ?? NaN);
        showProblem({ kind: 'rate_limited', message: message ?? rateLimitedMessage(Number.isFinite(wait) ? wait : 600) });
      } else {
        showProblem({ kind: 'unavailable', message: message ?? formMessages.unavailable });
      }
    } catch {
      showProblem({ kind: 'unavailable', message: formMessages.unavailable });
    } finally {
      setBusy(false);
    }
  };

  const submitQuestions = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy) void post(hasCheckStep(form) ? 'check' : 'send');
  };

  const submitCheck = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy) void post('send');
  };

  const changeAnswer = (field: string, event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    setView({ step: 'form', errors: [], changing: field });
    // The question's box takes focus (autoFocus); bring its whole question into view too.
    requestAnimationFrame(() => document.getElementById(field)?.closest('.nhsuk-form-group')?.scrollIntoView());
  };

  const signedOutLink = view.step !== 'sent' && view.problem?.kind === 'signed_out' ? <SignInAgainLink form={form} /> : undefined;
  const knownSignedOut = form.needsAccount && session === null;
  const showAccountNeeded =
    knownSignedOut && view.step === 'form' && view.errors.length === 0 && !view.problem && !hasAnswers(values, ['submissionId', ...(form.fromAddress ?? [])]);

  let shown: ReactNode;
  if (view.step === 'sent') {
    shown = options.confirmation(view.receipt, enhanced ? values : undefined, content);
  } else if (view.step === 'check') {
    shown = (
      <CheckStep
        form={form}
        values={values}
        problem={view.problem}
        problemExtra={signedOutLink}
        attempt={attempt}
        after={options.checkAfter?.(values, content)}
        busy={busy}
        onChangeAnswer={changeAnswer}
        onSubmit={submitCheck}
      />
    );
  } else if (showAccountNeeded) {
    shown = (
      <>
        <h1>{form.title}</h1>
        <AccountNeeded form={form} />
      </>
    );
  } else {
    shown = (
      <QuestionsStep
        context={{
          form,
          values,
          errorFor: (name) => view.errors.find((error) => error.field === name),
          onChange: change,
          enhanced,
          changing: view.changing,
          extras: options.extras?.(values, enhanced, content),
          pageHeading: options.pageHeading,
        }}
        errors={view.errors}
        errorHref={options.errorHref}
        problem={view.problem}
        problemExtra={signedOutLink}
        attempt={attempt}
        intro={
          <>
            {options.intro}
            {given?.filledFrom && view.step === 'form' && view.errors.length === 0 && (
              <div className="nhsuk-inset-text" data-filled-from="">
                <span className="nhsuk-u-visually-hidden">Information: </span>
                <p>{`We have filled in what you told us in ${given.filledFrom}. Check each answer and change what is no longer right. The rating is left for the multidisciplinary team to agree again.`}</p>
              </div>
            )}
            {/* Filled in from their own record, the page was drawn for someone signed in: the notice about signing in is not for them. */}
            {form.needsAccount && session === undefined && !view.problem && !given?.filledFrom && <AccountNotice form={form} />}
          </>
        }
        hidden={hidden}
        busy={busy}
        onSubmit={submitQuestions}
      />
    );
  }
  return (
    <div className="dsr-form" ref={root}>
      {shown}
    </div>
  );
}
