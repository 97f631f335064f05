'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { requiredIdSchema, visibilitySchema } from '@/lib/forms/schemas';
import { deleteProject } from '@/lib/projects/delete-project';
import { updateProject } from '@/lib/projects/projects';
import { clientIp } from '@/app/_lib/request';

const settingsSchema = z.object({
  projectId: requiredIdSchema,
  name: z.string().max(1000, 'Project name is too long (maximum is 255 characters)'),
  description: z.string().max(2000, 'Description is too long (maximum is 2000 characters)').default(''),
  visibility: visibilitySchema,
});

/** Settings > General. The project id from the form is only a claim: lib/ re-checks the actor's role on it. */
export async function updateProjectSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = settingsSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const project = await updateProject({ actor, ...parsed.data, ipAddress: await clientIp() });
    revalidatePath(`/${project.fullPath}`, 'layout');
    return { status: 'success', message: 'Project settings were saved.', submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}

const deleteSchema = z.object({ projectId: requiredIdSchema });

/** Settings > General > Delete project (Owners; lib/ checks). */
export async function deleteProjectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = deleteSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    await deleteProject({ actor, projectId: parsed.data.projectId, ipAddress: await clientIp() });
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/');
  redirect('/');
}
