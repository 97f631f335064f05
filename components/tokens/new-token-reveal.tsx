'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The one moment a token's secret is on screen: hidden by default, with show/hide and copy.
 * It lives only in client state; a reload loses it for good.
 */
export function NewTokenReveal({
  noun,
  name,
  token,
  onDismiss,
}: {
  /** "project access token", "personal access token". */
  noun: string;
  name: string;
  token: string;
  onDismiss: () => void;
}) {
  const [visible, setVisible] = useState(false);
  const [copyStatus, setCopyStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [token]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopyStatus('Copied to clipboard.');
    } catch {
      setCopyStatus('Could not copy: select the token and copy it by hand.');
    }
  }

  return (
    <section aria-label="New token" className="space-y-2 rounded border border-green-300 bg-green-50 p-4">
      <h2 id="new-token-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
        {`Your new ${noun}`}
      </h2>
      <p className="text-sm">
        Token <strong>{name}</strong>. Make sure you save it - you won&apos;t be able to access it again.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="new-token-value" className="sr-only">
          {`Your new ${noun}`}
        </label>
        <input
          id="new-token-value"
          readOnly
          type={visible ? 'text' : 'password'}
          value={token}
          autoComplete="off"
          spellCheck={false}
          className="min-w-0 flex-1 rounded border border-gray-400 bg-white px-3 py-2 font-mono text-sm"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          aria-pressed={visible}
          onClick={() => setVisible((value) => !value)}
          className="rounded border border-gray-400 bg-white px-3 py-2 text-sm"
        >
          {visible ? 'Hide token' : 'Show token'}
        </button>
        <button type="button" onClick={copy} className="rounded border border-gray-400 bg-white px-3 py-2 text-sm">
          Copy token
        </button>
        <button type="button" onClick={onDismiss} className="px-3 py-2 text-sm underline">
          Dismiss
        </button>
      </div>
      <p role="status" className="text-sm">
        {copyStatus}
      </p>
    </section>
  );
}
