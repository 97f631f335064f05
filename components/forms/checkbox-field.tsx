import type { InputHTMLAttributes } from 'react';
import { FieldError, fieldErrorId } from './field-error';

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'type'> {
  name: string;
  label: string;
  /** Help text under the label, read out with the checkbox. */
  help?: React.ReactNode;
  errors?: Record<string, string[]>;
}

/** A labelled checkbox with its help and error wired up for screen readers. Posts `on` when ticked. */
export function CheckboxField({ name, label, help, errors, id, className, ...input }: CheckboxFieldProps) {
  const inputId = id ?? name;
  const invalid = Boolean(errors?.[name]?.length);
  const describedBy = [help ? `${inputId}-help` : null, invalid ? fieldErrorId(name) : null].filter(Boolean).join(' ');
  return (
    <div className={`flex items-start gap-2 ${className ?? ''}`}>
      <input
        type="checkbox"
        id={inputId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1"
        {...input}
      />
      <div>
        <label htmlFor={inputId} className="text-sm font-semibold text-gray-900">
          {label}
        </label>
        {help && (
          <p id={`${inputId}-help`} className="text-sm text-gray-600">
            {help}
          </p>
        )}
        <FieldError name={name} errors={errors} />
      </div>
    </div>
  );
}
