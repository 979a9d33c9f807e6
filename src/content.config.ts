// The comms team's content: one collection per folder or data file of content/.
// The schemas live in src/content/schemas.ts so that `npm run check:content` can
// use them on plain Node; CONTENT.md explains every field to editors.
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import {
  cetrResourceSchema,
  easyReadSchema,
  glossaryTermSchema,
  keyworkerEligibilityRuleSchema,
  keyworkingStandardSchema,
  leafletSchema,
  pageSchema,
  pathwayStepSchema,
  ratingSchema,
} from './content/schemas.ts';
import { entryId, markdownCollections } from './content/routes.ts';

const markdown = (folder: string) =>
  glob({ base: `./content/${folder}`, pattern: '**/*.{md,mdx}', generateId: ({ entry }) => entryId(entry) });

export const collections = {
  /** Guidance pages: content/pages/about.md is /about/. */
  pages: defineCollection({ loader: markdown(markdownCollections.pages.folder), schema: pageSchema }),
  /** Easy read guides: content/easy-read/the-dsr-and-you.md is /easy-read/the-dsr-and-you/. */
  easyRead: defineCollection({ loader: markdown(markdownCollections.easyRead.folder), schema: easyReadSchema }),
  /** Printable leaflets: content/leaflets/guide-for-families.mdx is /leaflets/guide-for-families/. */
  leaflets: defineCollection({ loader: markdown(markdownCollections.leaflets.folder), schema: leafletSchema }),
  /** The four ratings. Code outside Astro pages imports src/content/ratings.ts instead. */
  ratings: defineCollection({ loader: file('content/ratings.json'), schema: ratingSchema }),
  /** Who must be assessed for a keyworker. Code outside Astro pages imports src/content/keyworkers.ts instead. */
  keyworkerEligibility: defineCollection({ loader: file('content/keyworker-eligibility.json'), schema: keyworkerEligibilityRuleSchema }),
  /** The steps of the referral pathway, in order. */
  referralPathway: defineCollection({ loader: file('content/referral-pathway.json'), schema: pathwayStepSchema }),
  /** The seven minimum standards for keyworking services. */
  keyworkingStandards: defineCollection({ loader: file('content/keyworking-standards.json'), schema: keyworkingStandardSchema }),
  /** C(E)TR policy, code of practice and toolkit resources. */
  cetrResources: defineCollection({ loader: file('content/cetr-resources.json'), schema: cetrResourceSchema }),
  /** Hard words that easy read pages must explain the first time they use them. */
  glossary: defineCollection({ loader: file('content/glossary.json'), schema: glossaryTermSchema }),
};
