'use client';

import { useActionState } from 'react';
import { FieldError, fieldErrorId } from '@/components/forms/field-error';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { VisibilityField } from '@/components/forms/visibility-field';
import type { FormState } from '@/lib/forms/form-state';
import { usePathFromName } from './use-path-from-name';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function NewProjectForm({
  action,
  namespaces,
  defaultNamespaceId,
}: {
  action: Action;
  namespaces: { id: number; fullPath: string }[];
  defaultNamespaceId: number | null;
}) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const { path, onNameChange, onPathChange } = usePathFromName();
  const errors = state.fieldErrors;
  return (
    <form action={formAction} className="max-w-xl space-y-4" noValidate>
      <FormAlert state={state} />
      <TextField
        name="name"
        label="Project name"
        required
        maxLength={255}
        errors={errors}
        onChange={(event) => onNameChange(event.target.value)}
      />
      <div>
        <label htmlFor="namespaceId" className="block text-sm font-semibold">
          Project namespace
        </label>
        <select
          id="namespaceId"
          name="namespaceId"
          defaultValue={defaultNamespaceId ?? namespaces[0]?.id}
          aria-describedby={errors?.namespaceId ? fieldErrorId('namespaceId') : undefined}
          className="mt-1 block w-full rounded border border-gray-400 px-3 py-2"
        >
          {namespaces.map((namespace) => (
            <option key={namespace.id} value={namespace.id}>
              {namespace.fullPath}
            </option>
          ))}
        </select>
        <FieldError name="namespaceId" errors={errors} />
      </div>
      <TextField
        name="path"
        label="Project slug"
        help="Part of the project's URL. Letters, digits, '_', '-' and '.'."
        required
        value={path}
        onChange={(event) => onPathChange(event.target.value)}
        errors={errors}
      />
      <TextField name="description" label="Project description (optional)" errors={errors} />
      <VisibilityField errors={errors} />
      <CheckboxField
        name="initializeWithReadme"
        label="Initialize repository with a README"
        help="Lets you clone the repository right away: its default branch starts with a README.md."
        defaultChecked
        errors={errors}
      />
      <SubmitButton pendingText="Creating project…">Create project</SubmitButton>
    </form>
  );
}
