'use client';

import { useActionState } from 'react';
import { FieldError, fieldErrorId } from '@/components/forms/field-error';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { VisibilityField } from '@/components/forms/visibility-field';
import type { FormState } from '@/lib/forms/form-state';
import { usePathFromName } from './use-path-from-name';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function NewGroupForm({
  action,
  parents,
  defaultParentId,
}: {
  action: Action;
  parents: { id: number; fullPath: string }[];
  defaultParentId: number | null;
}) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const { path, onNameChange, onPathChange } = usePathFromName();
  const errors = state.fieldErrors;
  return (
    <form action={formAction} className="max-w-xl space-y-4" noValidate>
      <FormAlert state={state} />
      <TextField
        name="name"
        label="Group name"
        required
        maxLength={255}
        errors={errors}
        onChange={(event) => onNameChange(event.target.value)}
      />
      <TextField
        name="path"
        label="Group URL"
        help="Letters, digits, '_', '-' and '.'; starts and ends with a letter or digit."
        required
        value={path}
        onChange={(event) => onPathChange(event.target.value)}
        errors={errors}
      />
      <div>
        <label htmlFor="parentId" className="block text-sm font-semibold">
          Parent group
        </label>
        <select
          id="parentId"
          name="parentId"
          defaultValue={defaultParentId ?? ''}
          aria-describedby={errors?.parentId ? fieldErrorId('parentId') : undefined}
          className="mt-1 block w-full rounded border border-gray-400 px-3 py-2"
        >
          <option value="">None (top-level group)</option>
          {parents.map((parent) => (
            <option key={parent.id} value={parent.id}>
              {parent.fullPath}
            </option>
          ))}
        </select>
        <FieldError name="parentId" errors={errors} />
      </div>
      <VisibilityField errors={errors} />
      <SubmitButton pendingText="Creating group…">Create group</SubmitButton>
    </form>
  );
}
