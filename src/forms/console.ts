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

/** The Accounts page: professionals and team members. */
export const accountsPath = `${consoleHome}accounts/`;
/** Where a professional's account row posts: approve, refuse (with a reason) or switch off. */
export type ProfessionalAction = 'approve' | 'refuse' | 'switch-off';
export const professionalActionPath = (id: string, action: ProfessionalAction) => `${accountsPath}professionals/${id}/${action}/`;
/** Where the add-a-team-member form posts, and each member's remove button. */
export const addTeamMemberPath = `${accountsPath}team/`;
export const removeTeamMemberPath = (id: string) => `${accountsPath}team/${id}/remove/`;
/** The longest reason for refusing an account (the database's own limit, private.text_500). */
export const refusalReasonMaxLength = 500;

/** A withdrawal request, by its WDR reference, and where its buttons post. */
export const withdrawalPath = (reference: string) => `${consoleHome}withdrawals/${reference}/`;
export type WithdrawalAction = 'match' | 'complete' | 'close';
export const withdrawalActionPath = (reference: string, action: WithdrawalAction) => `${withdrawalPath(reference)}${action}/`;

/** A family's request (/ask/), by its REQ reference, and where the team's decision posts. */
export const requestPath = (reference: string) => `${consoleHome}requests/${reference}/`;
export const requestDecisionPath = (reference: string) => `${requestPath(reference)}decision/`;
/** The team's decisions on a request (private.request_decisions.outcome). */
export const requestOutcomes = ['professional_will_refer', 'not_the_right_route'] as const;
export type RequestOutcome = (typeof requestOutcomes)[number];
/** The longest note with a decision (the database's own limit, private.text_500). */
export const decisionNoteMaxLength = 500;

/** "Send again" for an email that needs attention (Today), by its outbox id. */
export const sendEmailAgainPath = (id: string) => `${consoleHome}emails/${id}/send-again/`;

/** Where someone who is not signed in is sent: the one sign-in page (team members land on /team/ after it). */
export const consoleSignIn = `/sign-in/?next=${encodeURIComponent(consoleHome)}`;

/** The register: everyone on it, filtered and found (a GET form, so every view has its own address). */
export const registerPath = `${consoleHome}register/`;
/** Ratings due for review: the same list, the overdue first (hazard HAZ-005). */
export const ratingsDuePath = `${registerPath}due/`;
/** A view of the register with these answers in its address (empty answers left out). */
export function registerAddress(path: string, answers: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(answers)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Meetings: the area tracking meetings and meetings by exception (scheduling posts here too). */
export const meetingsPath = `${consoleHome}meetings/`;
/** A meeting by its id, where a person is added, and its printable agenda (`?names=no`: references only). */
export const meetingPath = (id: string) => `${meetingsPath}${id}/`;
export const meetingAddPath = (id: string) => `${meetingPath(id)}add/`;
export const meetingAgendaPath = (id: string, names = true) => `${meetingPath(id)}agenda/${names ? '' : '?names=no'}`;
/** A person at a meeting: what was agreed for them (the form), and where it and "take off the agenda" post. */
export const meetingPersonPath = (id: string, reference: string) => `${meetingPath(id)}people/${reference}/`;
export const meetingRecordPath = (id: string, reference: string) => `${meetingPersonPath(id, reference)}record/`;
export const meetingRemovePath = (id: string, reference: string) => `${meetingPersonPath(id, reference)}remove/`;
/** "Convene a meeting by exception", from a RED person's record. */
export const exceptionMeetingPath = (reference: string) => `${personRecordPath(reference)}exception/`;
/** How many actions the record form offers for one person (the database takes up to 5). */
export const actionSlots = 3;

/** Actions agreed at meetings and still open (a GET form filters them), and where "done" posts. */
export const actionsPath = `${consoleHome}actions/`;
export const actionDonePath = (id: string) => `${actionsPath}${id}/done/`;

/** A person's C(E)TRs (and where a new one is recorded), and a recommendation's status buttons. */
export const cetrsPath = (reference: string) => `${personRecordPath(reference)}cetrs/`;
export const recommendationStatusPath = (reference: string, id: string, status: 'open' | 'done') => `${cetrsPath(reference)}recommendations/${id}/${status}/`;

/** The figures, their month ends' CSV, and the register's export with personal details. */
export const figuresPath = `${consoleHome}figures/`;
export const figuresCsvPath = `${figuresPath}month-ends.csv`;
export const registerExportPath = `${registerPath}export.csv`;
