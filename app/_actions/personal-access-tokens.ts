'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { FormState } from '@/lib/forms/form-state';
import { requiredIdSchema } from '@/lib/forms/schemas';
import { createPersonalAccessToken, revokePersonalAccessToken, rotatePersonalAccessToken } from '@/lib/tokens/personal-access-tokens';
import { revealedTokenState, runFormAction, successState } from '@/app/_lib/form-action';
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
  const input = { ...Object.fromEntries(formData), scopes: formData.getAll('scopes') };
  return runFormAction(createSchema, input, async (data, { actor, ipAddress }) => {
    // Always the actor's own token: a posted user id would be ignored, so none is read.
    const { token, accessToken } = await createPersonalAccessToken({ actor, ...data, ipAddress });
    revalidatePath(PERSONAL_ACCESS_TOKENS_PATH);
    return revealedTokenState(accessToken.name, token);
  });
}

export async function revokePersonalAccessTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(tokenSchema, Object.fromEntries(formData), async ({ tokenId }, { actor, ipAddress }) => {
    const revoked = await revokePersonalAccessToken({ actor, tokenId, ipAddress });
    revalidatePath(PERSONAL_ACCESS_TOKENS_PATH);
    return successState(`Revoked personal access token ${revoked.name}.`);
  });
}

export async function rotatePersonalAccessTokenAction(
  _previous: FormState<RevealedToken>,
  formData: FormData,
): Promise<FormState<RevealedToken>> {
  return runFormAction(tokenSchema, Object.fromEntries(formData), async ({ tokenId }, { actor, ipAddress }) => {
    const { token, accessToken } = await rotatePersonalAccessToken({ actor, tokenId, ipAddress });
    revalidatePath(PERSONAL_ACCESS_TOKENS_PATH);
    return revealedTokenState(accessToken.name, token);
  });
}
