import type { ZodError } from 'zod';
import { isAppError } from '../errors';

/** What a server action hands back to its form: one shape for every form in the app. */
export interface FormState<Result = undefined> {
  status: 'idle' | 'success' | 'error';
  /** A sentence for the whole form (announced in an alert). */
  message?: string;
  /** Messages per field name, shown beside the field and linked with aria-describedby. */
  fieldErrors?: Record<string, string[]>;
  /** Data for the client after success (e.g. a token shown once). */
  result?: Result;
  /** Changes on every submission so that a client can tell two identical results apart. */
  submittedAt?: number;
}

export const idleState: FormState<never> = { status: 'idle' };

export function errorState(message: string, fieldErrors?: Record<string, string[]>): FormState<never> {
  return { status: 'error', message, fieldErrors, submittedAt: Date.now() };
}

export function fromZodError(error: ZodError): FormState<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    (fieldErrors[field] ??= []).push(issue.message);
  }
  // The alert names every problem, so a screen reader user hears what to fix without hunting.
  const messages = [...new Set(Object.values(fieldErrors).flat())];
  return errorState(messages.join(' '), fieldErrors);
}

/**
 * Turns a domain error into form state; anything unexpected is logged (never shown) and
 * reported as a generic failure.
 */
export function fromError(error: unknown): FormState<never> {
  if (isAppError(error)) {
    return errorState(error.message, error.field ? { [error.field]: [error.message] } : undefined);
  }
  console.error(error);
  return errorState('Something went wrong on our side. Nothing was changed; please try again.');
}
