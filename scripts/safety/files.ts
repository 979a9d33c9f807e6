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

export interface SafetyCase {
  log: HazardLog;
  scale: RiskScale;
  readme: string;
}

export function readSafetyCase(files = { hazardLog: hazardLogFile, plan: planFile, readme: readmeFile }): SafetyCase {
  return {
    log: readHazardLog(files.hazardLog),
    scale: readRiskScale(readFileSync(files.plan, 'utf8')),
    readme: readFileSync(files.readme, 'utf8'),
  };
}
