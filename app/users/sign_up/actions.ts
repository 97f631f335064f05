'use server';

import { z } from 'zod';
import { fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { signUpUser } from '@/lib/users/sign-up';

const registrationSchema = z.object({
  name: z.string().trim().min(1, "Full name can't be blank").max(255, 'Full name is too long (maximum is 255 characters)'),
  username: z.string().trim().min(1, "Username can't be blank").max(255, 'Username is too long (maximum is 255 characters)'),
  email: z.string().trim().min(1, "Email can't be blank").max(255),
  password: z.string().min(1, "Password can't be blank").max(1024),
});

/** Creates a human account. The form signs the new user in afterwards with the same credentials. */
export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = registrationSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  try {
    // Refused here too when sign-ups are off: the action is a public endpoint, whatever the page shows.
    await signUpUser(parsed.data);
    return { status: 'success', submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}
