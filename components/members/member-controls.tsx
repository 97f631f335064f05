'use client';

import { useActionState, useId } from 'react';
import { accessLevelName } from '@/lib/access-levels';
import type { FormState } from '@/lib/forms/form-state';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { FormAlert } from '@/components/forms/form-alert';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Role select with its save button, and the remove button, for one direct member. */
export function MemberControls({
  source,
  member,
  levels,
  changeAction,
  removeAction,
}: {
  source: { type: 'project' | 'group'; id: number; name: string };
  member: { userId: number; name: string; accessLevel: number };
  levels: readonly number[];
  changeAction: Action;
  removeAction: Action;
}) {
  const [changeState, change, changing] = useActionState(changeAction, { status: 'idle' });
  const [removeState, remove, removing] = useActionState(removeAction, { status: 'idle' });
  const selectId = useId();
  const hidden = { sourceType: source.type, sourceId: source.id, userId: member.userId };
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <form action={change} className="flex items-center gap-2">
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <label htmlFor={selectId} className="sr-only">
            Role of {member.name}
          </label>
          <select id={selectId} name="accessLevel" defaultValue={member.accessLevel} className="rounded border border-gray-400 px-2 py-1">
            {levels.map((level) => (
              <option key={level} value={level}>
                {accessLevelName(level)}
              </option>
            ))}
          </select>
          <button
            type="submit"
            disabled={changing}
            aria-label={`Save role of ${member.name}`}
            className="rounded border border-gray-400 px-2 py-1 text-sm disabled:opacity-50"
          >
            Save
          </button>
        </form>
        <ConfirmDialog
          trigger="Remove"
          triggerLabel={`Remove ${member.name}`}
          title={`Remove ${member.name}?`}
          confirmLabel="Remove member"
          formAction={remove}
          hiddenFields={hidden}
          disabled={removing}
          danger
        >
          Are you sure you want to remove {member.name} from {source.name}? They lose the access this membership gave them.
        </ConfirmDialog>
      </div>
      <FormAlert state={changeState.status === 'error' ? changeState : removeState} />
      {changeState.status === 'success' && (
        <p role="status" className="text-sm text-green-800">
          {changeState.message}
        </p>
      )}
    </div>
  );
}
