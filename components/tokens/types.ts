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
  accessLevel: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIps: string[];
  expiresAt: string;
  revoked: boolean;
  revokedAt: Date | null;
}
