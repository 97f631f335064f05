'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { requiredIdSchema } from '@/lib/forms/schemas';
import { createPersonalAccessToken, revokePersonalAccessToken, rotatePersonalAccessToken } from '@/lib/tokens/personal-access-tokens';
import { clientIp } from '@/app/_lib/request';
import type { RevealedToken } from '@/components/tokens/types';

const PERSONAL_ACCESS_TOKENS_PATH = '/-/user_settings/personal_access_tokens';

const createSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  expiresAt: z.string().trim().min(1, 'Expiration date is required'),
  scopes: z.array(z.string()).min(1, 'Select at least one scope'),
});

const tokenSchema = z.object({ tokenId: requiredIdSchema });

/** Create a token for the signed-in user; lib/ re-checks every field (scopes, expiry window). */
export async function createPersonalAccessTokenAction(
  _previous: FormState<RevealedToken>,
  formData: FormData,
): Promise<FormState<RevealedToken>> {
  const parsed = createSchema.safeParse({ ...Object.fromEntries(formData), scopes: formData.getAll('scopes') });
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    // Always the actor's own token: a posted user id would be ignored, so none is read.
    const { token, accessToken } = await createPersonalAccessToken({ actor, ...parsed.data, ipAddress: await clientIp() });
    revalidatePath(PERSONAL_ACCESS_TOKENS_PATH);
    return { status: 'success', result: { name: accessToken.name, token }, submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}

export async function revokePersonalAccessTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = tokenSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const revoked = await revokePersonalAccessToken({ actor, tokenId: parsed.data.tokenId, ipAddress: await clientIp() });
    revalidatePath(PERSONAL_ACCESS_TOKENS_PATH);
    return { status: 'success', message: `Revoked personal access token ${revoked.name}.`, submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}

export async function rotatePersonalAccessTokenAction(
  _previous: FormState<RevealedToken>,
  formData: FormData,
): Promise<FormState<RevealedToken>> {
  const parsed = tokenSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const { token, accessToken } = await rotatePersonalAccessToken({ actor, tokenId: parsed.data.tokenId, ipAddress: await clientIp() });
    revalidatePath(PERSONAL_ACCESS_TOKENS_PATH);
    return { status: 'success', result: { name: accessToken.name, token }, submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}
