import { accessLevelName } from '@/lib/access-levels';
import { FieldError, fieldErrorId } from '@/components/forms/field-error';

/** A labelled select of roles, offering only `levels` (the ones the viewer may give). */
export function RoleSelect({
  name = 'accessLevel',
  label,
  levels,
  defaultValue,
  errors,
}: {
  name?: string;
  label: string;
  levels: readonly number[];
  defaultValue?: number;
  errors?: Record<string, string[]>;
}) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-semibold">
        {label}
      </label>
      <select
        id={name}
        name={name}
        defaultValue={defaultValue ?? levels[0]}
        aria-describedby={errors?.[name] ? fieldErrorId(name) : undefined}
        className="mt-1 block w-full rounded border border-gray-400 px-3 py-2"
      >
        {levels.map((level) => (
          <option key={level} value={level}>
            {accessLevelName(level)}
          </option>
        ))}
      </select>
      <FieldError name={name} errors={errors} />
    </div>
  );
}
