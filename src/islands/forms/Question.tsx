// One question of a form, drawn from its definition in src/forms: the right
// design system component for its type, with the questions it reveals inside it.
import type { ReactNode } from 'react';
import type { DateParts, Field, FormValues } from '../../forms/types.ts';
import { Choices, type Choice } from './fields/Choices.tsx';
import { DateInput } from './fields/DateInput.tsx';
import type { QuestionSize } from './fields/parts.tsx';
import { Select } from './fields/Select.tsx';
import { TextInput } from './fields/TextInput.tsx';
import { Textarea } from './fields/Textarea.tsx';
import type { FormView } from '../../forms/form-view.ts';
import { dateOf, listOf, revealsOf, textOf, type ShownError } from '../../forms/steps.ts';

/** What a form's own component adds to a question: richer option hints, or something after it. */
export interface QuestionExtras {
  optionHints?: Record<string, ReactNode>;
  after?: ReactNode;
}

export interface QuestionContext {
  form: FormView;
  values: FormValues;
  errorFor(field: string): ShownError | undefined;
  onChange(field: string, value: string | string[] | DateParts): void;
  enhanced: boolean;
  /** The question the person came back to change from the check page. */
  changing?: string | undefined;
  extras?: Record<string, QuestionExtras> | undefined;
  /** A page that asks one question has its <h1> in that question's label; the caption names the page. */
  pageHeading?: { caption: string } | undefined;
}

export function Question({ field, context, nested = false }: { field: Field; context: QuestionContext; nested?: boolean }) {
  const { form, values, errorFor, onChange, enhanced, changing, extras, pageHeading } = context;
  const size: QuestionSize = pageHeading ? 'page' : nested ? 'nested' : 'question';
  const caption = pageHeading?.caption;
  const error = errorFor(field.name);
  const autoFocus = changing === field.name;
  const extra = extras?.[field.name];
  let drawn: ReactNode;
  switch (field.type) {
    case 'text':
    case 'email':
    case 'tel':
      drawn = (
        <TextInput field={field} value={textOf(values, field.name)} error={error} size={size} caption={caption} autoFocus={autoFocus} onChange={(v) => onChange(field.name, v)} />
      );
      break;
    case 'textarea':
      drawn = (
        <Textarea
          field={field}
          value={textOf(values, field.name)}
          error={error}
          size={size}
          caption={caption}
          enhanced={enhanced}
          autoFocus={autoFocus}
          onChange={(v) => onChange(field.name, v)}
        />
      );
      break;
    case 'date':
      drawn = <DateInput field={field} value={dateOf(values, field.name)} error={error} size={size} caption={caption} autoFocus={autoFocus} onChange={(v) => onChange(field.name, v)} />;
      break;
    case 'select':
      drawn = <Select field={field} value={textOf(values, field.name)} error={error} size={size} autoFocus={autoFocus} onChange={(v) => onChange(field.name, v)} />;
      break;
    case 'radios':
    case 'checkboxes': {
      const reveals = new Map<string, ReactNode>();
      for (const [value, fields] of revealsOf(form, field)) {
        reveals.set(
          value,
          fields.map((revealed) => <Question field={revealed} context={{ ...context, pageHeading: undefined }} nested key={revealed.name} />),
        );
      }
      const choices: Choice[] = field.options.map((option) => ({
        value: option.value,
        label: option.label,
        hint: extra?.optionHints?.[option.value] ?? option.hint,
      }));
      const selected = field.type === 'radios' ? [textOf(values, field.name)].filter(Boolean) : listOf(values, field.name);
      drawn = (
        <Choices
          kind={field.type}
          name={field.name}
          legend={field.label}
          hint={field.hint}
          optional={field.optional}
          choices={choices}
          selected={selected}
          error={error}
          size={size}
          caption={caption}
          inline={field.type === 'radios' ? field.inline : false}
          reveals={reveals}
          enhanced={enhanced}
          autoFocus={autoFocus}
          onChange={(ticked) => onChange(field.name, field.type === 'radios' ? (ticked[0] ?? '') : ticked)}
        />
      );
      break;
    }
    case 'agreement':
      drawn = (
        <Choices
          kind="checkboxes"
          name={field.name}
          legend={field.label}
          hint={field.hint}
          choices={[{ value: 'yes', label: field.statement }]}
          selected={textOf(values, field.name) === 'yes' ? ['yes'] : []}
          error={error}
          size={size}
          caption={caption}
          enhanced={enhanced}
          autoFocus={autoFocus}
          onChange={(ticked) => onChange(field.name, ticked.includes('yes') ? 'yes' : '')}
        />
      );
      break;
    case 'hidden':
      drawn = <input type="hidden" name={field.name} value={textOf(values, field.name)} />;
      break;
  }
  return (
    <>
      {drawn}
      {extra?.after}
    </>
  );
}
