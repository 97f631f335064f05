import type { Metadata } from 'next';
import Link from 'next/link';
import { currentActor } from '@/lib/auth/current-actor';
import { SignOutButton } from '@/components/auth/sign-out-button';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Keyhold', template: '%s · Keyhold' },
  description: 'Project access tokens for your projects',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  return (
    <html lang="en">
      <body className="min-h-screen bg-gray-50 text-gray-900">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to main content
        </a>
        <header className="flex items-center justify-between bg-brand px-4 py-2 text-white">
          <Link href="/" className="text-lg font-bold">
            Keyhold
          </Link>
          {actor ? (
            <nav aria-label="User menu" className="flex items-center gap-4 text-sm">
              {actor.isAdmin && (
                <Link href="/admin" className="underline-offset-2 hover:underline">
                  Admin area
                </Link>
              )}
              <Link href="/-/user_settings/personal_access_tokens" className="underline-offset-2 hover:underline">
                Access tokens
              </Link>
              <span>
                Signed in as <strong>{actor.username}</strong>
              </span>
              <SignOutButton />
            </nav>
          ) : (
            <Link href="/users/sign_in" className="text-sm underline-offset-2 hover:underline">
              Sign in
            </Link>
          )}
        </header>
        <main id="main" className="mx-auto max-w-6xl p-4">
          {children}
        </main>
      </body>
    </html>
  );
}
