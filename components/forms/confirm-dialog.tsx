'use client';

import { useId, useRef, type ReactNode } from 'react';

/**
 * A button that opens a modal confirmation. The native <dialog> opened with showModal() makes
 * the rest of the page inert (focus stays inside) and closes on Escape.
 */
export function ConfirmDialog({
  trigger,
  triggerLabel,
  title,
  children,
  confirmLabel,
  formAction,
  hiddenFields,
  danger = false,
  disabled = false,
}: {
  /** The visible text of the button that opens the dialog. */
  trigger: string;
  /** Its accessible name, when the text alone is ambiguous (e.g. "Revoke ci-token"). */
  triggerLabel?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  formAction: (formData: FormData) => void;
  hiddenFields: Record<string, string | number>;
  danger?: boolean;
  /** While an earlier confirmation is still being processed. */
  disabled?: boolean;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <button
        type="button"
        aria-label={triggerLabel}
        disabled={disabled}
        onClick={() => dialogRef.current?.showModal()}
        className={`rounded border px-2 py-1 text-sm disabled:opacity-50 ${danger ? 'border-red-600 text-red-700' : 'border-gray-400'}`}
      >
        {trigger}
      </button>
      <dialog ref={dialogRef} aria-labelledby={titleId} className="m-auto max-w-md rounded p-0 shadow-xl backdrop:bg-black/40">
        <form
          action={(formData) => {
            dialogRef.current?.close();
            formAction(formData);
          }}
          className="space-y-4 p-5"
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <div className="text-sm">{children}</div>
          {Object.entries(hiddenFields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => dialogRef.current?.close()} className="rounded border border-gray-400 px-3 py-1.5 text-sm">
              Cancel
            </button>
            <button type="submit" className={`rounded px-3 py-1.5 text-sm font-semibold text-white ${danger ? 'bg-red-700' : 'bg-brand'}`}>
              {confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
