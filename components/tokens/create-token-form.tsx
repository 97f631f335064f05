'use client';

import { useActionState, useEffect, useState } from 'react';
import { accessLevelName } from '@/lib/access-levels';
import type { FormState } from '@/lib/forms/form-state';
import { PROJECT_TOKEN_SCOPES, SCOPE_DESCRIPTIONS } from '@/lib/tokens/scopes';
import { FieldError, fieldErrorId } from '@/components/forms/field-error';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import type { RevealedToken } from './types';

type CreateAction = (previous: FormState<RevealedToken>, formData: FormData) => Promise<FormState<RevealedToken>>;

export interface TokenFormRules {
  assignableAccessLevels: number[];
  minExpiresAt: string;
  maxExpiresAt: string;
  defaultExpiresAt: string;
}

interface Draft {
  name: string;
  description: string;
  expiresAt: string;
  accessLevel: string;
  scopes: string[];
}

/** GitLab's "Add a project access token" form. What was typed survives a refused submission. */
export function CreateTokenForm({
  action,
  projectId,
  rules,
  onCreated,
}: {
  action: CreateAction;
  projectId: number;
  rules: TokenFormRules;
  onCreated: (revealed: RevealedToken) => void;
}) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const [draft, setDraft] = useState<Draft | null>(null);

  useEffect(() => {
    if (state.status === 'success' && state.result) {
      onCreated(state.result);
    }
  }, [state, onCreated]);

  const errors = state.fieldErrors;
  const keep = state.status === 'error' ? draft : null;
  return (
    <form
      key={state.submittedAt ?? 0}
      action={(formData) => {
        setDraft({
          name: String(formData.get('name') ?? ''),
          description: String(formData.get('description') ?? ''),
          expiresAt: String(formData.get('expiresAt') ?? ''),
          accessLevel: String(formData.get('accessLevel') ?? ''),
          scopes: formData.getAll('scopes').map(String),
        });
        formAction(formData);
      }}
      aria-labelledby="add-token-heading"
      className="space-y-4 rounded border border-gray-200 bg-white p-4"
      noValidate
    >
      <h2 id="add-token-heading" className="text-lg font-semibold">
        Add a project access token
      </h2>
      <FormAlert state={state} />
      <input type="hidden" name="projectId" value={projectId} />
      <TextField
        name="name"
        label="Token name"
        help="For example, the application using the token or the purpose of the token. Do not give sensitive information for the name of the token, as it will be visible to all project members."
        required
        maxLength={255}
        defaultValue={keep?.name}
        errors={errors}
      />
      <TextField name="description" label="Token description" maxLength={255} defaultValue={keep?.description} errors={errors} />
      <TextField
        name="expiresAt"
        label="Expiration date"
        type="date"
        required
        min={rules.minExpiresAt}
        max={rules.maxExpiresAt}
        defaultValue={keep?.expiresAt ?? rules.defaultExpiresAt}
        help={`The token expires at 00:00 UTC on this date. Latest allowed: ${rules.maxExpiresAt}.`}
        errors={errors}
      />
      <div>
        <label htmlFor="accessLevel" className="block text-sm font-semibold">
          Select a role
        </label>
        <select
          id="accessLevel"
          name="accessLevel"
          defaultValue={keep?.accessLevel ?? String(rules.assignableAccessLevels[0] ?? '')}
          aria-describedby={errors?.accessLevel ? fieldErrorId('accessLevel') : undefined}
          className="mt-1 block rounded border border-gray-400 px-3 py-2"
        >
          {rules.assignableAccessLevels.map((level) => (
            <option key={level} value={level}>
              {accessLevelName(level)}
            </option>
          ))}
        </select>
        <FieldError name="accessLevel" errors={errors} />
      </div>
      <fieldset aria-describedby={errors?.scopes ? fieldErrorId('scopes') : undefined}>
        <legend className="text-sm font-semibold">Select scopes</legend>
        <p className="text-sm text-gray-600">Scopes set the permission levels granted to the token.</p>
        <div className="mt-2 space-y-2">
          {PROJECT_TOKEN_SCOPES.map((scope) => (
            <div key={scope} className="flex items-start gap-2">
              <input
                type="checkbox"
                id={`scope-${scope}`}
                name="scopes"
                value={scope}
                defaultChecked={keep?.scopes.includes(scope)}
                aria-describedby={`scope-${scope}-help`}
                className="mt-1"
              />
              <div>
                <label htmlFor={`scope-${scope}`} className="font-mono text-sm font-medium">
                  {scope}
                </label>
                <p id={`scope-${scope}-help`} className="text-sm text-gray-600">
                  {SCOPE_DESCRIPTIONS[scope]}
                </p>
              </div>
            </div>
          ))}
        </div>
        <FieldError name="scopes" errors={errors} />
      </fieldset>
      <SubmitButton pendingText="Creating…">Create project access token</SubmitButton>
    </form>
  );
}
