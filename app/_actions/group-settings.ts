'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { requiredIdSchema } from '@/lib/forms/schemas';
import { updateGroup } from '@/lib/namespaces/groups';
import { setGroupTokenCreationAllowed } from '@/lib/namespaces/token-creation-setting';
import { clientIp } from '@/app/_lib/request';

const groupSettingsSchema = z.object({
  groupId: requiredIdSchema,
  name: z.string().max(1000, 'Group name is too long (maximum is 255 characters)'),
  description: z.string().max(2000, 'Description is too long (maximum is 2000 characters)').default(''),
});

export async function updateGroupSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = groupSettingsSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const group = await updateGroup({ actor, ...parsed.data, ipAddress: await clientIp() });
    revalidatePath(`/${group.fullPath}`);
    return { status: 'success', message: 'Group settings were saved.', submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}

const tokenCreationSchema = z.object({
  groupId: requiredIdSchema,
  // An unticked checkbox posts nothing.
  resourceAccessTokenCreationAllowed: z
    .literal('on', { message: 'is not a valid choice' })
    .optional()
    .transform((value) => value === 'on'),
});

/** The token-creation switch of a top-level group: lib/ checks that the actor owns it and that it is top-level. */
export async function updateGroupTokenCreationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = tokenCreationSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const setting = await setGroupTokenCreationAllowed({
      actor,
      groupId: parsed.data.groupId,
      allowed: parsed.data.resourceAccessTokenCreationAllowed,
      ipAddress: await clientIp(),
    });
    revalidatePath(`/groups/${setting.topLevelGroup.fullPath}/-/edit`);
    // Every project in the tree shows (or hides) its token form.
    revalidatePath('/[...path]', 'page');
    return {
      status: 'success',
      message: setting.allowed
        ? 'Project access token creation is allowed in this group.'
        : 'Project access token creation is disabled in this group. Existing tokens keep working.',
      submittedAt: Date.now(),
    };
  } catch (error) {
    return fromError(error);
  }
}
