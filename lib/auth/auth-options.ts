import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { derivedSecret } from '../instance-secret';
import { verifyCredentials } from '../users/users';

const credentialsSchema = z.object({
  login: z.string().trim().min(1).max(255),
  password: z.string().min(1).max(1024),
});

/**
 * next-auth configuration: username-or-email + password, sessions as JWTs that carry only the
 * user id. Every request re-reads the user (see current-actor.ts), so blocking takes effect at once.
 */
export const authOptions: NextAuthOptions = {
  // A getter, so that building the app never needs (or creates) the instance secret.
  get secret() {
    return process.env.NEXTAUTH_SECRET || derivedSecret('nextauth');
  },
  session: { strategy: 'jwt', maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: '/users/sign_in' },
  providers: [
    CredentialsProvider({
      name: 'Keyhold',
      credentials: { login: { type: 'text' }, password: { type: 'password' } },
      async authorize(credentials) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const actor = await verifyCredentials(parsed.data.login, parsed.data.password);
        return actor ? { id: String(actor.id), name: actor.username } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.userId = Number(user.id);
      return token;
    },
    session({ session, token }) {
      session.userId = token.userId;
      return session;
    },
  },
};
