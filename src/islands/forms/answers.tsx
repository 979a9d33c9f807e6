// How each answer reads on the check-your-answers page: dates written out, options
// by their words, NHS numbers in 3-3-4, long answers with their line breaks.
import type { ReactNode } from 'react';
import { formatDate, readDate } from '../../forms/dates.ts';
import { formatNhsNumber, nhsNumberDigits } from '../../forms/nhs-number.ts';
import type { Field, FormValues } from '../../forms/types.ts';
import { dateOf, listOf, textOf } from '../../forms/steps.ts';

const notGiven = 'Not given';

function lines(text: string): ReactNode {
  const parts = text.split(/\r?\n/);
  return parts.map((line, index) => [index > 0 && <br key={`br-${index}`} />, line]);
}

export function answerFor(field: Field, values: FormValues): ReactNode {
  switch (field.type) {
    case 'date': {
      const read = readDate(dateOf(values, field.name));
      return read.ok ? formatDate(read.iso) : notGiven;
    }
    case 'radios':
    case 'select': {
      const value = textOf(values, field.name);
      return field.options.find((option) => option.value === value)?.label ?? notGiven;
    }
    case 'checkboxes': {
      const ticked = listOf(values, field.name);
      const labels = field.options.filter((option) => ticked.includes(option.value)).map((option) => option.label);
      if (labels.length === 0) return notGiven;
      return (
        <ul className="nhsuk-list">
          {labels.map((label) => (
            <li key={label}>{label}</li>
          ))}
        </ul>
      );
    }
    case 'agreement':
      return textOf(values, field.name) === 'yes' ? field.statement : notGiven;
    case 'hidden':
      return textOf(values, field.name);
    default: {
      const text = textOf(values, field.name).trim();
      if (text === '') return notGiven;
      if (field.name === 'nhsNumber') {
        const digits = nhsNumberDigits(text);
        return digits ? formatNhsNumber(digits) : text;
      }
      if (field.name === 'postcode' || /reference/i.test(field.name)) return text.toUpperCase();
      return field.type === 'textarea' ? lines(text) : text;
    }
  }
}
