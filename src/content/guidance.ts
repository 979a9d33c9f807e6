// The data behind the guidance pages (pathway steps, C(E)TR resources, the
// glossary and the site's contacts), read from content/ and checked against the
// schemas when first imported.
import pathwayFile from '../../content/referral-pathway.json' with { type: 'json' };
import cetrFile from '../../content/cetr-resources.json' with { type: 'json' };
import glossaryFile from '../../content/glossary.json' with { type: 'json' };
import siteFile from '../../content/site.json' with { type: 'json' };
import {
  cetrResourcesFileSchema,
  glossaryFileSchema,
  referralPathwayFileSchema,
  siteSchema,
  type CetrResource,
  type GlossaryTerm,
  type PathwayStep,
  type Site,
} from './schemas.ts';

export type { CetrResource, GlossaryTerm, PathwayStep, Site };

/** The referral pathway, step by step, in order. */
export const referralPathway: readonly PathwayStep[] = referralPathwayFileSchema.parse(pathwayFile);

/** The C(E)TR policy, code of practice and toolkit resources. */
export const cetrResources: readonly CetrResource[] = cetrResourcesFileSchema.parse(cetrFile);

/** Hard words and what they mean in easy read. */
export const glossary: readonly GlossaryTerm[] = glossaryFileSchema.parse(glossaryFile);

/** The service's name, area and every contact the site shows. */
export const site: Site = siteSchema.parse(siteFile);
