'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/forms/form-state';
import { FormStatus } from '@/components/forms/form-status';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { RoleSelect } from './role-select';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function AddMemberForm({
  action,
  source,
  levels,
}: {
  action: Action;
  source: { type: 'project' | 'group'; id: number };
  levels: readonly number[];
}) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.fieldErrors;
  return (
    <form action={formAction} className="space-y-3 rounded border border-gray-200 bg-white p-4" aria-labelledby="invite-heading" noValidate>
      <h2 id="invite-heading" className="text-lg font-semibold">
        Invite members
      </h2>
      <FormStatus state={state} />
      <input type="hidden" name="sourceType" value={source.type} />
      <input type="hidden" name="sourceId" value={source.id} />
      <div className="grid gap-3 md:grid-cols-3">
        <TextField name="username" label="Username" required errors={errors} />
        <RoleSelect label="Select a role" levels={levels} errors={errors} />
        <TextField name="expiresAt" label="Access expiration date (optional)" type="date" errors={errors} />
      </div>
      <SubmitButton pendingText="Inviting…">Invite</SubmitButton>
    </form>
  );
}
