'use client';

import { useActionState, useState } from 'react';
import type { FormState } from '@/lib/forms/form-state';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { FormStatus } from '@/components/forms/form-status';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export interface ApplicationSettingsValues {
  maxAccessTokenLifetimeDays: number | null;
  tokenPrefix: string;
  signupEnabled: boolean;
  projectAccessTokenCreationDefault: boolean;
  botsCanReadInternalProjects: boolean;
  passwordAuthenticationEnabledForGit: boolean;
}

interface Draft {
  maxAccessTokenLifetimeDays: string;
  tokenPrefix: string;
  signupEnabled: boolean;
  projectAccessTokenCreationDefault: boolean;
  botsCanReadInternalProjects: boolean;
  passwordAuthenticationEnabledForGit: boolean;
}

/** Admin > Settings > General: account and limit settings. What was typed survives a refused save. */
export function ApplicationSettingsForm({
  action,
  settings,
  defaults,
}: {
  action: Action;
  settings: ApplicationSettingsValues;
  defaults: { maxLifetimeDays: number; maxLifetimeLimitDays: number; tokenPrefix: string; prefixMaxLength: number };
}) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const [submitted, setSubmitted] = useState<Draft | null>(null);
  const errors = state.fieldErrors;
  // After a refusal the form shows what was typed; after a save, what was saved.
  const draft = state.status === 'error' ? submitted : null;
  return (
    <form
      key={`${state.submittedAt ?? 0}-${JSON.stringify(settings)}`}
      action={(formData) => {
        setSubmitted({
          maxAccessTokenLifetimeDays: String(formData.get('maxAccessTokenLifetimeDays') ?? ''),
          tokenPrefix: String(formData.get('tokenPrefix') ?? ''),
          signupEnabled: formData.get('signupEnabled') === 'on',
          projectAccessTokenCreationDefault: formData.get('projectAccessTokenCreationDefault') === 'on',
          botsCanReadInternalProjects: formData.get('botsCanReadInternalProjects') === 'on',
          passwordAuthenticationEnabledForGit: formData.get('passwordAuthenticationEnabledForGit') === 'on',
        });
        formAction(formData);
      }}
      aria-labelledby="account-limits-heading"
      className="max-w-2xl space-y-5 rounded border border-gray-200 bg-white p-4"
      noValidate
    >
      <h2 id="account-limits-heading" className="text-lg font-semibold">
        Account and limit settings
      </h2>
      <FormStatus state={state} />
      <TextField
        name="maxAccessTokenLifetimeDays"
        label="Maximum allowable lifetime for access tokens (days)"
        inputMode="numeric"
        defaultValue={draft?.maxAccessTokenLifetimeDays ?? settings.maxAccessTokenLifetimeDays ?? ''}
        help={`Leave empty for the default (${defaults.maxLifetimeDays} days); at most ${defaults.maxLifetimeLimitDays}. New tokens must expire within this many days. Existing tokens that expire later keep working and are listed below, where you can revoke them.`}
        errors={errors}
      />
      <TextField
        name="tokenPrefix"
        label="Personal access token prefix"
        defaultValue={draft?.tokenPrefix ?? settings.tokenPrefix}
        autoComplete="off"
        spellCheck={false}
        help={`New personal, project and group access tokens start with it. Letters, digits, '-' and '_', at most ${defaults.prefixMaxLength} characters; empty means ${defaults.tokenPrefix}. Existing tokens keep working.`}
        errors={errors}
      />
      <CheckboxField
        name="signupEnabled"
        label="Sign-up enabled"
        defaultChecked={draft?.signupEnabled ?? settings.signupEnabled}
        help="Anyone who can reach this instance can register an account. Review your security and compliance policies around user self-enrollment before you leave this on."
        errors={errors}
      />
      <CheckboxField
        name="projectAccessTokenCreationDefault"
        label="Allow project access token creation"
        defaultChecked={draft?.projectAccessTokenCreationDefault ?? settings.projectAccessTokenCreationDefault}
        help="The default for new top-level groups. Each group's Owners can still change it; existing groups keep their own setting."
        errors={errors}
      />
      <CheckboxField
        name="botsCanReadInternalProjects"
        label="Project bots can read Internal projects"
        defaultChecked={draft?.botsCanReadInternalProjects ?? settings.botsCanReadInternalProjects}
        help="A project access token's bot is an internal user, so by default (as in GitLab) it can read every Internal project. Turn this off to let a bot read only its own project and public ones."
        errors={errors}
      />
      <CheckboxField
        name="passwordAuthenticationEnabledForGit"
        label="Allow password authentication for Git over HTTP(S)"
        defaultChecked={draft?.passwordAuthenticationEnabledForGit ?? settings.passwordAuthenticationEnabledForGit}
        help="People may clone and push with their username and password. When off, Git needs a personal or project access token."
        errors={errors}
      />
      <SubmitButton>Save changes</SubmitButton>
    </form>
  );
}
