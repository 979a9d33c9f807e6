// The local areas of the integrated care system, as options (content/areas.json, where
// the comms team edits them); an area decides which DSR tracking meeting discusses a referral.
import { areas } from '../content/rules.ts';
import type { Option } from './types.ts';

export const areaOptions: Option[] = areas.map((area) => ({ value: area, label: area }));
