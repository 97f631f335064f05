'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { requiredIdSchema } from '@/lib/forms/schemas';
import { addProjectMember } from '@/lib/members/project-members';
import { findVisibleProject } from '@/lib/projects/projects';
import { clientIp } from '@/app/_lib/request';

const addMemberSchema = z.object({
  projectId: requiredIdSchema,
  username: z.string().trim().min(1, "Username can't be blank").max(255),
  accessLevel: z.coerce.number({ message: 'Choose a role' }).int(),
  expiresAt: z.string().trim().optional(),
});

export async function addProjectMemberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = addMemberSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    await addProjectMember({ actor, ...parsed.data, expiresAt: parsed.data.expiresAt || null, ipAddress: await clientIp() });
  } catch (error) {
    return fromError(error);
  }
  const view = await findVisibleProject(actor, parsed.data.projectId);
  if (view) revalidatePath(`/${view.project.fullPath}/-/project_members`);
  return { status: 'success', message: `${parsed.data.username} was added to the project.`, submittedAt: Date.now() };
}
