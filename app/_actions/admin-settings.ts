'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { updateApplicationSettings } from '@/lib/settings/application-settings';
import { parseMaxTokenLifetimeDays } from '@/lib/settings/settings-rules';
import { revokeTokensOverLimit } from '@/lib/tokens/lifetime-limit';
import { clientIp } from '@/app/_lib/request';

const SETTINGS_PATH = '/admin/application_settings/general';

/** An unticked checkbox posts nothing; a ticked one posts `on`. */
const checkbox = z
  .literal('on', { message: 'is not a valid choice' })
  .optional()
  .transform((value) => value === 'on');

const settingsSchema = z.object({
  maxAccessTokenLifetimeDays: z
    .string({ message: 'Maximum allowable lifetime for access tokens is missing' })
    .max(20, 'Maximum allowable lifetime for access tokens must be a whole number of days'),
  tokenPrefix: z
    .string({ message: 'Personal access token prefix is missing' })
    .max(1000, 'Personal access token prefix is too long (maximum is 20 characters)'),
  signupEnabled: checkbox,
  projectAccessTokenCreationDefault: checkbox,
  botsCanReadInternalProjects: checkbox,
  passwordAuthenticationEnabledForGit: checkbox,
});

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Admin > Settings > General. lib/ checks that the actor is an admin and validates every value. */
export async function updateApplicationSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = settingsSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const { maxAccessTokenLifetimeDays, ...rest } = parsed.data;
    const result = await updateApplicationSettings({
      actor,
      ...rest,
      maxAccessTokenLifetimeDays: parseMaxTokenLifetimeDays(maxAccessTokenLifetimeDays),
      ipAddress: await clientIp(),
    });
    revalidatePath(SETTINGS_PATH);
    const saved = result.changed.length === 0 ? 'No settings were changed.' : 'Application settings saved.';
    const overLimit =
      result.tokensOverLimit > 0
        ? ` ${plural(result.tokensOverLimit, 'active token expires', 'active tokens expire')} later than the maximum lifetime now allows; they keep working until you revoke them below.`
        : '';
    return { status: 'success', message: saved + overLimit, submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}

/** Revokes every active token that outlives the current maximum lifetime (chosen by lib/, never by posted ids). */
export async function revokeTokensOverLimitAction(): Promise<FormState> {
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const { revoked } = await revokeTokensOverLimit({ actor, ipAddress: await clientIp() });
    revalidatePath(SETTINGS_PATH);
    return { status: 'success', message: `Revoked ${plural(revoked, 'token', 'tokens')}.`, submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}
