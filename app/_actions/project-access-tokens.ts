'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { Actor } from '@/lib/actor';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { requiredIdSchema } from '@/lib/forms/schemas';
import { findVisibleProject } from '@/lib/projects/projects';
import { createProjectAccessToken, revokeProjectAccessToken, rotateProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { clientIp } from '@/app/_lib/request';
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
  const parsed = createSchema.safeParse({ ...Object.fromEntries(formData), scopes: formData.getAll('scopes') });
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const { token, accessToken } = await createProjectAccessToken({ actor, ...parsed.data, ipAddress: await clientIp() });
    await revalidateTokensPage(actor, parsed.data.projectId);
    return { status: 'success', result: { name: accessToken.name, token }, submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}

export async function revokeProjectAccessTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = tokenSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const revoked = await revokeProjectAccessToken({ actor, ...parsed.data, ipAddress: await clientIp() });
    await revalidateTokensPage(actor, parsed.data.projectId);
    return { status: 'success', message: `Revoked project access token ${revoked.name}.`, submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}

export async function rotateProjectAccessTokenAction(
  _previous: FormState<RevealedToken>,
  formData: FormData,
): Promise<FormState<RevealedToken>> {
  const parsed = tokenSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    const { token, accessToken } = await rotateProjectAccessToken({ actor, ...parsed.data, ipAddress: await clientIp() });
    await revalidateTokensPage(actor, parsed.data.projectId);
    return { status: 'success', result: { name: accessToken.name, token }, submittedAt: Date.now() };
  } catch (error) {
    return fromError(error);
  }
}
