'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/forms/form-state';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { FormAlert } from '@/components/forms/form-alert';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function DeleteProjectSection({ action, project }: { action: Action; project: { id: number; name: string; fullPath: string } }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <section aria-labelledby="delete-project-heading" className="space-y-2 rounded border border-red-300 bg-white p-4">
      <h2 id="delete-project-heading" className="text-lg font-semibold text-red-800">
        Delete project
      </h2>
      <p className="text-sm">
        Deleting {project.fullPath} removes its members, its access tokens and their bot users. Tools using those tokens stop working. This
        cannot be undone.
      </p>
      <FormAlert state={state} />
      <ConfirmDialog
        trigger="Delete project"
        title={`Delete project ${project.name}?`}
        confirmLabel="Yes, delete project"
        formAction={formAction}
        hiddenFields={{ projectId: project.id }}
        disabled={pending}
        danger
      >
        Are you sure you want to delete {project.fullPath}? Its access tokens stop working at once. This action cannot be undone.
      </ConfirmDialog>
    </section>
  );
}
