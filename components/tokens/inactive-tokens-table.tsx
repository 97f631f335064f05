import { accessLevelName } from '@/lib/access-levels';
import { formatDate, formatDateTime } from './format';
import type { TokenRow } from './types';

/** Revoked and expired tokens of the last 30 days, read-only. */
export function InactiveTokensTable({ tokens }: { tokens: TokenRow[] }) {
  return (
    <section aria-labelledby="inactive-tokens-heading" className="space-y-2">
      <h2 id="inactive-tokens-heading" className="text-lg font-semibold">
        Inactive project access tokens ({tokens.length})
      </h2>
      {tokens.length === 0 ? (
        <p>This project has no tokens that have been revoked or have expired in the last 30 days.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm text-gray-700">
            <thead>
              <tr className="border-b">
                {['Token name', 'Scopes', 'Created', 'Last Used', 'Expired', 'Role'].map((column) => (
                  <th key={column} scope="col" className="p-2">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-b">
                  <td className="p-2 font-medium">{token.name}</td>
                  <td className="p-2 font-mono text-xs">{token.scopes.join(', ')}</td>
                  <td className="p-2">{formatDate(token.createdAt)}</td>
                  <td className="p-2">{formatDateTime(token.lastUsedAt)}</td>
                  <td className="p-2">{token.revoked ? `Revoked ${formatDate(token.revokedAt)}` : `Expired ${token.expiresAt}`}</td>
                  <td className="p-2">{accessLevelName(token.accessLevel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
