/** A token's secret as shown once after create or rotate. */
export interface RevealedToken {
  name: string;
  token: string;
}

/** A token row as the tables show it (no secret, no digest). */
export interface TokenRow {
  id: number;
  name: string;
  description: string;
  scopes: string[];
  /** The role of a project token; personal tokens have none. */
  accessLevel?: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIps: string[];
  expiresAt: string;
  revoked: boolean;
  revokedAt: Date | null;
}

/** A scope the creation form offers, with GitLab's description of it. */
export interface ScopeOption {
  scope: string;
  description: string;
}

/** What differs between the project and the personal token pages; the shared components take it as a prop. */
export interface TokenKind {
  /** Lower case, singular ("project access token"): headings, buttons and dialogs are built from it. */
  noun: string;
  /** Help under the token name field. */
  nameHelp: string;
  /** Shown when no token is active. */
  noActiveTokens: string;
  /** Shown when no token stopped working in the last 30 days. */
  noInactiveTokens: string;
  /** The scopes the form offers, in GitLab's order. */
  scopes: ScopeOption[];
  /** Whether tokens carry a role (project tokens do; personal tokens act as their person). */
  hasRole: boolean;
}
