// The one way the server draws a form's island (src/server/http/render.ts calls it),
// for posts that arrive without JavaScript: the same component the browser uses, with
// the typed values and the errors, the check page, or the confirmation, dropped into the
// built page in place of its marked form region. The browser then hydrates it as usual.
// The protocol is src/forms/steps.ts.
import { renderToString } from 'react-dom/server';
import type { FormName } from '../../forms/index.ts';
import { titleFor, type FormState } from '../../forms/steps.ts';
import { islandProps } from './island-props.ts';
import { formPages } from './registry.ts';
import { jsonForScript, propsId, regionEnd, regionStart, rootId } from './region.ts';
import { RatingSupportTool, toolStepTitle, type ToolProps } from '../rating-support/RatingSupportTool.tsx';

export { regionEnd, regionStart };

/** The island's HTML: its root element, and its props (with the state) for the browser to hydrate with. */
export function renderFormHtml(formName: FormName, state: FormState): string {
  const { Component } = formPages[formName];
  const props = islandProps(formName, state);
  const html = renderToString(<Component {...props} />);
  return `<div id="${rootId}" data-form="${formName}">${html}</div><script type="application/json" id="${propsId}">${jsonForScript(props)}</script>`;
}

/** The <title> for this state: "Error: " first when there are errors. */
export function formTitle(formName: FormName, state: FormState): string {
  return titleFor(islandProps(formName).form, state.view);
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The built page (fetched through env.ASSETS) with its form region drawn for this state
 * and its <title> to match. Throws if the page has no form region: that is a build fault.
 */
export function fillFormPage(pageHtml: string, formName: FormName, state: FormState): string {
  const start = pageHtml.indexOf(regionStart);
  const end = pageHtml.indexOf(regionEnd, start);
  if (start < 0 || end < 0) throw new Error(`The built page for the ${formName} form has no form region`);
  const page = pageHtml.slice(0, start + regionStart.length) + renderFormHtml(formName, state) + pageHtml.slice(end);
  return page.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(formTitle(formName, state))}</title>`);
}

/**
 * The rating support tool's page (src/islands/rating-support/) drawn for a post: the
 * built page with its marked region holding the step the post asked for. The tool is
 * never hydrated: it works by form posts alone, so no props are written for a browser.
 */
export function fillRatingSupportPage(pageHtml: string, props: ToolProps): string {
  const start = pageHtml.indexOf(regionStart);
  const end = pageHtml.indexOf(regionEnd, start);
  if (start < 0 || end < 0) throw new Error('The built rating support page has no region to draw into');
  const html = renderToString(<RatingSupportTool {...props} />);
  const page = pageHtml.slice(0, start + regionStart.length) + html + pageHtml.slice(end);
  return page.replace(/<title>([^<]*)<\/title>/, (_, title: string) => `<title>${escapeHtml(`${toolStepTitle(props.state)} - ${title.split(' - ').slice(1).join(' - ')}`)}</title>`);
}
