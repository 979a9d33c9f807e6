// The DSR team's console (/team/): its addresses, and the marks around the part of its
// built frame (src/pages/team/index.astro) that the functions draw for each page
// (src/server/routes/team.ts). Shared by the frame and the server, so both agree.

export const consoleHome = '/team/';
export const consoleRegionStart = '<!--console-region:start-->';
export const consoleRegionEnd = '<!--console-region:end-->';

/** A person's record, by the DSR reference of any of their referrals. */
export const personRecordPath = (reference: string) => `${consoleHome}people/${reference}/`;
/** Where the record's buttons post. */
export const acknowledgePath = (reference: string) => `${personRecordPath(reference)}acknowledge/`;
export const identityPath = (reference: string) => `${personRecordPath(reference)}identity/`;
export const reviewRatingPath = (reference: string) => `${personRecordPath(reference)}rating/`;

/** Where someone who is not signed in is sent: the one sign-in page (team members land on /team/ after it). */
export const consoleSignIn = `/sign-in/?next=${encodeURIComponent(consoleHome)}`;
