import 'server-only';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { getInstanceSettings } from '../settings/instance-settings';
import { createHumanUser, type CreateHumanUserOptions } from './users';

export const SIGN_UPS_DISABLED_MESSAGE = 'Sign-ups are disabled on this instance. Ask an administrator for an account.';

/** Self-registration: a new person (never an admin), only while the admin has sign-ups enabled. */
export async function signUpUser(options: Pick<CreateHumanUserOptions, 'username' | 'name' | 'email' | 'password'>): Promise<Actor> {
  if (!(await getInstanceSettings()).signupEnabled) throw new AppError('forbidden', SIGN_UPS_DISABLED_MESSAGE);
  return createHumanUser({ username: options.username, name: options.name, email: options.email, password: options.password });
}

/** Whether the sign-up page and the sign-in page's "Register now" link are offered. */
export async function signUpsEnabled(): Promise<boolean> {
  return (await getInstanceSettings()).signupEnabled;
}
