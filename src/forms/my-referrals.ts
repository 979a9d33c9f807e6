// A professional's own page (/my-referrals/): its address, the marks around the part of
// its built frame (src/pages/my-referrals/index.astro) that the function draws
// (src/server/routes/my-referrals.ts), and the links from it that open the referral form
// filled in from one of their records ("Refer again", and the consent confirmation's
// "Refer this person"). A link carries only a reference: the details are read on the
// server from the professional's own record (refer_again_answers), never from the address.
// (No imports: the islands link here, and nothing of the forms' schemas goes to the browser with it.)

export const myReferralsPage = '/my-referrals/';
export const myReferralsRegionStart = '<!--my-referrals-region:start-->';
export const myReferralsRegionEnd = '<!--my-referrals-region:end-->';
/** Where somebody signed out is sent: sign in, then come back here. */
export const myReferralsSignIn = `/sign-in/?next=${encodeURIComponent(myReferralsPage)}`;

/** The referral form, to be filled in from the professional's own referral (review the rating). */
export const referAgainPath = (referralReference: string) => `/refer/?from=${encodeURIComponent(referralReference)}`;
/** The referral form, to be filled in from the professional's own consent record. */
export const referFromConsentPath = (consentReference: string) => `/refer/?consent=${encodeURIComponent(consentReference)}`;

