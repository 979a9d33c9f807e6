// The contract between the comms team's files in content/ and the site.
// Astro's collections (src/content.config.ts), the typed data modules other code
// imports (ratings.ts, keyworkers.ts) and `npm run check:content` all validate with
// these same schemas, so a file that passes the checker also builds.
//
// Nothing here may import astro:content: the checker runs on plain Node.
// `.describe()` holds the hint an editor sees when a field is wrong.
import { z } from 'astro/zod';

const text = z.string().trim().min(1, 'is empty');
const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be small letters, numbers and dashes only')
  .describe('small letters, numbers and dashes, for example "register-for-an-account"');
/** An address on this site, such as /refer/ or /ratings/#red. */
const internalHref = z
  .string()
  .regex(/^\/[^/]/, 'must start with a single slash')
  .describe('an address on this site that starts with a slash, for example /refer/');
const reviewDate = z.coerce.date().describe('a date as year-month-day, for example 2026-11-25');

// ---------------------------------------------------------------------------
// Data files
// ---------------------------------------------------------------------------

/** The design system's tag colours the site styles a rating in (src/styles/guidance.scss gives each its edge). */
export const ratingColours = ['red', 'orange', 'green', 'blue'] as const;

/** A short code stored in the register, in small letters: once published, never change it. */
const code = z
  .string()
  .regex(/^[a-z]+(_[a-z]+)*$/, 'must be small letters, with underscores between words')
  .describe('small letters and underscores, for example "young_person"; never change it once published');

export const ratingSchema = z.strictObject({
  /** Which rating this is: the key that other files, the referral form and the register use. */
  id: code.describe('the rating word in small letters, for example red; never change it once published'),
  /** The rating's word, in capitals, shown every time the rating appears: colour is never the only cue. */
  name: z.string().regex(/^[A-Z]+$/, 'must be one word in capital letters').describe('the rating word in capitals, for example RED'),
  /** The colour of the rating's tag and edge; it only repeats what the word says. */
  colour: z.enum(ratingColours).describe(`one of ${ratingColours.join(', ')}`),
  /** A few words that sum the rating up, shown beside its name. */
  headline: text.max(60, 'is longer than 60 characters').describe('a few words, for example "At immediate risk of admission"'),
  /** Who the rating describes, in one or two plain-English sentences. */
  describes: text.describe('one or two sentences about the people who have this rating'),
  /**
   * When the rating fits: NHS England's national criteria (the DSR and C(E)TR policy, as
   * integrated care systems publish them) in the site's own words, one a line. /ratings/,
   * the referral form's rating question and the rating support tool show them.
   */
  criteria: z.array(text).min(1, 'needs at least one criterion').describe('a list of sentences, each in quotes, for example ["The person is in crisis."]'),
  /** The rating in easy read, one short sentence that starts with its name: the easy read guides show it beside the rating's picture. */
  easyRead: text
    .max(100, 'is longer than 100 characters')
    .describe('one short sentence in easy read that starts with the rating word, for example "RED means you might go into hospital very soon."'),
  /** What must happen for a person with this rating, one action a line: the guidance and both referral emails say these. */
  mustHappen: z.array(text).min(1, 'needs at least one action').describe('a list of actions, each in quotes, for example ["A C(E)TR must take place."]'),
  /** When a Care (Education) and Treatment Review takes place for this rating. */
  cetr: text.describe('one sentence about when a C(E)TR happens for this rating'),
  /** The DSR team must act on the day: their email is marked urgent, its subject starting "[RED – urgent]". */
  urgent: z.boolean().describe('true or false, without quotes'),
  /** The rating of someone in a mental health hospital now: only they may have it, and they must. */
  inHospital: z.boolean().describe('true or false, without quotes; true for exactly one rating'),
  /** What must happen, in a few words, for the subject line of the DSR team's email. */
  actionsInShort: text.max(80, 'is longer than 80 characters').describe('a few words, for example "C(E)TR and meeting by exception needed"'),
  /**
   * How many days after a rating is agreed it is due for review: the local DSR policy's
   * interval. The console's register shows a rating older than this as overdue, and
   * "Ratings due for review" lists those first (hazard HAZ-005).
   */
  reviewWithinDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(730, 'must be 730 days (two years) or fewer')
    .describe('a whole number of days, without quotes, for example 28'),
});
export type Rating = z.output<typeof ratingSchema>;
/** A rating's id, as stored in the register: one of the ids in content/ratings.json. */
export type RatingId = Rating['id'];

export const ratingsFileSchema = z.array(ratingSchema).min(1, 'needs at least one rating').superRefine((ratings, context) => {
  ratings.forEach((rating, index) => {
    if (!rating.easyRead.startsWith(`${rating.name} `)) {
      context.addIssue({
        code: 'custom',
        path: [index, 'easyRead'],
        message: `does not start with ${rating.name}`,
        params: { fix: `Start the sentence with the rating word, for example "${rating.name} means …", so that the word, not only the picture's colour, says which rating it is.` },
      });
    }
  });
  const inHospital = ratings.filter((rating) => rating.inHospital).length;
  if (inHospital !== 1) {
    context.addIssue({
      code: 'custom',
      message: `has ${inHospital} ratings with inHospital true`,
      params: { fix: 'Set inHospital to true for exactly one rating: the one for someone in a mental health hospital now (BLUE).' },
    });
  }
});

/** How soon: the words that follow what the team does, for example "within five working days". */
const when = text
  .regex(/^(on|within|by) /, 'must start with "on", "within" or "by"')
  .max(60, 'is longer than 60 characters')
  .describe('a few words that start with on, within or by, for example "within five working days"');
/** What the team does, as the start of a sentence that the "when" words finish (no full stop). */
const whatHappens = text
  .regex(/[^.]$/, 'ends with a full stop: the site adds the "when" words after it')
  .max(160, 'is longer than 160 characters')
  .describe('the start of a sentence without a full stop, for example "The DSR team reads the referral and contacts the professional who made it"');

/**
 * What the DSR team commits to, and how soon: the confirmation pages, the emails and
 * the guidance all say these, so a change here changes every place at once.
 */
export const timescalesSchema = z.strictObject({
  /** What happens after a referral, and how soon for each rating. */
  referrals: z.strictObject({
    /** What the team does with a referral. */
    whatHappens,
    /** How soon, for each rating: every rating in ratings.json once. */
    byRating: z
      .array(
        z.strictObject({
          /** The rating's id from ratings.json. */
          rating: code.describe('a rating id from ratings.json, for example red'),
          /** How soon the team acts on a referral with this rating. */
          when,
        }),
      )
      .min(1, 'needs at least one rating'),
  }),
  /** What happens after someone asks for consent to be withdrawn, and how soon. */
  withdrawals: z.strictObject({ whatHappens, when }),
  /** What happens after a family or a person asks to be considered for the register (/ask/), and how soon. */
  requests: z.strictObject({
    whatHappens,
    when,
    /** What the team will do, in order, one step a line: the /ask/ page and its email show them. */
    steps: z.array(text).min(1, 'needs at least one step').describe('a list of sentences, each in quotes'),
  }),
});
export type Timescales = z.output<typeof timescalesSchema>;

/**
 * The rating support tool (/professionals/rating-support/): the questions the MDT answers
 * together, and the rating each answer points to. The tool suggests the highest rating any
 * answer points to (in `ratingOrder`); the MDT decides. Edited with the DSR clinical lead.
 */
export const ratingSupportSchema = z.strictObject({
  /** The rating suggested when no answer points to any: an id from ratings.json. */
  startingRating: code.describe('a rating id from ratings.json, for example green'),
  /** Every rating id of ratings.json once, from the one that asks least to the one that asks most: the tool never suggests a rating earlier in this list than an answer points to. */
  ratingOrder: z.array(code).min(1, 'needs every rating').describe('every rating id once, lowest first, for example ["green", "amber", "red", "blue"]'),
  /** Where the questions come from: each question names one or more of these. */
  sources: z
    .array(
      z.strictObject({
        /** A short name the questions use for this source. */
        id: slug,
        /** The source's title as its publisher gives it. */
        title: text,
        /** Who published it. */
        publisher: text,
        /** Where to read it: a full web address starting https://. */
        url: z.url({ protocol: /^https$/ }).describe('a full web address that starts with https://'),
      }),
    )
    .min(1, 'needs at least one source'),
  /** The questions, in the order the MDT answers them. */
  questions: z
    .array(
      z.strictObject({
        /** A short name for the question: the summary and the form use it, so keep it once published. */
        id: slug,
        /** The question, ending with a question mark. */
        question: text.regex(/\?$/, 'must end with a question mark').describe('a question, for example "Is the person in crisis now?"'),
        /** Help under the question: what counts, with an example. */
        help: text.describe('one or two sentences'),
        /** The ids of the sources the question comes from. */
        sources: z.array(slug).min(1, 'needs at least one source').describe('a list of source ids, for example ["nhse-policy"]'),
        /** The answers to choose from, each with the rating it points to, if any. */
        answers: z
          .array(
            z.strictObject({
              /** A short name for the answer, for example yes. */
              id: slug,
              /** The answer's words, for example "Yes". */
              label: text,
              /** The rating this answer points to: an id from ratings.json. Leave it out when the answer points to none. */
              pointsTo: code.optional().describe('a rating id from ratings.json, for example amber, or nothing'),
            }),
          )
          .min(2, 'needs at least two answers'),
      }),
    )
    .min(1, 'needs at least one question'),
});
export type RatingSupport = z.output<typeof ratingSupportSchema>;

/** An age range in whole years, both ends included; no youngestAge means from birth, no oldestAge means no upper limit. */
const ageRange = {
  /** The youngest age the entry covers, in years; leave it out when there is no lower limit. */
  youngestAge: z.number().int().min(0).max(120).optional().describe('a whole number of years, for example 18'),
  /** The oldest age the entry covers, in years, counting that age itself ("18 and under" is 18); leave it out when there is no upper limit. */
  oldestAge: z.number().int().min(0).max(120).optional().describe('a whole number of years, for example 25'),
};
export interface AgeRange {
  youngestAge?: number | undefined;
  oldestAge?: number | undefined;
}

/** Ranges that must cover every age from birth, each age once, in order (age groups). */
const coverEveryAge = (what: string) => (entries: readonly AgeRange[], context: z.core.$RefinementCtx) => {
  let next = 0;
  entries.forEach((entry, index) => {
    const from = entry.youngestAge ?? 0;
    if (from !== next) {
      context.addIssue({
        code: 'custom',
        path: [index, 'youngestAge'],
        message: from > next ? `leaves ages ${next} to ${from - 1} without ${what}` : `gives age ${from} two ${what}s`,
        params: { fix: `Give each ${what} the ages from just after the one before it, in order, so that every age has exactly one.` },
      });
    }
    next = entry.oldestAge === undefined ? Infinity : entry.oldestAge + 1;
  });
  if (next !== Infinity) {
    context.addIssue({
      code: 'custom',
      message: `leaves ages ${next} and over without ${what}`,
      params: { fix: `Leave out oldestAge on the last ${what}, so that it covers every age after it.` },
    });
  }
};

export const ageGroupSchema = z.strictObject({
  /** The age group as the register stores it. */
  id: code,
  /** The age group in words, as the DSR team's email says it, for example "young person". */
  name: text.describe('a few words in small letters, for example "young person"'),
  ...ageRange,
});
export type AgeGroup = z.output<typeof ageGroupSchema>;
export const ageGroupsFileSchema = z.array(ageGroupSchema).min(1, 'needs at least one age group').superRefine(coverEveryAge('age group'));

/** Who a review is for: an age range, and for some ages whether the person has an education, health and care plan. */
const reviewForSchema = z.strictObject({
  ...ageRange,
  /** true: only people with an education, health and care plan (EHCP); false: only people without one (or not known); left out: either. */
  hasEhcp: z.boolean().optional().describe('true for people with an EHCP, false for people without one; leave it out when it does not matter'),
});
export type ReviewFor = z.output<typeof reviewForSchema>;

export const reviewTypeSchema = z.strictObject({
  /** The review as the register stores it, and as the referral form's previous-review question posts it. */
  id: code,
  /** The review's full name, for example "Care and Treatment Review". */
  name: text.describe('the full name, for example "Care and Treatment Review"'),
  /** Its initials, for example CTR. */
  shortName: z.string().regex(/^[A-Z()]+$/, 'must be capital letters').describe('the initials in capitals, for example CTR'),
  /** The people it is for: NHS England's code of practice gives a CETR to under-18s and to 18 to 25-year-olds with an EHCP. */
  for: z.array(reviewForSchema).min(1, 'needs at least one group of people'),
  /**
   * How often someone in a mental health hospital has this review, in months: NHS England's
   * DSR and C(E)TR policy gives at least every 3 months for a CETR and every 6 for a CTR.
   * The console's C(E)TR records show when the next one is due from it; in the community a
   * review follows the rating, not an interval.
   */
  inHospitalEveryMonths: z
    .number()
    .int('must be a whole number of months')
    .min(1, 'must be at least 1 month')
    .max(12, 'must be 12 months or fewer')
    .describe('a whole number of months, without quotes, for example 6'),
});
export type ReviewType = z.output<typeof reviewTypeSchema>;

/** The oldest age the rules look at: past it, every rule without an upper limit goes on applying. */
const oldestAgeChecked = 121;

/** Every person, whatever their age and whether or not they have an EHCP, has exactly one review. */
function oneReviewForEveryone(reviews: readonly ReviewType[], context: z.core.$RefinementCtx) {
  for (const hasEhcp of [true, false]) {
    const who = hasEhcp ? 'with an EHCP' : 'without an EHCP';
    for (let age = 0; age <= oldestAgeChecked; age++) {
      const matching = reviews.filter((review) => review.for.some((group) => reviewApplies(group, age, hasEhcp)));
      if (matching.length === 1) continue;
      context.addIssue({
        code: 'custom',
        message: matching.length === 0 ? `gives no review to someone aged ${age} ${who}` : `gives someone aged ${age} ${who} two reviews`,
        params: { fix: 'Give every age, with and without an EHCP, exactly one review: check the youngestAge, oldestAge and hasEhcp of each group.' },
      });
      return;
    }
  }
}

/** Is this age (whole years) inside the range? */
export function isAgeIn(age: number, range: AgeRange): boolean {
  return age >= (range.youngestAge ?? 0) && (range.oldestAge === undefined || age <= range.oldestAge);
}

/** Whether a review's group takes in someone of this age, with or without an EHCP ("not known" counts as without). */
export function reviewApplies(group: ReviewFor, age: number, hasEhcp: boolean): boolean {
  return isAgeIn(age, group) && (group.hasEhcp === undefined || group.hasEhcp === hasEhcp);
}

export const reviewTypesFileSchema = z.array(reviewTypeSchema).min(1, 'needs at least one review').superRefine(oneReviewForEveryone);

export const referenceKindSchema = z.strictObject({
  /** What the reference names: a referral, a consent record, a withdrawal request. */
  id: code,
  /** The three capital letters a reference of this kind starts with; never change it once published. */
  prefix: z.string().regex(/^[A-Z]{3}$/, 'must be three capital letters').describe('three capital letters, for example DSR; never change it once published'),
});
export type ReferenceKind = z.output<typeof referenceKindSchema>;
export const referenceKindsFileSchema = z.array(referenceKindSchema).min(1, 'needs at least one kind of reference');

export const keyworkerEligibilityRuleSchema = z.strictObject({
  /** A short name for the rule, used only to tell rules apart. */
  id: slug,
  /** The youngest age the rule covers, in years; leave it out when there is no lower limit. */
  youngestAge: z.number().int().min(0).max(120).optional().describe('a whole number of years, for example 18'),
  /** The oldest age the rule covers, in years, counting that age itself ("18 and under" is 18). */
  oldestAge: z.number().int().min(0).max(120).describe('a whole number of years, for example 25'),
  /** The ratings that make someone of these ages eligible for a keyworker: ids from ratings.json. */
  ratings: z.array(code).min(1, 'needs at least one rating').describe('a list of rating ids from ratings.json, for example ["red", "amber", "blue"]'),
});
export type KeyworkerEligibilityRule = z.output<typeof keyworkerEligibilityRuleSchema>;
export const keyworkerEligibilityFileSchema = z.array(keyworkerEligibilityRuleSchema).min(1, 'needs at least one rule');

export const pathwayStepSchema = z.strictObject({
  /** A short name for the step, which becomes its anchor in the page address (#refer). */
  id: slug,
  /** The step's heading: what the professional does, starting with a verb. */
  title: text.max(70, 'is longer than 70 characters').describe('a short heading that starts with a verb, for example "Register for an account"'),
  /** One or two sentences on what the step involves. */
  summary: text.describe('one or two sentences'),
  /** The things to do or check in this step, one a line. */
  actions: z.array(text).default([]).describe('a list of actions, each in quotes'),
  /** A question the professional must answer at this step, and where each answer leads. */
  decision: z
    .strictObject({
      /** The question, ending with a question mark. */
      question: text.regex(/\?$/, 'must end with a question mark').describe('a question, for example "Does the person consent?"'),
      /** Each possible answer and what happens after it. */
      answers: z
        .array(
          z.strictObject({
            /** The answer, for example "Yes". */
            answer: text,
            /** What to do after this answer. */
            then: text,
          }),
        )
        .min(2, 'needs at least two answers'),
    })
    .optional(),
  /** Pages or forms this step needs, each with the words the link shows. */
  links: z
    .array(
      z.strictObject({
        /** Where the link goes: an address on this site. */
        href: internalHref,
        /** The words of the link: say where it goes, never "click here". */
        text,
      }),
    )
    .default([]),
  /** Show, under this step, what happens for each rating (taken from ratings.json). */
  showRatingOutcomes: z.boolean().default(false).describe('true or false, without quotes'),
});
export type PathwayStep = z.output<typeof pathwayStepSchema>;
export const referralPathwayFileSchema = z.array(pathwayStepSchema).min(1, 'needs at least one step');

export const keyworkingStandardSchema = z.strictObject({
  /** A short name for the standard; the checklist remembers ticks by it, so keep it once published. */
  id: slug,
  /** The standard's number, 1 to 7, in the order the national standards give them. */
  number: z.number().int().min(1).describe('a whole number, for example 3'),
  /** The standard's short title. */
  title: text.max(70, 'is longer than 70 characters'),
  /** What the standard asks for, in one or two sentences. */
  summary: text,
  /** What a commissioner should see in place, one point a line. */
  points: z.array(text).default([]),
});
export type KeyworkingStandard = z.output<typeof keyworkingStandardSchema>;
export const keyworkingStandardsFileSchema = z.array(keyworkingStandardSchema).superRefine((standards, context) => {
  standards.forEach((standard, index) => {
    if (standard.number !== index + 1) {
      context.addIssue({
        code: 'custom',
        path: [index, 'number'],
        message: `is ${standard.number}, but it is standard ${index + 1} in the list`,
        params: { fix: 'Number the standards 1, 2, 3 and so on, in the order they appear in the file.' },
      });
    }
  });
});

/** How the C(E)TR resources are grouped on the /cetr/ page. */
export const cetrResourceGroups = ['policy', 'reviews', 'panels', 'discharge', 'families'] as const;

export const cetrResourceSchema = z.strictObject({
  /** A short name for the resource, used only to tell resources apart. */
  id: slug,
  /** The resource's title as its publisher gives it. */
  title: text,
  /** What the resource is for, in one sentence. */
  purpose: text,
  /** Who the resource is for, one group of people a line. */
  audience: z.array(text).min(1, 'needs at least one group of people').describe('a list, for example ["Commissioners", "Families"]'),
  /** Which heading the resource sits under on the page. */
  group: z.enum(cetrResourceGroups).describe(`one of ${cetrResourceGroups.join(', ')}`),
  /** Where to find it: its own page, or the NHS England page that lists it; a full web address starting https://. */
  url: z.url({ protocol: /^https$/ }).describe('a full web address that starts with https://'),
});
export type CetrResource = z.output<typeof cetrResourceSchema>;
export const cetrResourcesFileSchema = z.array(cetrResourceSchema).min(1, 'needs at least one resource');

export const glossaryTermSchema = z.strictObject({
  /** A short name for the entry, used only to tell entries apart. */
  id: slug,
  /** The hard word or phrase as it is usually written. */
  term: text,
  /** Other ways the same word is written (plurals, short forms), which count as the same word. */
  otherForms: z.array(text).default([]).describe('a list, for example ["DSR", "register"]'),
  /** What the word means, in easy read. */
  meaning: text,
});
export type GlossaryTerm = z.output<typeof glossaryTermSchema>;
export const glossaryFileSchema = z.array(glossaryTermSchema).min(1, 'needs at least one word');

/** The local areas: each has its own DSR tracking meeting, and a referral or an account names one. */
export const areasFileSchema = z.array(text.describe('the area\'s name, for example "Riverton City"')).min(1, 'needs at least one area');

const contactSchema = z.strictObject({
  /** Who the reader is contacting, as they should be addressed. */
  name: text,
  /** An email address that is read every working day. */
  email: z.email('is not an email address').describe('an email address, for example dsr.team@example.nhs.net'),
  /** A phone number written the UK way, with spaces. */
  phone: text.optional(),
  /** When the phone is answered. The footer shows it in brackets, so it has none of its own. */
  hours: text.regex(/^[^()]*$/, 'has brackets: the site shows the hours in brackets already, so write "except bank holidays" instead of "(not bank holidays)"').optional(),
  /** A postal address, one line a part. */
  address: z.array(text).optional().describe('a list of address lines, for example ["Riverton House", "Riverton", "RV1 1AA"]'),
});

/** Addresses of this machine, which a published page must never carry. */
export const loopbackHost = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/;

export const siteSchema = z.strictObject({
  /** The service's name, shown in the header and in every page title. */
  serviceName: text,
  /** The site's public address: printed on leaflets, and used in canonical links, the sitemap and robots.txt. SITE_URL overrides it at build. */
  webAddress: z
    .url({ protocol: /^https$/, error: 'must be a full web address that starts with https://' })
    .refine((address) => !loopbackHost.test(new URL(address).hostname), 'is this computer\'s own address: use the address the public reaches the site at')
    .refine((address) => new URL(address).pathname === '/', 'must be the address of the site itself, with nothing after the domain')
    .describe('the public address of the site, for example https://dsr.example.nhs.uk/'),
  /** The integrated care system this register covers. */
  area: text,
  /** The DSR team: who readers contact about referrals, withdrawals, training and problems with the site. */
  team: contactSchema,
  /** The organisation responsible for the register's data (the data controller). */
  dataController: contactSchema,
  /** The data protection officer people can contact about their data. */
  dataProtectionOfficer: contactSchema,
  /** Numbers to call in a crisis, which the "not for emergencies" notice shows. */
  crisis: z.strictObject({
    /** The emergency number. */
    emergency: text,
    /** The urgent help number. */
    urgent: text,
    /** The option to choose on the urgent number for mental health help. */
    urgentMentalHealthOption: text,
  }),
});
export type Site = z.output<typeof siteSchema>;

// ---------------------------------------------------------------------------
// Markdown front matter
// ---------------------------------------------------------------------------

const pageTitle = text.max(80, 'is longer than 80 characters').describe('the page heading, for example "About the DSR"');
const pageDescription = text
  .min(30, 'is shorter than 30 characters')
  .max(200, 'is longer than 200 characters')
  .describe('one sentence of 30 to 200 characters that says what the page is for');
/** A picture in public/images/. */
const picture = z.strictObject({
  /** Where the picture is: an address starting /images/. */
  src: z.string().regex(/^\/images\/.+\.(svg|png|jpg)$/, 'must be a picture in public/images/').describe('for example /images/easy-read/register.svg'),
  /** What the picture shows, for people who cannot see it: leave it out when the guide's title beside it says it all. */
  alt: z.string().trim().default('').describe('a few words that say what the picture shows, or nothing'),
});

export const pageSchema = z.strictObject({
  /** The page's only main heading (h1) and the start of its browser tab title. */
  title: pageTitle,
  /** A shorter name for breadcrumbs and lists of pages, when the title is long. */
  shortTitle: text.max(40, 'is longer than 40 characters').optional(),
  /** One sentence on what the page is for, shown by search engines and in site search. */
  description: pageDescription,
  /** An opening paragraph shown in larger text under the heading. */
  lede: text.optional(),
  /** Show the "not for emergencies" notice under the opening paragraph: for pages a person in crisis may read. */
  emergencyNotice: z.boolean().default(false).describe('true or false, without quotes'),
  /** Show a list of the page's sections under the heading: for long pages. */
  contents: z.boolean().default(false).describe('true or false, without quotes'),
  /** Whether site search lists this page. */
  searchable: z.boolean().default(true).describe('true or false, without quotes'),
  /** When someone last checked that the page is right. */
  reviewed: reviewDate,
  /** When the page must next be checked. */
  reviewDue: reviewDate,
});
export type PageFrontmatter = z.output<typeof pageSchema>;

export const easyReadSchema = z.strictObject({
  /** The guide's only main heading (h1) and the start of its browser tab title. */
  title: pageTitle,
  /** One sentence on what the guide is for, shown by search engines and in site search. */
  description: pageDescription,
  /** The picture beside the guide in the list of easy read guides. */
  picture,
  /** List this guide on the leaflets page too, as a leaflet to print. */
  leaflet: z.boolean().default(false).describe('true or false, without quotes'),
  /** Where the guide comes in lists: lower numbers first. */
  order: z.number().int().default(100).describe('a whole number, for example 1'),
  /** When someone last checked that the guide is right. */
  reviewed: reviewDate,
  /** When the guide must next be checked. */
  reviewDue: reviewDate,
});
export type EasyReadFrontmatter = z.output<typeof easyReadSchema>;

/** Who a printed leaflet is written for. */
export const leafletAudiences = ['professionals', 'families'] as const;

export const leafletSchema = z.strictObject({
  /** The leaflet's heading, printed at the top of the first page. */
  title: pageTitle,
  /** One sentence on what the leaflet is for, shown in the list of leaflets. */
  description: pageDescription,
  /** Who the leaflet is written for. */
  audience: z.enum(leafletAudiences).describe(`one of ${leafletAudiences.join(' or ')}`),
  /** Where the leaflet comes in the list: lower numbers first. */
  order: z.number().int().default(100).describe('a whole number, for example 1'),
  /** When someone last checked that the leaflet is right. */
  reviewed: reviewDate,
  /** When the leaflet must next be checked. */
  reviewDue: reviewDate,
});
export type LeafletFrontmatter = z.output<typeof leafletSchema>;
