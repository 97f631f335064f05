'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { requiredIdSchema, visibilitySchema } from '@/lib/forms/schemas';
import { createProject } from '@/lib/projects/projects';
import { clientIp } from '@/app/_lib/request';

const newProjectSchema = z.object({
  name: z.string().max(1000, 'Project name is too long (maximum is 255 characters)'),
  path: z.string().max(1000, 'Project slug is too long (maximum is 255 characters)').optional(),
  namespaceId: requiredIdSchema,
  visibility: visibilitySchema,
  description: z.string().max(2000, 'Description is too long (maximum is 2000 characters)').optional(),
  // An unticked checkbox is simply absent from the form data.
  initializeWithReadme: z
    .literal('on')
    .optional()
    .transform((value) => value === 'on'),
});

export async function createProjectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = newProjectSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  let fullPath: string;
  try {
    fullPath = (await createProject({ actor, ...parsed.data, ipAddress: await clientIp() })).fullPath;
  } catch (error) {
    return fromError(error);
  }
  redirect(`/${fullPath}`);
}
