// Where the clinical safety case lives, and reading it whole.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../database.ts';
import { readHazardLog, type HazardLog } from './hazard-log.ts';
import { readRiskScale, type RiskScale } from './risk.ts';

export const safetyDir = join(projectRoot, 'docs', 'clinical-safety');
export const hazardLogFile = join(safetyDir, 'hazard-log.yaml');
export const planFile = join(safetyDir, 'clinical-risk-management-plan.md');
export const reportFile = join(safetyDir, 'safety-case-report.md');
export const readmeFile = join(projectRoot, 'README.md');
export const dpiaFile = join(projectRoot, 'docs', 'dpia.md');

export interface SafetyCase {
  log: HazardLog;
  scale: RiskScale;
  readme: string;
  /** The data protection impact assessment, whose measures name tests too. */
  dpia: string;
}

export function readSafetyCase(): SafetyCase {
  return {
    log: readHazardLog(hazardLogFile),
    scale: readRiskScale(readFileSync(planFile, 'utf8')),
    readme: readFileSync(readmeFile, 'utf8'),
    dpia: readFileSync(dpiaFile, 'utf8'),
  };
}
