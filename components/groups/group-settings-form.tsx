'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/forms/form-state';
import { FormStatus } from '@/components/forms/form-status';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function GroupSettingsForm({ action, group }: { action: Action; group: { id: number; name: string; description: string } }) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.fieldErrors;
  return (
    <form action={formAction} className="max-w-xl space-y-4" noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="groupId" value={group.id} />
      <TextField name="name" label="Group name" defaultValue={group.name} required maxLength={255} errors={errors} />
      <TextField name="description" label="Group description (optional)" defaultValue={group.description} errors={errors} />
      <SubmitButton>Save changes</SubmitButton>
    </form>
  );
}
