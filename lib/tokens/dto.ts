import type { AccessToken } from '@/db/schema';
import { hasEnded } from '../dates';

/** What every token shows the screens and the API, whatever its kind: explicit fields, never the digest. */
interface TokenDtoFields {
  id: number;
  name: string;
  description: string;
  scopes: string[];
  active: boolean;
  revoked: boolean;
  revokedAt: Date | null;
  /** `YYYY-MM-DD`; the token stops working at 00:00 UTC on this date. */
  expiresAt: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIps: string[];
}

/** A project access token as the screens and the API see it. */
export interface ProjectAccessTokenDto extends TokenDtoFields {
  accessLevel: number;
  /** The bot user; null once the bot has been deleted. */
  userId: number | null;
  projectId: number;
}

/** Neither revoked nor past its expiry date. */
export function isTokenActive(token: Pick<AccessToken, 'revoked' | 'expiresAt'>, now: Date): boolean {
  return !token.revoked && !hasEnded(token.expiresAt, now);
}

function tokenDtoFields(token: AccessToken, now: Date): TokenDtoFields {
  return {
    id: token.id,
    name: token.name,
    description: token.description,
    scopes: [...token.scopes],
    active: isTokenActive(token, now),
    revoked: token.revoked,
    revokedAt: token.revokedAt,
    expiresAt: token.expiresAt,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    lastUsedIps: [...token.lastUsedIps],
  };
}

export function toProjectAccessTokenDto(token: AccessToken, now: Date): ProjectAccessTokenDto {
  return { ...tokenDtoFields(token, now), accessLevel: token.accessLevel ?? 0, userId: token.userId, projectId: token.projectId ?? 0 };
}

/**
 * A token as the personal access token screens and API see it. Also describes a project token
 * when its bot asks about itself (`GET /personal_access_tokens/self`).
 */
export interface PersonalAccessTokenDto extends TokenDtoFields {
  kind: 'personal' | 'project';
  /** The token's user (the bot for a project token); null once that user is gone. */
  userId: number | null;
}

export function toPersonalAccessTokenDto(token: AccessToken, now: Date): PersonalAccessTokenDto {
  return { ...tokenDtoFields(token, now), kind: token.kind, userId: token.userId };
}
