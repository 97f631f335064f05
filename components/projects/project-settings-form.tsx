'use client';

import { useActionState } from 'react';
import type { Visibility } from '@/db/schema';
import type { FormState } from '@/lib/forms/form-state';
import { FormStatus } from '@/components/forms/form-status';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { VisibilityField } from '@/components/forms/visibility-field';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function ProjectSettingsForm({
  action,
  project,
}: {
  action: Action;
  project: { id: number; name: string; description: string; visibility: Visibility };
}) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.fieldErrors;
  return (
    <form action={formAction} className="max-w-xl space-y-4" noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="projectId" value={project.id} />
      <TextField name="name" label="Project name" defaultValue={project.name} required maxLength={255} errors={errors} />
      <TextField name="description" label="Project description (optional)" defaultValue={project.description} errors={errors} />
      <VisibilityField defaultValue={project.visibility} errors={errors} />
      <SubmitButton>Save changes</SubmitButton>
    </form>
  );
}
