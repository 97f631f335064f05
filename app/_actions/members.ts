'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { requiredIdSchema } from '@/lib/forms/schemas';
import { addMember, changeMemberRole, removeMember } from '@/lib/members/manage-members';
import { loadMemberSource, type MemberSourceRef } from '@/lib/members/member-source';
import { db } from '@/db/client';
import type { Actor } from '@/lib/actor';
import { clientIp } from '@/app/_lib/request';

// The source named by the form is only a claim: lib/ loads it again and checks the actor's role there.
const sourceSchema = z.object({ sourceType: z.enum(['project', 'group']), sourceId: requiredIdSchema });
const levelSchema = z.coerce.number({ message: 'Select a role' }).int('Select a role');

const addSchema = sourceSchema.extend({
  username: z.string().trim().min(1, "Username can't be blank").max(255),
  accessLevel: levelSchema,
  expiresAt: z.string().trim().optional(),
});
const changeSchema = sourceSchema.extend({ userId: requiredIdSchema, accessLevel: levelSchema });
const removeSchema = sourceSchema.extend({ userId: requiredIdSchema });

function sourceOf(data: { sourceType: 'project' | 'group'; sourceId: number }): MemberSourceRef {
  return { type: data.sourceType, id: data.sourceId };
}

async function revalidateMembers(actor: Actor, source: MemberSourceRef) {
  const loaded = await loadMemberSource(await db(), actor, source).catch(() => null);
  if (!loaded) return;
  revalidatePath(source.type === 'project' ? `/${loaded.fullPath}/-/project_members` : `/groups/${loaded.fullPath}/-/group_members`);
}

export async function addMemberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = addSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  const source = sourceOf(parsed.data);
  try {
    await addMember({ actor, source, ...parsed.data, expiresAt: parsed.data.expiresAt || null, ipAddress: await clientIp() });
  } catch (error) {
    return fromError(error);
  }
  await revalidateMembers(actor, source);
  return { status: 'success', message: `${parsed.data.username.replace(/^@/, '')} was added.`, submittedAt: Date.now() };
}

export async function changeMemberRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = changeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  const source = sourceOf(parsed.data);
  try {
    await changeMemberRole({
      actor,
      source,
      userId: parsed.data.userId,
      accessLevel: parsed.data.accessLevel,
      ipAddress: await clientIp(),
    });
  } catch (error) {
    return fromError(error);
  }
  await revalidateMembers(actor, source);
  return { status: 'success', message: 'Role updated.', submittedAt: Date.now() };
}

export async function removeMemberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = removeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  const source = sourceOf(parsed.data);
  try {
    await removeMember({ actor, source, userId: parsed.data.userId, ipAddress: await clientIp() });
  } catch (error) {
    return fromError(error);
  }
  await revalidateMembers(actor, source);
  return { status: 'success', message: 'Member removed.', submittedAt: Date.now() };
}
