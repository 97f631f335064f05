'use client';

import { useState } from 'react';

/** The HTTP clone URL, read-only and selectable, with a copy button. */
export function CloneUrl({ url }: { url: string }) {
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Copied to clipboard.');
    } catch {
      setStatus('Could not copy: select the URL and copy it by hand.');
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor="http-clone-url" className="text-sm font-semibold">
        Clone with HTTP
      </label>
      <input
        id="http-clone-url"
        readOnly
        value={url}
        spellCheck={false}
        className="min-w-0 flex-1 rounded border border-gray-400 bg-white px-3 py-2 font-mono text-sm"
        onFocus={(event) => event.currentTarget.select()}
      />
      <button type="button" onClick={copy} className="rounded border border-gray-400 px-3 py-2 text-sm hover:bg-gray-100">
        Copy URL
      </button>
      <span aria-live="polite" className="text-sm text-gray-600">
        {status}
      </span>
    </div>
  );
}
