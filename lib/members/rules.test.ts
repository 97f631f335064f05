import { describe, expect, it } from 'vitest';
import { AccessLevel, MEMBER_ACCESS_LEVELS } from '../access-levels';
import { memberChangeAllowed, type MemberAction } from './rules';

const ACTOR_LEVELS = [AccessLevel.NoAccess, ...MEMBER_ACCESS_LEVELS];
const ACTIONS: MemberAction[] = ['add', 'change_role', 'remove'];

/** The rule written out by hand, independent of the implementation, one case at a time. */
function expected(actorLevel: number, action: MemberAction, target: number): boolean {
  if (actorLevel === AccessLevel.Owner) return true;
  if (actorLevel === AccessLevel.Maintainer) return target !== AccessLevel.Owner;
  return false;
}

describe('who may manage which member', () => {
  const table = ACTOR_LEVELS.flatMap((actorLevel) =>
    ACTIONS.flatMap((action) => MEMBER_ACCESS_LEVELS.map((target) => ({ actorLevel, action, target }))),
  );
  it.each(table)('actor level $actorLevel, $action, target role $target', ({ actorLevel, action, target }) => {
    const change =
      action === 'add'
        ? { actorLevel, action, newLevel: target }
        : action === 'remove'
          ? { actorLevel, action, currentLevel: target }
          : { actorLevel, action, currentLevel: AccessLevel.Developer, newLevel: target };
    expect(memberChangeAllowed(change)).toBe(expected(actorLevel, action, target));
  });

  it('a Maintainer cannot demote an Owner', () => {
    expect(
      memberChangeAllowed({
        actorLevel: AccessLevel.Maintainer,
        action: 'change_role',
        currentLevel: AccessLevel.Owner,
        newLevel: AccessLevel.Guest,
      }),
    ).toBe(false);
  });
});
