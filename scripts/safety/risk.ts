// The risk matrix of the clinical risk management plan, read from the plan itself so
// the clinical safety officer approves it in one place: every risk in the hazard log
// and the safety case report is looked up here, never typed by hand.
//
// The plan holds two Markdown tables between marker comments:
//   <!-- risk-matrix --> … <!-- /risk-matrix -->  likelihood rows × severity columns, risk 1 to 5
//   <!-- risk-bands --> … <!-- /risk-bands -->    what each risk means: acceptable, undesirable, unacceptable
import { z } from 'astro/zod';

/** DCB0129's likelihood categories, least likely first. */
export const likelihoods = ['very low', 'low', 'medium', 'high', 'very high'] as const;
export type Likelihood = (typeof likelihoods)[number];
/** DCB0129's severity (consequence) categories, least severe first. */
export const severities = ['minor', 'significant', 'considerable', 'major', 'catastrophic'] as const;
export type Severity = (typeof severities)[number];
export const bands = ['acceptable', 'undesirable', 'unacceptable'] as const;
export type Band = (typeof bands)[number];

const risk = z.number().int().min(1).max(5);
/** One likelihood's risks, minor to catastrophic. */
const row = z.array(risk).length(severities.length);

export const riskMatrixSchema = z
  .strictObject({ 'very low': row, low: row, medium: row, high: row, 'very high': row })
  .superRefine((matrix, context) => {
    // More likely, or more severe, is never less risky.
    likelihoods.forEach((likelihood, row) => {
      severities.forEach((severity, column) => {
        const here = matrix[likelihood][column]!;
        const right = matrix[likelihood][column + 1];
        const above = row + 1 < likelihoods.length ? matrix[likelihoods[row + 1]!][column] : undefined;
        if ((right !== undefined && right < here) || (above !== undefined && above < here)) {
          context.addIssue({ code: 'custom', path: [likelihood, column], message: `the risk for ${likelihood} × ${severity} is higher than a more likely or more severe cell` });
        }
      });
    });
  });
export type RiskMatrix = z.output<typeof riskMatrixSchema>;

export const riskBandsSchema = z
  .array(z.strictObject({ risk, band: z.enum(bands), meaning: z.string().min(1) }))
  .superRefine((rows, context) => {
    for (let value = 1; value <= 5; value++) {
      if (rows.filter((row) => row.risk === value).length !== 1) context.addIssue({ code: 'custom', message: `needs exactly one row for risk ${value}` });
    }
  });
export type RiskBands = z.output<typeof riskBandsSchema>;

export interface RiskScale {
  matrix: RiskMatrix;
  bands: RiskBands;
}

/** The cells of the Markdown table between `<!-- name -->` and `<!-- /name -->`, header row first. */
function markedTable(markdown: string, name: string): string[][] {
  const found = new RegExp(`<!-- ${name} -->([\\s\\S]*?)<!-- /${name} -->`).exec(markdown);
  if (!found) throw new Error(`The clinical risk management plan has no table marked <!-- ${name} -->.`);
  return found[1]!
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim()));
}

const key = (words: string) => words.toLowerCase().replace(/\s+/g, ' ');

/** Reads and checks the matrix and bands of the plan's Markdown. */
export function readRiskScale(planMarkdown: string): RiskScale {
  const [header, ...rows] = markedTable(planMarkdown, 'risk-matrix');
  const columns = (header ?? []).slice(1).map(key);
  if (columns.join('|') !== severities.join('|')) {
    throw new Error(`The risk matrix's columns must be ${severities.join(', ')}, in that order; they are ${columns.join(', ')}.`);
  }
  const matrix = riskMatrixSchema.safeParse(Object.fromEntries(rows.map(([likelihood = '', ...cells]) => [key(likelihood), cells.map(Number)])));
  if (!matrix.success) throw new Error(`The risk matrix in the plan is wrong:\n${z.prettifyError(matrix.error)}`);
  const bandRows = markedTable(planMarkdown, 'risk-bands').slice(1);
  const bandsRead = riskBandsSchema.safeParse(bandRows.map(([value = '', band = '', meaning = '']) => ({ risk: Number(value), band: key(band), meaning })));
  if (!bandsRead.success) throw new Error(`The risk bands in the plan are wrong:\n${z.prettifyError(bandsRead.error)}`);
  return { matrix: matrix.data, bands: bandsRead.data };
}

export interface Assessment {
  severity: Severity;
  likelihood: Likelihood;
}

export interface AssessedRisk extends Assessment {
  risk: number;
  band: Band;
}

export function assess(scale: RiskScale, { severity, likelihood }: Assessment): AssessedRisk {
  const risk = scale.matrix[likelihood][severities.indexOf(severity)]!;
  return { severity, likelihood, risk, band: scale.bands.find((row) => row.risk === risk)!.band };
}
