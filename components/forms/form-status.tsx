import type { FormState } from '@/lib/forms/form-state';
import { FormAlert } from './form-alert';

/** Success message (status) or error (alert) of a form that stays on the page after saving. */
export function FormStatus({ state }: { state: FormState<unknown> }) {
  if (state.status === 'success' && state.message) {
    return (
      <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">
        {state.message}
      </p>
    );
  }
  return <FormAlert state={state} />;
}
