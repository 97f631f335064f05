'use client';

import { useActionState, useEffect } from 'react';
import { accessLevelName } from '@/lib/access-levels';
import type { FormState } from '@/lib/forms/form-state';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { FormStatus } from '@/components/forms/form-status';
import { daysUntil, formatDate, formatDateTime } from './format';
import type { RevealedToken, TokenKind, TokenRow } from './types';
import { TableHead } from '@/components/layout/table-head';

type RevokeAction = (previous: FormState, formData: FormData) => Promise<FormState>;
type RotateAction = (previous: FormState<RevealedToken>, formData: FormData) => Promise<FormState<RevealedToken>>;

/** Tokens expiring within this many days are flagged. */
const EXPIRY_WARNING_DAYS = 7;

export function ActiveTokensTable({
  kind,
  hiddenFields,
  tokens,
  nowIso,
  revokeAction,
  rotateAction,
  onRotated,
  rotationAllowed = true,
}: {
  kind: TokenKind;
  /** Posted with each action beside the token id, e.g. the project id; the server re-checks everything. */
  hiddenFields: Record<string, string | number>;
  tokens: TokenRow[];
  nowIso: string;
  /** False while new tokens may not be made here (the group's switch, FIPS mode): rotating makes one. */
  rotationAllowed?: boolean;
  revokeAction: RevokeAction;
  rotateAction: RotateAction;
  onRotated: (revealed: RevealedToken) => void;
}) {
  const [revokeState, revoke, revoking] = useActionState(revokeAction, { status: 'idle' });
  const [rotateState, rotate, rotating] = useActionState(rotateAction, { status: 'idle' });
  // A second rotation of the same token would look like re-use and revoke the whole chain.
  const busy = revoking || rotating;
  const now = new Date(nowIso);
  const columns = [
    'Token name',
    'Description',
    'Scopes',
    'Created',
    'Last Used',
    'Last Used IPs',
    'Expires',
    ...(kind.hasRole ? ['Role'] : []),
    'Action',
  ];

  useEffect(() => {
    if (rotateState.status === 'success' && rotateState.result) onRotated(rotateState.result);
  }, [rotateState, onRotated]);

  return (
    <section aria-labelledby="active-tokens-heading" className="space-y-2">
      <h2 id="active-tokens-heading" className="text-lg font-semibold">
        {`Active ${kind.noun}s (${tokens.length})`}
      </h2>
      <FormStatus state={revokeState} />
      {rotateState.status === 'error' && <FormStatus state={rotateState} />}
      {tokens.length === 0 ? (
        <p>{kind.noActiveTokens}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <TableHead columns={columns} />
            <tbody>
              {tokens.map((token) => {
                const days = daysUntil(token.expiresAt, now);
                const soon = days <= EXPIRY_WARNING_DAYS;
                return (
                  <tr key={token.id} className="border-b align-top">
                    <td className="p-2 font-medium">{token.name}</td>
                    <td className="p-2">{token.description}</td>
                    <td className="p-2 font-mono text-xs">{token.scopes.join(', ')}</td>
                    <td className="p-2">{formatDate(token.createdAt)}</td>
                    <td className="p-2">{formatDateTime(token.lastUsedAt)}</td>
                    <td className="p-2">{token.lastUsedIps.length ? token.lastUsedIps.join(', ') : '-'}</td>
                    <td className={`p-2 ${soon ? 'font-semibold text-amber-800' : ''}`}>
                      {token.expiresAt}
                      <br />
                      <span className="text-xs">{days === 1 ? 'in 1 day' : `in ${days} days`}</span>
                      {soon && <span className="sr-only"> (expires soon)</span>}
                    </td>
                    {kind.hasRole && <td className="p-2">{accessLevelName(token.accessLevel ?? 0)}</td>}
                    <td className="flex gap-2 p-2">
                      {rotationAllowed && (
                        <ConfirmDialog
                          trigger="Rotate"
                          triggerLabel={`Rotate ${token.name}`}
                          title={`Rotate ${kind.noun} ${token.name}?`}
                          confirmLabel="Rotate"
                          formAction={rotate}
                          disabled={busy}
                          hiddenFields={{ ...hiddenFields, tokenId: token.id }}
                        >
                          Are you sure you want to rotate the {kind.noun} &quot;{token.name}&quot;? The current token stops working at once
                          and a new token, valid for one week, is shown once.
                        </ConfirmDialog>
                      )}
                      <ConfirmDialog
                        trigger="Revoke"
                        triggerLabel={`Revoke ${token.name}`}
                        title={`Revoke ${kind.noun} ${token.name}?`}
                        confirmLabel="Revoke"
                        formAction={revoke}
                        disabled={busy}
                        hiddenFields={{ ...hiddenFields, tokenId: token.id }}
                        danger
                      >
                        Are you sure you want to revoke the {kind.noun} &quot;{token.name}&quot;? This action cannot be undone. Any tools
                        that rely on this access token will stop working.
                      </ConfirmDialog>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
