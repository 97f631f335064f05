import type { Visibility } from '@/db/schema';
import { FieldError, fieldErrorId } from './field-error';

const OPTIONS: { value: Visibility; label: string; help: string }[] = [
  { value: 'private', label: 'Private', help: 'Access must be granted explicitly to each user.' },
  { value: 'internal', label: 'Internal', help: 'Any signed-in user can see it.' },
  { value: 'public', label: 'Public', help: 'Anyone, signed in or not, can see it.' },
];

export function VisibilityField({ defaultValue = 'private', errors }: { defaultValue?: Visibility; errors?: Record<string, string[]> }) {
  const invalid = Boolean(errors?.visibility?.length);
  return (
    <fieldset aria-describedby={invalid ? fieldErrorId('visibility') : undefined}>
      <legend className="text-sm font-semibold text-gray-900">Visibility level</legend>
      <div className="mt-1 space-y-1">
        {OPTIONS.map((option) => (
          <div key={option.value} className="flex items-start gap-2">
            <input
              type="radio"
              id={`visibility-${option.value}`}
              name="visibility"
              value={option.value}
              defaultChecked={option.value === defaultValue}
              aria-describedby={`visibility-${option.value}-help`}
              className="mt-1"
            />
            <label htmlFor={`visibility-${option.value}`} className="text-sm font-medium">
              {option.label}
            </label>
            <span id={`visibility-${option.value}-help`} className="text-sm text-gray-600">
              {option.help}
            </span>
          </div>
        ))}
      </div>
      <FieldError name="visibility" errors={errors} />
    </fieldset>
  );
}
