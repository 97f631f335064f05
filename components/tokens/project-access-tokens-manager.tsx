'use client';

import { AccessTokensManager, type AccessTokensManagerProps } from './access-tokens-manager';
import { PROJECT_TOKEN_KIND } from './token-kinds';

/** Settings > Access Tokens of a project: the shared manager, with the project's scopes, roles and words. */
export function ProjectAccessTokensManager({
  projectId,
  ...props
}: Omit<AccessTokensManagerProps, 'kind' | 'hiddenFields'> & { projectId: number }) {
  return <AccessTokensManager kind={PROJECT_TOKEN_KIND} hiddenFields={{ projectId }} {...props} />;
}
