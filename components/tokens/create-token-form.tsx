'use client';

import { useActionState, useEffect, useState } from 'react';
import { accessLevelName } from '@/lib/access-levels';
import type { FormState } from '@/lib/forms/form-state';
import { FieldError, fieldErrorId } from '@/components/forms/field-error';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import type { RevealedToken, TokenKind } from './types';

type CreateAction = (previous: FormState<RevealedToken>, formData: FormData) => Promise<FormState<RevealedToken>>;

export interface TokenFormRules {
  /** Roles the actor may give a token, lowest first (project tokens only). */
  assignableAccessLevels?: number[];
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

/** GitLab's "Add a project (or personal) access token" form. What was typed survives a refused submission. */
export function CreateTokenForm({
  action,
  kind,
  hiddenFields,
  rules,
  onCreated,
}: {
  action: CreateAction;
  kind: TokenKind;
  /** Posted with the form, e.g. the project id; the server re-checks everything. */
  hiddenFields: Record<string, string | number>;
  rules: TokenFormRules;
  onCreated: (revealed: RevealedToken) => void;
}) {
  const assignableAccessLevels = rules.assignableAccessLevels ?? [];
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
        {`Add a ${kind.noun}`}
      </h2>
      <FormAlert state={state} />
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextField name="name" label="Token name" help={kind.nameHelp} required maxLength={255} defaultValue={keep?.name} errors={errors} />
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
      {kind.hasRole && (
        <div>
          <label htmlFor="accessLevel" className="block text-sm font-semibold">
            Select a role
          </label>
          <select
            id="accessLevel"
            name="accessLevel"
            defaultValue={keep?.accessLevel ?? String(assignableAccessLevels[0] ?? '')}
            aria-describedby={errors?.accessLevel ? fieldErrorId('accessLevel') : undefined}
            className="mt-1 block rounded border border-gray-400 px-3 py-2"
          >
            {assignableAccessLevels.map((level) => (
              <option key={level} value={level}>
                {accessLevelName(level)}
              </option>
            ))}
          </select>
          <FieldError name="accessLevel" errors={errors} />
        </div>
      )}
      <fieldset aria-describedby={errors?.scopes ? fieldErrorId('scopes') : undefined}>
        <legend className="text-sm font-semibold">Select scopes</legend>
        <p className="text-sm text-gray-600">Scopes set the permission levels granted to the token.</p>
        <div className="mt-2 space-y-2">
          {kind.scopes.map(({ scope, description }) => (
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
                  {description}
                </p>
              </div>
            </div>
          ))}
        </div>
        <FieldError name="scopes" errors={errors} />
      </fieldset>
      <SubmitButton pendingText="Creating…">{`Create ${kind.noun}`}</SubmitButton>
    </form>
  );
}
