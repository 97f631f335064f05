'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { optionalIdSchema, visibilitySchema } from '@/lib/forms/schemas';
import { createGroup } from '@/lib/namespaces/groups';
import { clientIp } from '@/app/_lib/request';

const newGroupSchema = z.object({
  name: z.string().max(1000, 'Group name is too long (maximum is 255 characters)'),
  path: z.string().max(1000, 'Group URL is too long (maximum is 255 characters)'),
  parentId: optionalIdSchema,
  visibility: visibilitySchema,
  description: z.string().max(2000).optional(),
});

export async function createGroupAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = newGroupSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  let fullPath: string;
  try {
    fullPath = (await createGroup({ actor, ...parsed.data, ipAddress: await clientIp() })).fullPath;
  } catch (error) {
    return fromError(error);
  }
  redirect(`/${fullPath}`);
}
