import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current-actor';
import { signUpsEnabled } from '@/lib/users/sign-up';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

/** Only same-site paths are followed after sign-in, never another origin. */
function safeCallback(value: string | string[] | undefined): string {
  const candidate = typeof value === 'string' ? value : '/';
  try {
    const url = new URL(candidate, 'http://keyhold.invalid');
    return url.origin === 'http://keyhold.invalid' ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const offerSignUp = await signUpsEnabled();
  return (
    <div className="mx-auto mt-12 max-w-sm rounded border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-2xl font-bold">Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} />
      {offerSignUp && (
        <p className="mt-4 text-sm">
          Don&apos;t have an account yet?{' '}
          <Link href="/users/sign_up" className="text-brand underline">
            Register now
          </Link>
        </p>
      )}
    </div>
  );
}
