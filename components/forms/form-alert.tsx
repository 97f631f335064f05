import type { FormState } from '@/lib/forms/form-state';

/** Announces a form's overall outcome; an empty live region is kept so screen readers hear changes. */
export function FormAlert({ state }: { state: FormState<unknown> }) {
  const isError = state.status === 'error' && state.message;
  return (
    <div aria-live="polite">
      {isError && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      )}
    </div>
  );
}
