'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: '/users/sign_in' })}
      className="rounded border border-white/60 px-2 py-1 hover:bg-white/10"
    >
      Sign out
    </button>
  );
}
