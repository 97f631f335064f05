'use client';

import { useCallback, useState } from 'react';
import type { FormState } from '@/lib/forms/form-state';
import { ActiveTokensTable } from './active-tokens-table';
import { CreateTokenForm, type TokenFormRules } from './create-token-form';
import { NewTokenReveal } from './new-token-reveal';
import type { RevealedToken, TokenKind, TokenRow } from './types';

export type TokenAction = (previous: FormState<RevealedToken>, formData: FormData) => Promise<FormState<RevealedToken>>;
export type RevokeTokenAction = (previous: FormState, formData: FormData) => Promise<FormState>;

export interface AccessTokensManagerProps {
  kind: TokenKind;
  /** Posted with every form beside its own fields, e.g. the project id; the server re-checks everything. */
  hiddenFields: Record<string, string | number>;
  rules: TokenFormRules;
  /** When creation is switched off, the message shown instead of the form (rotation makes a token, so it goes too). */
  disabledReason: string | null;
  activeTokens: TokenRow[];
  nowIso: string;
  createAction: TokenAction;
  rotateAction: TokenAction;
  revokeAction: RevokeTokenAction;
}

/** The interactive part of an Access Tokens page; the secret of a new token lives only here. */
export function AccessTokensManager({
  kind,
  hiddenFields,
  rules,
  disabledReason,
  activeTokens,
  nowIso,
  createAction,
  rotateAction,
  revokeAction,
}: AccessTokensManagerProps) {
  const [revealed, setRevealed] = useState<RevealedToken | null>(null);
  const reveal = useCallback((token: RevealedToken) => setRevealed(token), []);
  return (
    <div className="space-y-6">
      {revealed && <NewTokenReveal noun={kind.noun} name={revealed.name} token={revealed.token} onDismiss={() => setRevealed(null)} />}
      {disabledReason ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3">
          {disabledReason}
        </p>
      ) : (
        <CreateTokenForm action={createAction} kind={kind} hiddenFields={hiddenFields} rules={rules} onCreated={reveal} />
      )}
      <ActiveTokensTable
        kind={kind}
        hiddenFields={hiddenFields}
        tokens={activeTokens}
        nowIso={nowIso}
        revokeAction={revokeAction}
        rotateAction={rotateAction}
        onRotated={reveal}
        rotationAllowed={!disabledReason}
      />
    </div>
  );
}
