'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { blockUser, unblockUser } from '@/lib/admin/users';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { requiredIdSchema } from '@/lib/forms/schemas';
import { clientIp } from '@/app/_lib/request';

const userSchema = z.object({ userId: requiredIdSchema, operation: z.enum(['block', 'unblock'], { message: 'is not a valid choice' }) });

/** Admin > Users: block or unblock a person. lib/ checks the admin, and that the target is a person other than oneself. */
export async function setUserBlockedAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = userSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const options = { actor, userId: parsed.data.userId, ipAddress: await clientIp() };
    const user = parsed.data.operation === 'block' ? await blockUser(options) : await unblockUser(options);
    revalidatePath('/admin/users');
    revalidatePath('/admin');
    return {
      status: 'success',
      message: user.state === 'blocked' ? `${user.username} was blocked.` : `${user.username} was unblocked.`,
      submittedAt: Date.now(),
    };
  } catch (error) {
    return fromError(error);
  }
}
