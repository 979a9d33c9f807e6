// The rating support tool's posts (src/forms/rating-support.ts has the steps and the
// rule): each step is drawn from what was posted, and nothing is stored or logged but
// the step's name. A post from another site, or one too large to read, is refused as
// every form's is.
import { ratingSupport } from '../../content/rating-support.ts';
import {
  describeToolErrors,
  ratingSupportPage,
  readAgreement,
  readAnswers,
  readToolStep,
  readToolValues,
  suggestRating,
  toolData,
} from '../../forms/rating-support.ts';
import { formMessages } from '../../forms/messages.ts';
import type { FunctionContext } from '../http/context.ts';
import { renderRatingSupportPage } from '../http/render.ts';
import { problem } from '../http/responses.ts';
import { checkSameSite, readPostedAnswers } from '../http/security.ts';
import { log } from '../platform/log.ts';
import { readSettings } from '../platform/settings.ts';

export async function postRatingSupport(context: FunctionContext): Promise<Response> {
  const { request, env } = context;
  const settings = readSettings(env);
  const crossSite = checkSameSite(request, settings.siteUrl);
  if (crossSite) {
    log({ event: 'refused', form: 'ratingSupport', reason: crossSite.reason });
    return problem(request, crossSite.status, formMessages[crossSite.reason]);
  }
  const posted = await readPostedAnswers(request);
  if ('reason' in posted) {
    log({ event: 'refused', form: 'ratingSupport', reason: posted.reason });
    return problem(request, posted.status, formMessages[posted.reason]);
  }
  const tool = toolData(ratingSupport);
  const values = readToolValues(ratingSupport, posted.answers);
  const step = readToolStep(posted.answers);
  const draw = (state: Parameters<typeof renderRatingSupportPage>[3]['state'], status = 200) =>
    renderRatingSupportPage(env, request, ratingSupportPage, { tool, state }, status);

  const { answers, errors } = readAnswers(ratingSupport, values);
  if (errors.length > 0) return draw({ step: 'questions', values, errors: describeToolErrors(ratingSupport, errors) }, 422);
  if (step === 'questions') return draw({ step: 'questions', values, errors: [] });
  const suggestion = suggestRating(ratingSupport, answers);
  if (step === 'suggestion') return draw({ step: 'suggestion', values, errors: [], suggestion });
  const agreement = readAgreement(values);
  if (!agreement.ok) return draw({ step: 'suggestion', values, errors: describeToolErrors(ratingSupport, agreement.errors), suggestion }, 422);
  return draw({ step: 'summary', values, errors: [], suggestion, discussedOn: agreement.agreement.discussedOn });
}
