import type { Actor } from '@/lib/actor';
import { INACTIVE_LISTING_DAYS } from '@/lib/tokens/token-queries';
import { listPersonalAccessTokens, personalTokenFormRules } from '@/lib/tokens/personal-access-tokens';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { InactiveTokensTable } from '@/components/tokens/inactive-tokens-table';
import { PersonalAccessTokensManager } from '@/components/tokens/personal-access-tokens-manager';
import { PERSONAL_TOKEN_KIND } from '@/components/tokens/token-kinds';
import {
  createPersonalAccessTokenAction,
  revokePersonalAccessTokenAction,
  rotatePersonalAccessTokenAction,
} from '@/app/_actions/personal-access-tokens';

/** User Settings > Access Tokens: the signed-in person's own tokens, laid out as a project's Access Tokens page. */
export async function PersonalAccessTokensScreen({ actor }: { actor: Actor }) {
  const now = new Date();
  const [rules, active, inactive] = await Promise.all([
    personalTokenFormRules({ actor, now }),
    listPersonalAccessTokens({ actor, state: 'active', now }),
    listPersonalAccessTokens({ actor, state: 'inactive', inactiveWithinDays: INACTIVE_LISTING_DAYS, now }),
  ]);
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ name: 'User settings' }, { name: 'Access tokens' }]} />
      <div>
        <h1 className="text-2xl font-bold">Personal access tokens</h1>
        <p className="mt-1 text-gray-700">
          You can generate a personal access token for each application you use that needs access to the GitLab-compatible API or Git over
          HTTP. A personal access token acts as you, with everything you may do, limited by its scopes.
        </p>
      </div>
      <PersonalAccessTokensManager
        rules={rules}
        disabledReason={null}
        activeTokens={active.tokens}
        nowIso={now.toISOString()}
        createAction={createPersonalAccessTokenAction}
        rotateAction={rotatePersonalAccessTokenAction}
        revokeAction={revokePersonalAccessTokenAction}
      />
      <InactiveTokensTable kind={PERSONAL_TOKEN_KIND} tokens={inactive.tokens} />
    </div>
  );
}
