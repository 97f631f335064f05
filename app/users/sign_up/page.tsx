import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current-actor';
import { getInstanceSettings } from '@/lib/settings/instance-settings';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { registerAction } from './actions';

export const metadata: Metadata = { title: 'Register' };

export default async function SignUpPage() {
  if (await currentActor()) redirect('/');
  const { signupEnabled } = await getInstanceSettings();
  return (
    <div className="mx-auto mt-12 max-w-sm rounded border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-2xl font-bold">Register</h1>
      {signupEnabled ? (
        <SignUpForm registerAction={registerAction} />
      ) : (
        <p role="status">Sign-ups are disabled on this instance. Ask an administrator for an account.</p>
      )}
      <p className="mt-4 text-sm">
        Already have an account?{' '}
        <Link href="/users/sign_in" className="text-brand underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
