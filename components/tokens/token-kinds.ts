import { PERSONAL_SCOPE_DESCRIPTIONS, PERSONAL_TOKEN_SCOPES, PROJECT_TOKEN_SCOPES, SCOPE_DESCRIPTIONS } from '@/lib/tokens/scopes';
import type { TokenKind } from './types';

/** Settings > Access Tokens of a project. */
export const PROJECT_TOKEN_KIND: TokenKind = {
  noun: 'project access token',
  nameHelp:
    'For example, the application using the token or the purpose of the token. Do not give sensitive information for the name of the token, as it will be visible to all project members.',
  noActiveTokens: 'This project has no active access tokens.',
  noInactiveTokens: 'This project has no tokens that have been revoked or have expired in the last 30 days.',
  scopes: PROJECT_TOKEN_SCOPES.map((scope) => ({ scope, description: SCOPE_DESCRIPTIONS[scope] })),
  hasRole: true,
};

/** User Settings > Access Tokens. */
export const PERSONAL_TOKEN_KIND: TokenKind = {
  noun: 'personal access token',
  nameHelp: 'For example, the application using the token or the purpose of the token.',
  noActiveTokens: 'This user has no active personal access tokens.',
  noInactiveTokens: 'This user has no personal access tokens that have been revoked or have expired in the last 30 days.',
  scopes: PERSONAL_TOKEN_SCOPES.map((scope) => ({ scope, description: PERSONAL_SCOPE_DESCRIPTIONS[scope] })),
  hasRole: false,
};
