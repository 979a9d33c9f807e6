// The figures (/team/figures/): the register now by rating, area, age group, keyworker
// eligibility and review type; at each of the last 24 month ends; new referrals and
// rating changes each month; the time from referral to first meeting; the reviews and
// the meetings' actions overdue. Counts only. Each chart is bars drawn here as SVG (no
// JavaScript), hidden from assistive technology, with the table beside it as the
// accessible version.
import { ratingFor, isRatingId } from '../../../content/ratings.ts';
import { actionsPath, figuresCsvPath, figuresPath, registerExportPath } from '../../../forms/console.ts';
import { ageGroupWords, reviewWords } from '../../emails/words.ts';
import { day, draw, sentence, SignedIn, Table, type ConsolePage } from './views.tsx';

export interface Count { dimension: string; value: string; people: number }
export interface Figures {
  teamMember: { fullName: string };
  today: string;
  now: Count[] | null;
  monthEnds: (Count & { monthEnd: string; kept: boolean; keptOn: string | null })[];
  /** Each month: people first referred, rating changes, and of those first referred, how many have been discussed at a meeting and the median days until the first. */
  months: { month: string; newReferrals: number; ratingChanges: number; discussed: number; medianDaysToFirstMeeting: number | null }[];
  ratings: string[];
  areas: string[];
}

const monthWords = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthOf = (iso: string) => monthWords.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

/** Horizontal bars, one a row, labelled, each with its number. Hidden: the table beside it says the same. */
export function Bars({ rows }: { rows: { label: string; value: number }[] }) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  const rowHeight = 26;
  const labelWidth = 120;
  const barSpace = 220;
  const height = rows.length * rowHeight + 4;
  return (
    <svg className="dsr-figures-chart" viewBox={`0 0 ${labelWidth + barSpace + 60} ${height}`} width="100%" aria-hidden="true" focusable="false">
      {rows.map((row, index) => {
        const y = index * rowHeight + 2;
        const width = Math.round((row.value / max) * barSpace);
        return (
          <g key={row.label}>
            <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="14" fill="#212b32">{row.label}</text>
            <rect x={labelWidth} y={y + 3} width={width} height={rowHeight - 8} fill="#005eb8" />
            <text x={labelWidth + width + 6} y={y + 17} fontSize="14" fill="#212b32">{row.value}</text>
          </g>
        );
      })}
    </svg>
  );
}

function Chart({ id, title, caption, head, rows }: { id: string; title: string; caption: string; head: [string, string]; rows: { label: string; value: number }[] }) {
  return (
    <section className="nhsuk-u-margin-bottom-6" aria-labelledby={id}>
      <h3 className="nhsuk-heading-m" id={id}>{title}</h3>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds"><Bars rows={rows} /></div>
        <div className="nhsuk-grid-column-one-third">
          <Table caption={caption} head={head} rows={rows.map((row) => [row.label, String(row.value)])} />
        </div>
      </div>
    </section>
  );
}

const ratingName = (id: string) => (isRatingId(id) ? ratingFor(id).name : id);
const valueWords: Record<string, (value: string) => string> = {
  rating: ratingName,
  area: (value) => value,
  age_group: (value) => sentence(ageGroupWords(value)),
  keyworker: (value) => (value === 'yes' ? 'Eligible' : 'Not eligible'),
  review_type: (value) => (value === 'cetr' ? 'CETR' : value === 'ctr' ? 'CTR' : sentence(reviewWords(value))),
};

export function figuresPage(figures: Figures): ConsolePage {
  const now = figures.now ?? [];
  const count = (counts: Count[], dimension: string, value: string) => counts.find((c) => c.dimension === dimension && c.value === value)?.people ?? 0;
  const valuesOf = (dimension: string) =>
    dimension === 'rating' ? figures.ratings
      : dimension === 'area' ? figures.areas
        : dimension === 'keyworker' ? ['yes', 'no']
          : [...new Set(now.filter((c) => c.dimension === dimension).map((c) => c.value))].sort();
  const byDimension = (dimension: string) => valuesOf(dimension).map((value) => ({ label: valueWords[dimension]!(value), value: count(now, dimension, value) }));
  const ends = [...new Set(figures.monthEnds.map((e) => e.monthEnd))].sort();
  const atEnd = (end: string) => figures.monthEnds.filter((e) => e.monthEnd === end);
  const anyCountedNow = ends.some((end) => atEnd(end).some((e) => !e.kept));
  return {
    title: 'Figures',
    html: draw(
      <>
        <SignedIn fullName={figures.teamMember.fullName} current={figuresPath} />
        <h1 className="nhsuk-heading-xl">Figures</h1>
        <p>
          Counts of the people on the register: nobody is named here. A person is on the register from the day their first referral arrived until their
          entry is erased. Area, age group, keyworker eligibility and review type follow the rules in the site’s content at the person’s age then.
        </p>
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Each month end’s counts are kept soon after that month has ended (the table says on which day), so an entry erased later is still counted in the
            months it was on the register.
            {anyCountedNow && ' Month ends marked “counted from what is held now” ended before counts were kept: they leave out anyone erased since.'}
          </p>
        </div>
        <p><a href={figuresCsvPath} download>Download the month-end counts (CSV, counts only)</a></p>

        <h2 className="nhsuk-heading-l" id="now">On the register now</h2>
        <p className="nhsuk-body-l">
          <strong>{count(now, 'total', 'all')}</strong> {count(now, 'total', 'all') === 1 ? 'person' : 'people'} on the register today, {day(figures.today)}.{' '}
          <strong>{count(now, 'overdue', 'yes')}</strong> with a rating overdue for review.{' '}
          <strong>{count(now, 'overdue_actions', 'all')}</strong> {count(now, 'overdue_actions', 'all') === 1 ? 'action' : 'actions'} agreed at meetings overdue
          (see <a href={actionsPath}>Actions</a>).
        </p>
        <Chart id="now-rating" title="By rating" caption="People on the register now, by rating" head={['Rating', 'People']} rows={byDimension('rating')} />
        <Chart id="now-area" title="By area" caption="People on the register now, by area" head={['Area', 'People']} rows={byDimension('area')} />
        <Chart id="now-age" title="By age group" caption="People on the register now, by age group" head={['Age group', 'People']} rows={byDimension('age_group')} />
        <Chart id="now-keyworker" title="By keyworker eligibility" caption="People on the register now, by keyworker eligibility" head={['Keyworker', 'People']} rows={byDimension('keyworker')} />
        <Chart id="now-review" title="By review type" caption="People on the register now, by review type" head={['Review type', 'People']} rows={byDimension('review_type')} />

        <h2 className="nhsuk-heading-l" id="month-ends">At each month end</h2>
        <section className="nhsuk-u-margin-bottom-6" aria-labelledby="month-ends-chart">
          <h3 className="nhsuk-heading-m" id="month-ends-chart">People on the register at each month end</h3>
          <Bars rows={ends.map((end) => ({ label: monthOf(end), value: count(atEnd(end), 'total', 'all') }))} />
          <Table
            caption="People on the register at each month end, by rating, with the ratings overdue for review and the actions overdue"
            head={['Month end', 'People', ...figures.ratings.map(ratingName), 'Ratings overdue', 'Actions overdue', 'Counts']}
            rows={ends.map((end) => {
              const counts = atEnd(end);
              return [day(end), String(count(counts, 'total', 'all')), ...figures.ratings.map((rating) => String(count(counts, 'rating', rating))),
                String(count(counts, 'overdue', 'yes')), String(count(counts, 'overdue_actions', 'all')), counts[0]?.keptOn ? `Kept on ${day(counts[0].keptOn)}` : 'Counted from what is held now'];
            })}
          />
        </section>

        <h2 className="nhsuk-heading-l" id="months">Each month</h2>
        <Chart id="new-referrals" title="New referrals" caption="People referred for the first time, each month" head={['Month', 'People']}
          rows={figures.months.map((m) => ({ label: monthOf(m.month), value: m.newReferrals }))} />
        <Chart id="rating-changes" title="Rating changes" caption="Ratings changed, by a referral or a review, each month" head={['Month', 'Changes']}
          rows={figures.months.map((m) => ({ label: monthOf(m.month), value: m.ratingChanges }))} />
        <section aria-labelledby="first-meeting">
          <h3 className="nhsuk-heading-m" id="first-meeting">Time from referral to first meeting</h3>
          <Table
            caption="For the people first referred each month: how many have been discussed at a meeting, and the median days from their referral to the first one"
            head={['Month first referred', 'People referred', 'Discussed at a meeting', 'Median days to the first meeting']}
            rows={figures.months.map((m) => [monthOf(m.month), String(m.newReferrals), String(m.discussed), m.medianDaysToFirstMeeting === null ? 'None yet' : String(m.medianDaysToFirstMeeting)])}
          />
        </section>
        <p className="nhsuk-body-s">
          New referrals count people whose first referral arrived that month; rating changes count each rating agreed that differs from the person’s one before.
          Both are counted from what is held now, so they leave out anyone erased since.
        </p>
        <p className="nhsuk-body-s">The register with names and details is on the <a href={registerExportPath.replace('export.csv', '')}>Register</a> page (OFFICIAL-SENSITIVE, and every download is audited).</p>
      </>,
    ),
  };
}

/** The month ends' counts as CSV: counts only, one row a month end, dimension and value. */
export function monthEndsCsv(rows: (Count & { monthEnd: string; kept: boolean; keptOn: string | null })[]): string {
  const cell = (text: string | number | boolean) => {
    const value = String(text);
    return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  };
  const lines = [['month_end', 'dimension', 'value', 'people', 'kept_on'].join(',')];
  for (const row of rows) lines.push([row.monthEnd, row.dimension, row.value, row.people, row.keptOn ?? ''].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The register with personal details as CSV (OFFICIAL-SENSITIVE). Cells that start like a formula are quoted with a leading apostrophe. */
export function registerCsv(people: Record<string, string | null>[]): string {
  const columns = ['reference', 'givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'postcode', 'area', 'rating', 'ratingAgreedOn', 'livesIn'];
  const cell = (text: string | null | undefined) => {
    let value = text ?? '';
    if (/^[=+\-@\t\r]/.test(value)) value = `'${value}`;
    return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  };
  const lines = [columns.join(',')];
  for (const person of people) lines.push(columns.map((column) => cell(person[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
