'use client';

import { useCallback, useState } from 'react';
import type { FormState } from '@/lib/forms/form-state';
import { ActiveTokensTable } from './active-tokens-table';
import { CreateTokenForm, type TokenFormRules } from './create-token-form';
import { NewTokenReveal } from './new-token-reveal';
import type { RevealedToken, TokenRow } from './types';

type TokenAction = (previous: FormState<RevealedToken>, formData: FormData) => Promise<FormState<RevealedToken>>;

/** The interactive part of Settings > Access Tokens; the secret of a new token lives only here. */
export function ProjectAccessTokensManager({
  projectId,
  rules,
  disabledReason,
  activeTokens,
  nowIso,
  createAction,
  rotateAction,
  revokeAction,
}: {
  projectId: number;
  rules: TokenFormRules;
  /** When creation is switched off, the message shown instead of the form. */
  disabledReason: string | null;
  activeTokens: TokenRow[];
  nowIso: string;
  createAction: TokenAction;
  rotateAction: TokenAction;
  revokeAction: (previous: FormState, formData: FormData) => Promise<FormState>;
}) {
  const [revealed, setRevealed] = useState<RevealedToken | null>(null);
  const reveal = useCallback((token: RevealedToken) => setRevealed(token), []);
  return (
    <div className="space-y-6">
      {revealed && <NewTokenReveal name={revealed.name} token={revealed.token} onDismiss={() => setRevealed(null)} />}
      {disabledReason ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3">
          {disabledReason}
        </p>
      ) : (
        <CreateTokenForm action={createAction} projectId={projectId} rules={rules} onCreated={reveal} />
      )}
      <ActiveTokensTable
        projectId={projectId}
        tokens={activeTokens}
        nowIso={nowIso}
        revokeAction={revokeAction}
        rotateAction={rotateAction}
        onRotated={reveal}
      />
    </div>
  );
}
