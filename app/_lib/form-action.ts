import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/actor';
import { currentActor } from '@/lib/auth/current-actor';
import { errorState, fromError, fromZodError, type FormState } from '@/lib/forms/form-state';
import { clientIp } from './request';

export interface FormActionContext {
  actor: Actor;
  ipAddress: string | null;
}

/**
 * The shape of every server action that stays on its page: parse the posted fields with zod,
 * require a session, run the lib/ call (which authorizes), and turn a domain error into form
 * state. Not for actions that redirect: Next's redirect is thrown and must not be caught here.
 */
export async function runFormAction<Schema extends z.ZodType, Result = undefined>(
  schema: Schema,
  input: unknown,
  work: (data: z.infer<Schema>, context: FormActionContext) => Promise<FormState<Result>>,
): Promise<FormState<Result>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const actor = await currentActor();
  if (!actor) return errorState('Your session has ended. Sign in again.');
  try {
    return await work(parsed.data, { actor, ipAddress: await clientIp() });
  } catch (error) {
    return fromError(error);
  }
}

/** A success that shows a token's secret once. */
export function revealedTokenState(name: string, token: string): FormState<{ name: string; token: string }> {
  return { status: 'success', result: { name, token }, submittedAt: Date.now() };
}

/** A success announced with a sentence. */
export function successState(message: string): FormState<never> {
  return { status: 'success', message, submittedAt: Date.now() };
}
