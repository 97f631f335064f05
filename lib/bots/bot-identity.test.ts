import { describe, expect, it } from 'vitest';
import { botIdentity, nextBotIndex } from './bot-identity';

const host = 'example.com';
const taken = (indexes: number[], projectId = 7) => {
  const identities = indexes.map((index) => botIdentity(projectId, index, host));
  return { usernames: identities.map((id) => id.username), emails: identities.map((id) => id.email) };
};

describe('bot identities', () => {
  it('follows GitLab: project_N_bot, then project_N_bot1, project_N_bot2…', () => {
    expect(botIdentity(123, 0, host)).toEqual({ username: 'project_123_bot', email: 'project123_bot@noreply.example.com' });
    expect(botIdentity(123, 1, host)).toEqual({ username: 'project_123_bot1', email: 'project123_bot1@noreply.example.com' });
    expect(botIdentity(123, 2, host)).toEqual({ username: 'project_123_bot2', email: 'project123_bot2@noreply.example.com' });
  });

  it.each([
    { existing: [], next: 0 },
    { existing: [0], next: 1 },
    { existing: [0, 1], next: 2 },
    { existing: [1, 2], next: 0 },
    { existing: [0, 2, 3], next: 1 },
    { existing: [0, 1, 2, 4], next: 3 },
  ])('with $existing taken the next is $next (the first free one)', ({ existing, next }) => {
    expect(nextBotIndex(7, host, taken(existing))).toBe(next);
  });

  it('ignores bots of other projects whose names merely start the same', () => {
    expect(nextBotIndex(1, host, taken([0, 1], 12))).toBe(0);
    expect(nextBotIndex(1, host, taken([0, 1], 1))).toBe(2);
  });

  it('skips a number whose username or e-mail someone else holds, case-insensitively', () => {
    expect(nextBotIndex(7, host, { usernames: ['PROJECT_7_BOT'], emails: [] })).toBe(1);
    expect(
      nextBotIndex(7, host, { usernames: [], emails: ['project7_bot@noreply.example.com', 'Project7_Bot1@noreply.example.com'] }),
    ).toBe(2);
  });
});
