import type { InputHTMLAttributes } from 'react';
import { FieldError, fieldErrorId } from './field-error';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> {
  name: string;
  label: string;
  /** Help text under the label. */
  help?: string;
  errors?: Record<string, string[]>;
}

/** A labelled input with its help text and error message wired up for screen readers. */
export function TextField({ name, label, help, errors, id, className, ...input }: TextFieldProps) {
  const inputId = id ?? name;
  const invalid = Boolean(errors?.[name]?.length);
  const describedBy = [help ? `${inputId}-help` : null, invalid ? fieldErrorId(name) : null].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-semibold text-gray-900">
        {label}
      </label>
      {help && (
        <p id={`${inputId}-help`} className="text-sm text-gray-600">
          {help}
        </p>
      )}
      <input
        id={inputId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1 block w-full rounded border border-gray-400 px-3 py-2 text-gray-900 aria-invalid:border-red-600"
        {...input}
      />
      <FieldError name={name} errors={errors} />
    </div>
  );
}
