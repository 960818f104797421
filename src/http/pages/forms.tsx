/**
 * Forms: labelled inputs, errors next to the field they concern, a summary of every error at
 * the top with links to the inputs, and one idempotency key per rendered form.
 *
 * A refusal names a field path (`postings[1].debit`, `date`); the input with that `name` shows
 * the refusal's rule under it (`aria-invalid`, `aria-describedby`). Refusals naming no input of
 * the form are shown in the summary only.
 */
import { randomBytes } from 'node:crypto';
import type { Child, FC } from 'hono/jsx';
import type { Refusal } from '../../domain/refusal.ts';
import { describeRefusal, refusalRule } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { WEB } from '../../i18n/web.ts';
import { say } from './layout.tsx';

/** `postings[1].debit` → `f-postings-1-debit`: an id an anchor can point at. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;
}

export class FormErrors {
  readonly #placed = new Map<string, Refusal[]>();
  readonly #all: readonly Refusal[];

  /**
   * @param names the inputs of the form (their `name`s)
   * @param alias maps a refusal's field to an input's name (`postings[1].amount` → `…debit`)
   */
  constructor(
    refusals: readonly Refusal[],
    readonly lang: Lang,
    names: readonly string[] = [],
    alias: (field: string) => string = (f) => f,
  ) {
    this.#all = refusals;
    const known = new Set(names);
    for (const r of refusals) {
      const name = alias(r.field);
      if (!known.has(name)) continue;
      const list = this.#placed.get(name) ?? [];
      list.push(r);
      this.#placed.set(name, list);
    }
  }

  static none(lang: Lang): FormErrors {
    return new FormErrors([], lang);
  }

  get count(): number {
    return this.#all.length;
  }

  /** The rules broken by an input's value, in the user's language. */
  at(name: string): string[] {
    return (this.#placed.get(name) ?? []).map((r) => refusalRule(r, this.lang));
  }

  /** The input a refusal is shown at, if any. */
  placedAt(r: Refusal): string | undefined {
    for (const [name, list] of this.#placed) if (list.includes(r)) return name;
    return undefined;
  }

  get all(): readonly Refusal[] {
    return this.#all;
  }
}

/** Every error at the top of the form, each linked to its input. */
export const ErrorSummary: FC<{ errors: FormErrors }> = ({ errors }) => {
  if (errors.count === 0) return null;
  const lang = errors.lang;
  return (
    <div class="error" role="alert" id="errors" tabindex={-1}>
      <strong>{say(lang, WEB.errorsTitle, { count: errors.count })}</strong>
      <ul>
        {errors.all.map((r) => {
          const at = errors.placedAt(r);
          const text = describeRefusal(r, lang).replace(/\s*\[\w+\]$/, '');
          return <li>{at ? <a href={`#${fieldId(at)}`}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
};

/** The messages under one input. */
export const FieldErrors: FC<{ name: string; errors: FormErrors; id?: string }> = ({ name, errors, id }) => {
  const messages = errors.at(name);
  if (messages.length === 0) return null;
  return (
    <p class="field-error" id={`${id ?? fieldId(name)}-error`}>
      {messages.join('; ')}
    </p>
  );
};

export interface FieldProps {
  readonly name: string;
  /** When several forms of a page share an input name. */
  readonly id?: string;
  readonly label: string;
  readonly errors: FormErrors;
  readonly value?: string | undefined;
  readonly hint?: string | undefined;
  readonly type?: string;
  readonly inputmode?: 'numeric' | 'decimal' | 'text' | 'search';
  readonly required?: boolean;
  readonly autocomplete?: string;
  readonly placeholder?: string;
  readonly maxlength?: number;
  readonly autofocus?: boolean;
  readonly class?: string;
  readonly list?: string;
}

function describedBy(
  name: string,
  hint: boolean,
  errors: FormErrors,
  id = fieldId(name),
): string | undefined {
  const ids = [hint ? `${id}-hint` : '', errors.at(name).length > 0 ? `${id}-error` : '']
    .filter((x) => x !== '')
    .join(' ');
  return ids === '' ? undefined : ids;
}

/** A labelled input with its hint and its errors. */
export const Field: FC<FieldProps> = (p) => {
  const id = p.id ?? fieldId(p.name);
  const invalid = p.errors.at(p.name).length > 0;
  return (
    <div class={p.class}>
      <label for={id}>
        {p.label}
        {p.hint ? (
          <span class="hint" id={`${id}-hint`}>
            {p.hint}
          </span>
        ) : null}
      </label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        inputmode={p.inputmode}
        required={p.required}
        autocomplete={p.autocomplete}
        placeholder={p.placeholder}
        maxlength={p.maxlength}
        autofocus={p.autofocus}
        list={p.list}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint !== undefined, p.errors, id)}
      />
      <FieldErrors name={p.name} errors={p.errors} id={id} />
    </div>
  );
};

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** A labelled select with its errors. */
export const SelectField: FC<{
  name: string;
  label: string;
  errors: FormErrors;
  options: readonly Option[];
  value?: string | undefined;
  hint?: string;
  class?: string;
  required?: boolean;
}> = (p) => {
  const id = fieldId(p.name);
  const invalid = p.errors.at(p.name).length > 0;
  return (
    <div class={p.class}>
      <label for={id}>
        {p.label}
        {p.hint ? (
          <span class="hint" id={`${id}-hint`}>
            {p.hint}
          </span>
        ) : null}
      </label>
      <select
        id={id}
        name={p.name}
        required={p.required}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint !== undefined, p.errors)}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === (p.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors name={p.name} errors={p.errors} />
    </div>
  );
};

/** A fresh idempotency key for one rendering of a form that moves money. */
export function newFormKey(): string {
  return randomBytes(16).toString('hex');
}

const FORM_KEY = /^[0-9a-f]{32}$/;

/** The form's key as an Idempotency-Key (`web-<key>`), or undefined when missing or malformed. */
export function formKey(form: URLSearchParams): string | undefined {
  const k = form.get('_key') ?? '';
  return FORM_KEY.test(k) ? `web-${k}` : undefined;
}

export const KeyField: FC<{ value: string }> = ({ value }) => (
  <input type="hidden" name="_key" value={value} />
);

/** A section of fields with a legend. */
export const Group: FC<{ legend: string; children?: Child }> = ({ legend, children }) => (
  <fieldset>
    <legend>{legend}</legend>
    {children}
  </fieldset>
);
