/** GitLab's access levels. */
export const AccessLevel = {
  NoAccess: 0,
  Guest: 10,
  Reporter: 20,
  Developer: 30,
  Maintainer: 40,
  Owner: 50,
} as const;

export type AccessLevelValue = (typeof AccessLevel)[keyof typeof AccessLevel];

/** The levels a membership (or a token's role) can have, lowest first. */
export const MEMBER_ACCESS_LEVELS = [
  AccessLevel.Guest,
  AccessLevel.Reporter,
  AccessLevel.Developer,
  AccessLevel.Maintainer,
  AccessLevel.Owner,
] as const;

export type MemberAccessLevel = (typeof MEMBER_ACCESS_LEVELS)[number];

const NAMES: Record<number, string> = {
  0: 'No access',
  10: 'Guest',
  20: 'Reporter',
  30: 'Developer',
  40: 'Maintainer',
  50: 'Owner',
};

export function accessLevelName(level: number): string {
  return NAMES[level] ?? `Level ${level}`;
}

export function isMemberAccessLevel(value: number): value is MemberAccessLevel {
  return (MEMBER_ACCESS_LEVELS as readonly number[]).includes(value);
}
