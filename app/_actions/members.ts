'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { FormState } from '@/lib/forms/form-state';
import { requiredIdSchema } from '@/lib/forms/schemas';
import { addMember, changeMemberRole, removeMember } from '@/lib/members/manage-members';
import { loadMemberSource, type MemberSourceRef } from '@/lib/members/member-source';
import { db } from '@/db/client';
import type { Actor } from '@/lib/actor';
import { runFormAction, successState } from '@/app/_lib/form-action';

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
  return runFormAction(addSchema, Object.fromEntries(formData), async (data, { actor, ipAddress }) => {
    const source = sourceOf(data);
    await addMember({ actor, source, ...data, expiresAt: data.expiresAt || null, ipAddress });
    await revalidateMembers(actor, source);
    return successState(`${data.username.replace(/^@/, '')} was added.`);
  });
}

export async function changeMemberRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(changeSchema, Object.fromEntries(formData), async (data, { actor, ipAddress }) => {
    const source = sourceOf(data);
    await changeMemberRole({ actor, source, userId: data.userId, accessLevel: data.accessLevel, ipAddress });
    await revalidateMembers(actor, source);
    return successState('Role updated.');
  });
}

export async function removeMemberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(removeSchema, Object.fromEntries(formData), async (data, { actor, ipAddress }) => {
    const source = sourceOf(data);
    await removeMember({ actor, source, userId: data.userId, ipAddress });
    await revalidateMembers(actor, source);
    return successState('Member removed.');
  });
}
