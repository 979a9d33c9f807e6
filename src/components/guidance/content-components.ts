// The tags MDX files in content/ can use, mapped to the components that draw them.
// The names and what each does are listed in src/content/components.ts (which the
// content checker reads); `satisfies` makes the build fail if the two lists differ.
import type { ContentComponentName } from '../../content/components.ts';
import EmergencyNotice from '../EmergencyNotice.astro';
import CetrByRating from './CetrByRating.astro';
import CetrResources from './CetrResources.astro';
import EasyReadEmergencyNotice from './EasyReadEmergencyNotice.astro';
import DataProtectionContact from './DataProtectionContact.astro';
import EasyReadGuideList from './EasyReadGuideList.astro';
import EasyReadRatings from './EasyReadRatings.astro';
import KeyworkerEligibility from './KeyworkerEligibility.astro';
import KeyworkingChecklist from './KeyworkingChecklist.astro';
import LeafletList from './LeafletList.astro';
import PageList from './PageList.astro';
import RatingsList from './RatingsList.astro';
import RatingsSummary from './RatingsSummary.astro';
import ReferralPathway from './ReferralPathway.astro';
import SiteSearch from './SiteSearch.astro';
import TeamContact from './TeamContact.astro';
import Timescale from './Timescale.astro';
import Picture from './Picture.astro';
import WebAddress from './WebAddress.astro';

const namedComponents = {
  RatingsList,
  RatingsSummary,
  EasyReadRatings,
  ReferralPathway,
  KeyworkerEligibility,
  KeyworkingChecklist,
  CetrByRating,
  CetrResources,
  TeamContact,
  Timescale,
  DataProtectionContact,
  EmergencyNotice,
  EasyReadEmergencyNotice,
  EasyReadGuideList,
  LeafletList,
  PageList,
  SiteSearch,
  WebAddress,
} satisfies Record<ContentComponentName, unknown>;

/** The named components, and the HTML elements MDX draws with one of ours: pictures get their size. */
export const contentComponents = { ...namedComponents, img: Picture };
