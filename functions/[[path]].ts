// Every form's routes, from the definitions in src/forms (src/server/routes/forms.ts):
// POST to a form's page (no JavaScript) or its /api/… address (the island); GET of a
// confirmation page with its reference, or of the sign-in link's page. More specific
// files (functions/api/…) come first; public/_routes.json, written at build, sends
// nothing else here.
import type { PagesFunction } from '../src/server/http/context.ts';
import { getFormPage, postForm } from '../src/server/routes/forms.ts';

export const onRequestPost: PagesFunction = (context) => postForm(context);
export const onRequestGet: PagesFunction = (context) => getFormPage(context);
