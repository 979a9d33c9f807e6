// The local areas of the integrated care system. The comms team edits the list in
// content/areas.json; an area decides which DSR tracking meeting discusses a referral.
import areaNames from '../../content/areas.json' with { type: 'json' };
import type { Option } from './types.ts';

export const areas: readonly string[] = areaNames;

export const areaOptions: Option[] = areas.map((area) => ({ value: area, label: area }));
