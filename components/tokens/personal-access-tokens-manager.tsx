'use client';

import { AccessTokensManager, type AccessTokensManagerProps } from './access-tokens-manager';
import { PERSONAL_TOKEN_KIND } from './token-kinds';

/** User Settings > Access Tokens: the shared manager, with the personal scopes and words and no role. */
export function PersonalAccessTokensManager(props: Omit<AccessTokensManagerProps, 'kind' | 'hiddenFields'>) {
  return <AccessTokensManager kind={PERSONAL_TOKEN_KIND} hiddenFields={{}} {...props} />;
}
