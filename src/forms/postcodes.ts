// UK postcodes, checked and tidied by the `postcode` package ("ls1 4ap" becomes "LS1 4AP").
import { toNormalised } from 'postcode';

export function readPostcode(typed: string): string | undefined {
  return toNormalised(typed.trim()) ?? undefined;
}
