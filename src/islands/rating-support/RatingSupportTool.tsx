// The rating support tool's three steps, drawn the same at build (the questions) and by
// the server for each post (the suggestion, the summary): src/forms/rating-support.ts
// has the steps and the rule. No JavaScript is needed for any of it: every button is a
// form post, and nothing is stored. Its data comes as props, because the browser never
// loads the content modules.
import type { ReactNode } from 'react';
import type { FormView } from '../../forms/form-view.ts';
import { agreementFields, answerField, ratingSupportPage, toolQuestionFields, type Suggestion, type ToolData, type ToolStep } from '../../forms/rating-support.ts';
import { formatDate } from '../../forms/dates.ts';
import { dateOf, listOf, textOf, type ShownError } from '../../forms/steps.ts';
import type { Field, FormValues } from '../../forms/types.ts';
import { ErrorSummary } from '../forms/fields/ErrorSummary.tsx';
import { errorTarget } from '../forms/fields/ids.ts';
import { Question, type QuestionContext } from '../forms/Question.tsx';

type ToolRating = ToolData['ratings'][number];

export interface ToolState {
  step: ToolStep;
  values: FormValues;
  errors: ShownError[];
  /** Worked out by the server from the answers (the suggestion and summary steps). */
  suggestion?: Suggestion | undefined;
  /** The agreed rating's date, as YYYY-MM-DD (the summary). */
  discussedOn?: string | undefined;
  /** The question whose answer the person came back to change. */
  changing?: string | undefined;
}

export interface ToolProps {
  tool: ToolData;
  state: ToolState;
}

export const toolTitle = 'Rating support tool';
const stepTitles: Record<ToolStep, string> = {
  questions: toolTitle,
  suggestion: 'The suggested rating',
  summary: 'Rating support summary',
};
/** The <title> words for a step, "Error: " first when there are errors. */
export const toolStepTitle = (state: ToolState) => `${state.errors.length > 0 ? 'Error: ' : ''}${stepTitles[state.step]}`;

const noop = () => undefined;

function RatingTag({ rating }: { rating: ToolRating }) {
  return <strong className={`nhsuk-tag nhsuk-tag--${rating.colour} dsr-rating-tag`}>{rating.name}</strong>;
}

function contextFor(fields: Field[], state: ToolState): QuestionContext {
  const form = { sections: [{ fields }] } as unknown as FormView;
  return { form, values: state.values, errorFor: (name) => state.errors.find((error) => error.field === name), onChange: noop, enhanced: false, changing: state.changing };
}

function Errors({ state, fields }: { state: ToolState; fields: Field[] }) {
  if (state.errors.length === 0) return null;
  const summary = state.errors.map((error) => {
    const field = fields.find((candidate) => candidate.name === error.field);
    return { error, href: field ? errorTarget(field, error.code) : '#maincontent' };
  });
  return <ErrorSummary errors={summary} attempt={0} />;
}

/** Every value posted so far, as hidden fields, so each step carries the answers on without storing them. */
function Carried({ fields, values }: { fields: Field[]; values: FormValues }) {
  return (
    <>
      {fields.map((field) => {
        if (field.type === 'date') {
          const parts = dateOf(values, field.name);
          return (['day', 'month', 'year'] as const).map((part) => <input type="hidden" name={`${field.name}-${part}`} value={parts[part]} key={`${field.name}-${part}`} />);
        }
        if (field.type === 'checkboxes') return listOf(values, field.name).map((value) => <input type="hidden" name={field.name} value={value} key={`${field.name}-${value}`} />);
        return <input type="hidden" name={field.name} value={textOf(values, field.name)} key={field.name} />;
      })}
    </>
  );
}

function MdtDecides() {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>The multidisciplinary team (MDT) decides the rating, using its clinical judgement. This tool only gives structure to the discussion: its suggestion is never the decision.</p>
    </div>
  );
}

function QuestionsStep({ tool, state }: ToolProps) {
  const questions = toolQuestionFields(tool);
  const context = contextFor(questions, state);
  return (
    <>
      <Errors state={state} fields={questions} />
      <h1>{toolTitle}</h1>
      <p className="nhsuk-body-l">Answer these questions together as a multidisciplinary team, with the person and their family where you can. The tool suggests a rating and shows which answers led to it.</p>
      <MdtDecides />
      <p>Nothing you enter is stored. At the end you get a summary to print, or save as a PDF, for your agency's case recording system, and you can carry the agreed rating into a referral.</p>
      <form method="post" action={ratingSupportPage} noValidate acceptCharset="utf-8">
        {questions.map((field) => (
          <Question field={field} context={context} key={field.name} />
        ))}
        <Carried fields={agreementFields} values={state.values} />
        <p>You can leave a question unanswered if nobody knows. The tool will say which are missing.</p>
        <button className="nhsuk-button" data-module="nhsuk-button" type="submit" name="step" value="suggestion">
          See the suggested rating
        </button>
      </form>
      <h2 className="nhsuk-heading-m">Where the questions come from</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {tool.sources.map((source) => (
          <li key={source.id}>
            <a href={source.url}>{source.title}</a> ({source.publisher})
          </li>
        ))}
      </ul>
    </>
  );
}

/** The answer given to a question, in words. */
const answerWords = (question: ToolData['questions'][number], values: FormValues) =>
  question.answers.find((answer) => answer.id === textOf(values, answerField(question.id)))?.label;

function SuggestionPanel({ tool, suggestion, values }: { tool: ToolData; suggestion: Suggestion; values: FormValues }) {
  const rating = tool.ratings.find((candidate) => candidate.id === suggestion.rating)!;
  const because = tool.questions.filter((question) => suggestion.because.includes(question.id));
  const missing = tool.questions.filter((question) => suggestion.missing.includes(question.id));
  return (
    <>
      <div className={`dsr-rating dsr-rating--${rating.colour}`}>
        <h2 className="nhsuk-heading-m dsr-rating__heading">
          Suggested rating: <RatingTag rating={rating} /> <span className="dsr-rating__headline">{rating.headline}</span>
        </h2>
        {because.length > 0 ? (
          <>
            <p>These answers led to it:</p>
            <ul className="nhsuk-list nhsuk-list--bullet" data-because="">
              {because.map((question) => (
                <li key={question.id}>
                  {question.question} <strong>{answerWords(question, values)}</strong>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>No answer pointed to a higher rating, so the tool suggests {rating.name}, the rating it starts from.</p>
        )}
        <p>{rating.name} fits when:</p>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {rating.criteria.map((criterion) => (
            <li key={criterion}>{criterion}</li>
          ))}
        </ul>
      </div>
      {missing.length > 0 && (
        <div className="nhsuk-warning-callout" data-missing="">
          {/* Not the design system's role="text", which the Nu HTML Checker refuses (no such role): a plain span reads the same. */}
          <h3 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {missing.length === 1 ? '1 question is not answered' : `${missing.length} questions are not answered`}
            </span>
          </h3>
          <p>The suggestion comes only from the answers given, so it may be too low. Not answered:</p>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {missing.map((question) => (
              <li key={question.id}>{question.question}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function SuggestionStep({ tool, state }: ToolProps) {
  const questions = toolQuestionFields(tool);
  const context = contextFor(agreementFields, state);
  return (
    <>
      <Errors state={state} fields={agreementFields} />
      <h1>{stepTitles.suggestion}</h1>
      <SuggestionPanel tool={tool} suggestion={state.suggestion!} values={state.values} />
      <MdtDecides />
      <form method="post" action={ratingSupportPage} noValidate acceptCharset="utf-8">
        <Carried fields={questions} values={state.values} />
        <h2 className="nhsuk-heading-m">What the MDT agreed</h2>
        {agreementFields.map((field) => (
          <Question field={field} context={context} key={field.name} />
        ))}
        <div className="nhsuk-button-group">
          <button className="nhsuk-button" data-module="nhsuk-button" type="submit" name="step" value="summary">
            Make the summary
          </button>
          <button className="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button" type="submit" name="step" value="questions">
            Change the answers
          </button>
        </div>
      </form>
    </>
  );
}

function SummaryStep({ tool, state }: ToolProps) {
  const { values, suggestion } = state;
  const agreed = tool.ratings.find((rating) => rating.id === textOf(values, 'agreedRating'))!;
  const suggested = tool.ratings.find((rating) => rating.id === suggestion!.rating)!;
  const row = (key: string, value: ReactNode) => (
    <div className="nhsuk-summary-list__row" key={key}>
      <dt className="nhsuk-summary-list__key">{key}</dt>
      <dd className="nhsuk-summary-list__value">{value}</dd>
    </div>
  );
  const reasons = textOf(values, 'agreedReasons');
  const discussedOn = state.discussedOn!;
  return (
    <div className="dsr-rating-summary">
      <h1>{stepTitles.summary}</h1>
      <p className="dsr-no-print">Print this summary, or save it as a PDF, and keep it on your agency's case recording system. Nothing is stored on this website: once you leave this page it is gone.</p>
      {/* The button on a line of its own (shown only when JavaScript can press it), the words for printing without it below. */}
      <div className="dsr-no-print">
        <button className="nhsuk-button nhsuk-button--secondary dsr-print-button" data-module="nhsuk-button" type="button" data-print="" hidden>
          Print this summary
        </button>
      </div>
      <p className="dsr-no-print dsr-print-hint">To print it, use your browser's Print command (Ctrl and P, or Cmd and P on a Mac).</p>
      <dl className="nhsuk-summary-list">
        {row('Date of the discussion', formatDate(discussedOn))}
        {row('Who took part', <span className="dsr-preserve-lines">{textOf(values, 'tookPart')}</span>)}
        {row('Suggested rating', <><RatingTag rating={suggested} /> {suggested.headline}</>)}
        {row('Rating the MDT agreed', <><RatingTag rating={agreed} /> {agreed.headline}</>)}
        {row('Why the MDT agreed it', <span className="dsr-preserve-lines">{reasons}</span>)}
      </dl>
      <h2 className="nhsuk-heading-m">The answers</h2>
      <dl className="nhsuk-summary-list">
        {tool.questions.map((question) => row(question.question, answerWords(question, values) ?? <strong>Not answered</strong>))}
      </dl>
      {suggestion!.missing.length > 0 && (
        <p data-missing="">
          <strong>{suggestion!.missing.length === 1 ? '1 question was not answered' : `${suggestion!.missing.length} questions were not answered`}</strong>, so the suggestion came only from the answers given.
        </p>
      )}
      <p>The suggestion came from the DSR rating support tool. The MDT decided the rating using its clinical judgement.</p>
      <div className="dsr-no-print">
        <h2 className="nhsuk-heading-m">Refer this person</h2>
        <p>Carry the agreed rating, the date and the reasons into the referral form. You fill in the rest there. They are sent with the form, never in the page's address.</p>
        <form method="post" action="/refer/" noValidate acceptCharset="utf-8">
          {/* The referral form opens with these filled in (its "change" step: nothing is sent or saved). */}
          <input type="hidden" name="change" value="rating" />
          <input type="hidden" name="rating" value={agreed.id} />
          <input type="hidden" name="ratingReason" value={reasons} />
          {(['day', 'month', 'year'] as const).map((part, index) => (
            <input type="hidden" name={`ratingAgreedOn-${part}`} value={String(Number(discussedOn.split('-')[2 - index]))} key={part} />
          ))}
          <button className="nhsuk-button" data-module="nhsuk-button" type="submit">
            Refer with this rating
          </button>
        </form>
        <form method="post" action={ratingSupportPage} noValidate acceptCharset="utf-8">
          <Carried fields={[...toolQuestionFields(tool), ...agreementFields]} values={values} />
          <button className="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button" type="submit" name="step" value="suggestion">
            Change what the MDT agreed
          </button>
        </form>
      </div>
    </div>
  );
}

export function RatingSupportTool(props: ToolProps) {
  if (props.state.step === 'summary') return <SummaryStep {...props} />;
  if (props.state.step === 'suggestion') return <SuggestionStep {...props} />;
  return <QuestionsStep {...props} />;
}
