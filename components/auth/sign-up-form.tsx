'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { TextField } from '@/components/forms/text-field';
import type { FormState } from '@/lib/forms/form-state';

type RegisterAction = (previous: FormState, formData: FormData) => Promise<FormState>;

export function SignUpForm({ registerAction }: { registerAction: RegisterAction }) {
  const router = useRouter();
  const [state, setState] = useState<FormState>({ status: 'idle' });
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    setPending(true);
    const result = await registerAction(state, formData);
    if (result.status === 'success') {
      await signIn('credentials', {
        login: String(formData.get('username') ?? ''),
        password: String(formData.get('password') ?? ''),
        redirect: false,
      });
      router.replace('/');
      router.refresh();
      return;
    }
    setState(result);
    setPending(false);
  }

  const errors = state.fieldErrors;
  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      <FormAlert state={state} />
      <TextField name="name" label="Full name" autoComplete="name" required errors={errors} />
      <TextField name="username" label="Username" autoComplete="username" required errors={errors} />
      <TextField name="email" label="Email" type="email" autoComplete="email" required errors={errors} />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        help="Minimum length is 8 characters."
        required
        errors={errors}
      />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
      >
        {pending ? 'Registering…' : 'Register'}
      </button>
    </form>
  );
}
