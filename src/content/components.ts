// The tags an MDX file in content/ may use, such as <RatingsList />. Each one
// shows data from content/*.json, so facts are written once. The site maps each
// name to an Astro component (src/components/guidance/content-components.ts, which
// must list exactly these), and `npm run check:content` rejects any other tag.
export const contentComponents = {
  RatingsList: 'Every rating in full: who it describes, what must happen and keyworkers.',
  RatingsSummary: 'A short list of the four ratings: each name and headline.',
  EasyReadRatings: 'The ratings in easy read, each with its picture and its easyRead sentence from ratings.json.',
  ReferralPathway: 'The referral pathway steps, with their decisions, from referral-pathway.json.',
  KeyworkerEligibility: 'Who must be assessed for a keyworker, from keyworker-eligibility.json. Add easyRead for easy read words.',
  KeyworkingChecklist: 'The seven minimum standards as a checklist to tick and print.',
  CetrByRating: 'When a C(E)TR takes place for each rating.',
  CetrResources: 'The C(E)TR policy, code of practice and toolkit resources, grouped.',
  Timescale: 'How soon the DSR team acts, from timescales.json, inside a sentence: <Timescale of="requests" /> or <Timescale of="withdrawals" />.',
  TeamContact: "The DSR team's email, phone and hours, from site.json.",
  DataProtectionContact: 'The data controller and data protection officer, from site.json.',
  EmergencyNotice: 'The "not for emergencies" notice with the crisis numbers.',
  EasyReadEmergencyNotice: 'The same notice in easy read, for easy read guides.',
  EasyReadGuideList: 'Every easy read guide, with its picture.',
  LeafletList: 'Every printable leaflet.',
  PageList: 'Every page of the site, as a list of links.',
  SiteSearch: 'The search form and its results.',
  WebAddress: 'The site\'s public address written out, or one of its pages: <WebAddress page="/withdraw/" />. For leaflets.',
} as const;

export type ContentComponentName = keyof typeof contentComponents;
export const contentComponentNames = Object.keys(contentComponents) as ContentComponentName[];
