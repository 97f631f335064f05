'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { Actor } from '@/lib/actor';
import type { FormState } from '@/lib/forms/form-state';
import { requiredIdSchema } from '@/lib/forms/schemas';
import { findVisibleProject } from '@/lib/projects/projects';
import { createProjectAccessToken, revokeProjectAccessToken, rotateProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { revealedTokenState, runFormAction, successState } from '@/app/_lib/form-action';
import type { RevealedToken } from '@/components/tokens/types';

const createSchema = z.object({
  projectId: requiredIdSchema,
  name: z.string(),
  description: z.string().optional(),
  expiresAt: z.string().trim().min(1, 'Expiration date is required'),
  accessLevel: z.coerce.number({ message: 'Select a role' }).int('Select a role'),
  scopes: z.array(z.string()).min(1, 'Select at least one scope'),
});

const tokenSchema = z.object({ projectId: requiredIdSchema, tokenId: requiredIdSchema });

/** The token list and the members list (which shows the bots) both change with a token. */
async function revalidateTokensPage(actor: Actor, projectId: number) {
  const view = await findVisibleProject(actor, projectId);
  if (view) {
    revalidatePath(`/${view.project.fullPath}/-/settings/access_tokens`);
    revalidatePath(`/${view.project.fullPath}/-/project_members`);
  }
}

/** Create: every field is re-checked by lib/ (a forged post cannot pick another project or a higher role). */
export async function createProjectAccessTokenAction(
  _previous: FormState<RevealedToken>,
  formData: FormData,
): Promise<FormState<RevealedToken>> {
  const input = { ...Object.fromEntries(formData), scopes: formData.getAll('scopes') };
  return runFormAction(createSchema, input, async (data, { actor, ipAddress }) => {
    const { token, accessToken } = await createProjectAccessToken({ actor, ...data, ipAddress });
    await revalidateTokensPage(actor, data.projectId);
    return revealedTokenState(accessToken.name, token);
  });
}

export async function revokeProjectAccessTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(tokenSchema, Object.fromEntries(formData), async (data, { actor, ipAddress }) => {
    const revoked = await revokeProjectAccessToken({ actor, ...data, ipAddress });
    await revalidateTokensPage(actor, data.projectId);
    return successState(`Revoked project access token ${revoked.name}.`);
  });
}

export async function rotateProjectAccessTokenAction(
  _previous: FormState<RevealedToken>,
  formData: FormData,
): Promise<FormState<RevealedToken>> {
  return runFormAction(tokenSchema, Object.fromEntries(formData), async (data, { actor, ipAddress }) => {
    const { token, accessToken } = await rotateProjectAccessToken({ actor, ...data, ipAddress });
    await revalidateTokensPage(actor, data.projectId);
    return revealedTokenState(accessToken.name, token);
  });
}
