'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/forms/form-state';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { FormStatus } from '@/components/forms/form-status';
import { TableHead } from '@/components/layout/table-head';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export interface TokenOverLimitRow {
  id: number;
  name: string;
  kind: 'personal' | 'project';
  projectFullPath: string | null;
  expiresAt: string;
  createdAt: Date;
}

/**
 * Tokens made before the maximum lifetime was lowered that expire later than it now allows. They
 * keep working; the admin may revoke them all at once.
 */
export function TokensOverLimit({
  tokens,
  maxExpiresAt,
  maxLifetimeDays,
  revokeAction,
}: {
  tokens: TokenOverLimitRow[];
  maxExpiresAt: string;
  maxLifetimeDays: number;
  revokeAction: Action;
}) {
  const [state, revoke, pending] = useActionState(revokeAction, { status: 'idle' });
  const count = tokens.length;
  const label = count === 1 ? '1 token' : `${count} tokens`;
  return (
    <section aria-labelledby="tokens-over-limit-heading" className="max-w-4xl space-y-3 rounded border border-gray-200 bg-white p-4">
      <h2 id="tokens-over-limit-heading" className="text-lg font-semibold">
        Tokens exceeding the maximum lifetime ({count})
      </h2>
      <FormStatus state={state} />
      {count === 0 ? (
        <p>No active token expires later than the maximum lifetime ({maxLifetimeDays} days) allows.</p>
      ) : (
        <>
          <p className="text-sm">
            These active tokens expire after {maxExpiresAt}, later than a token created today may ({maxLifetimeDays} days). They keep
            working until they expire or you revoke them: GitLab revokes such tokens automatically after a delay, Keyhold leaves the
            decision to you, so that lowering the limit never silently breaks running automation.
          </p>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <TableHead columns={['Token name', 'Type', 'Project', 'Expires', 'Created']} />
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id} className="border-b">
                    <td className="p-2 font-medium">{token.name}</td>
                    <td className="p-2">{token.kind === 'project' ? 'Project access token' : 'Personal access token'}</td>
                    <td className="p-2">{token.projectFullPath ?? '-'}</td>
                    <td className="p-2">{token.expiresAt}</td>
                    <td className="p-2">{token.createdAt.toISOString().slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ConfirmDialog
            trigger={`Revoke ${label}`}
            title={`Revoke ${label} that exceed the maximum lifetime?`}
            confirmLabel="Revoke"
            formAction={revoke}
            hiddenFields={{}}
            disabled={pending}
            danger
          >
            Every token listed here stops working at once, and the bot users of project access tokens are removed. Any tools that rely on
            these tokens will stop working. This action cannot be undone.
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
