import 'server-only';
import { and, eq } from 'drizzle-orm';
import { namespaces } from '@/db/schema';
import { db } from '@/db/client';
import type { Actor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { AppError } from '../errors';
import { findVisibleGroup } from './groups';

/**
 * "Users can create project access tokens and group access tokens in this group": a top-level
 * group's switch that governs every project in its tree. Subgroups show the top-level value.
 */
export interface GroupTokenCreationSetting {
  groupId: number;
  /** The value that applies to this group's projects: the top-level group's. */
  allowed: boolean;
  /** True on a top-level group; a subgroup only shows the value and links to where it is set. */
  editable: boolean;
  topLevelGroup: { id: number; name: string; fullPath: string };
}

const groupNotFound = () => new AppError('not_found', 'Group not found');

/** Group Owners (and admins) only; anyone else is told the group does not exist, as the settings page is. */
async function ownedGroupOrThrow(actor: Actor, groupId: number) {
  const view = await findVisibleGroup(actor, groupId);
  if (!view || !view.can('admin_group')) throw groupNotFound();
  return view;
}

async function readSetting(groupId: number, topLevelId: number): Promise<GroupTokenCreationSetting> {
  const [top] = await (
    await db()
  )
    .select({
      id: namespaces.id,
      name: namespaces.name,
      fullPath: namespaces.fullPath,
      allowed: namespaces.resourceAccessTokenCreationAllowed,
    })
    .from(namespaces)
    .where(and(eq(namespaces.id, topLevelId), eq(namespaces.kind, 'group')));
  if (!top) throw groupNotFound();
  return {
    groupId,
    allowed: top.allowed,
    editable: groupId === top.id,
    topLevelGroup: { id: top.id, name: top.name, fullPath: top.fullPath },
  };
}

/** The switch as the group's Owners see it on Settings > General. */
export async function groupTokenCreationSetting({ actor, groupId }: { actor: Actor; groupId: number }): Promise<GroupTokenCreationSetting> {
  const view = await ownedGroupOrThrow(actor, groupId);
  return readSetting(groupId, view.ancestors[0]?.id ?? groupId);
}

export interface SetGroupTokenCreationOptions {
  /** Must be an Owner of the group (or an instance admin). */
  actor: Actor;
  /** A top-level group; subgroups have no switch of their own. */
  groupId: number;
  allowed: boolean;
  ipAddress?: string | null;
}

/**
 * Turns project access token creation on or off for the whole tree of a top-level group, with an
 * audit event when the value changes. Existing tokens are untouched: they keep working and can be
 * revoked. The row lock makes token creations already under way finish first.
 */
export async function setGroupTokenCreationAllowed(options: SetGroupTokenCreationOptions): Promise<GroupTokenCreationSetting> {
  const view = await ownedGroupOrThrow(options.actor, options.groupId);
  const top = view.ancestors[0];
  if (top) {
    throw new AppError(
      'invalid',
      `This setting can only be changed on the top-level group ${top.fullPath}.`,
      'resourceAccessTokenCreationAllowed',
    );
  }
  const database = await db();
  await database.transaction(async (tx) => {
    const [group] = await tx
      .select({
        id: namespaces.id,
        fullPath: namespaces.fullPath,
        parentId: namespaces.parentId,
        allowed: namespaces.resourceAccessTokenCreationAllowed,
      })
      .from(namespaces)
      .where(and(eq(namespaces.id, options.groupId), eq(namespaces.kind, 'group')))
      .for('update');
    if (!group) throw groupNotFound();
    if (group.parentId !== null) throw new AppError('invalid', 'This setting can only be changed on the top-level group.');
    if (group.allowed === options.allowed) return;
    await tx.update(namespaces).set({ resourceAccessTokenCreationAllowed: options.allowed }).where(eq(namespaces.id, group.id));
    await recordAuditEvent(tx, {
      author: options.actor,
      action: 'group_token_creation_setting_updated',
      target: { type: 'Group', id: group.id, name: group.fullPath },
      details: { setting: 'resource_access_token_creation_allowed', from: group.allowed, to: options.allowed },
      ipAddress: options.ipAddress,
    });
  });
  return readSetting(options.groupId, options.groupId);
}
