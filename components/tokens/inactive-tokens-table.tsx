import { accessLevelName } from '@/lib/access-levels';
import { formatDate, formatDateTime } from './format';
import type { TokenKind, TokenRow } from './types';
import { TableHead } from '@/components/layout/table-head';

/** Revoked and expired tokens of the last 30 days, read-only. */
export function InactiveTokensTable({ kind, tokens }: { kind: TokenKind; tokens: TokenRow[] }) {
  const columns = ['Token name', 'Scopes', 'Created', 'Last Used', 'Expired', ...(kind.hasRole ? ['Role'] : [])];
  return (
    <section aria-labelledby="inactive-tokens-heading" className="space-y-2">
      <h2 id="inactive-tokens-heading" className="text-lg font-semibold">
        {`Inactive ${kind.noun}s (${tokens.length})`}
      </h2>
      {tokens.length === 0 ? (
        <p>{kind.noInactiveTokens}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm text-gray-700">
            <TableHead columns={columns} />
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-b">
                  <td className="p-2 font-medium">{token.name}</td>
                  <td className="p-2 font-mono text-xs">{token.scopes.join(', ')}</td>
                  <td className="p-2">{formatDate(token.createdAt)}</td>
                  <td className="p-2">{formatDateTime(token.lastUsedAt)}</td>
                  <td className="p-2">{token.revoked ? `Revoked ${formatDate(token.revokedAt)}` : `Expired ${token.expiresAt}`}</td>
                  {kind.hasRole && <td className="p-2">{accessLevelName(token.accessLevel ?? 0)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
