'use client';

import { useFormStatus } from 'react-dom';

/** A form's submit button that shows and announces when the form is busy. */
export function SubmitButton({ children, pendingText }: { children: React.ReactNode; pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
    >
      {pending ? (pendingText ?? 'Saving…') : children}
    </button>
  );
}
