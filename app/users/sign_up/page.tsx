import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current-actor';
import { SIGN_UPS_DISABLED_MESSAGE, signUpsEnabled } from '@/lib/users/sign-up';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { registerAction } from './actions';

export const metadata: Metadata = { title: 'Register' };

export default async function SignUpPage() {
  if (await currentActor()) redirect('/');
  const signupEnabled = await signUpsEnabled();
  return (
    <div className="mx-auto mt-12 max-w-sm rounded border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-2xl font-bold">Register</h1>
      {signupEnabled ? <SignUpForm registerAction={registerAction} /> : <p role="status">{SIGN_UPS_DISABLED_MESSAGE}</p>}
      <p className="mt-4 text-sm">
        Already have an account?{' '}
        <Link href="/users/sign_in" className="text-brand underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
