'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { FormState } from '@/lib/forms/form-state';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { FormStatus } from '@/components/forms/form-status';
import { SubmitButton } from '@/components/forms/submit-button';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export const TOKEN_CREATION_LABEL = 'Users can create project access tokens and group access tokens in this group';
const TOKEN_CREATION_HELP =
  'When this is off, no new tokens can be created or rotated in any project of this group or its subgroups. Existing tokens keep working and can still be revoked.';

export interface TokenCreationSettingView {
  groupId: number;
  allowed: boolean;
  editable: boolean;
  topLevelGroup: { name: string; fullPath: string };
}

/**
 * Group > Settings > General > "Permissions and group features". Top-level groups change the
 * token-creation switch here; subgroups show the top-level group's value and link to it.
 */
export function GroupPermissionsForm({ action, setting }: { action: Action; setting: TokenCreationSettingView }) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <section aria-labelledby="group-permissions-heading" className="max-w-xl space-y-3 rounded border border-gray-200 bg-white p-4">
      <h2 id="group-permissions-heading" className="text-lg font-semibold">
        Permissions and group features
      </h2>
      {setting.editable ? (
        <form key={`${setting.allowed}-${state.submittedAt ?? 0}`} action={formAction} className="space-y-4" noValidate>
          <FormStatus state={state} />
          <input type="hidden" name="groupId" value={setting.groupId} />
          <CheckboxField
            name="resourceAccessTokenCreationAllowed"
            label={TOKEN_CREATION_LABEL}
            help={TOKEN_CREATION_HELP}
            defaultChecked={setting.allowed}
            errors={state.fieldErrors}
          />
          <SubmitButton>Save permissions</SubmitButton>
        </form>
      ) : (
        <CheckboxField
          name="resourceAccessTokenCreationAllowed"
          label={TOKEN_CREATION_LABEL}
          checked={setting.allowed}
          disabled
          readOnly
          help={
            <>
              This setting is inherited from the top-level group{' '}
              <Link href={`/groups/${setting.topLevelGroup.fullPath}/-/edit`} className="text-brand underline">
                {setting.topLevelGroup.name}
              </Link>{' '}
              and can only be changed there.
            </>
          }
        />
      )}
    </section>
  );
}
