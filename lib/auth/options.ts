import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authenticate } from '@/features/auth/auth.data';
import { signInSchema } from '@/features/auth/auth.schema';
import { AppError } from '@/lib/errors';
import { safeCallbackUrl } from './callback-url';
import { clientAddress } from './client-address';
import { SESSION_MAX_AGE_SECONDS } from './session-token';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name: string };
    sessionVersion: number;
    /** The organization whose single sign-on made this session (features/sso), if one did. */
    ssoOrgId?: string;
  }
  interface User {
    sessionVersion: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    sessionVersion: number;
    ssoOrgId?: string;
  }
}

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { type: 'email' }, password: { type: 'password' }, code: { type: 'text' } },
      async authorize(credentials, req) {
        const parsed = await signInSchema.safeParseAsync(credentials);
        if (!parsed.success) return null;
        // The socket's address, or with trusted proxies the one they vouch for (lib/auth/client-address.ts).
        const ip = clientAddress(req.headers?.['x-forwarded-for'] as string | undefined);
        try {
          return await authenticate({ ...parsed.data, ip });
        } catch (error) {
          // next-auth passes a thrown message to the sign-in form; only ours are safe to show.
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser after signing in or out: this app only.
    redirect({ url, baseUrl }) {
      return new URL(safeCallbackUrl(url, baseUrl), baseUrl).toString();
    },
    jwt({ token, user }) {
      if (user) token.sessionVersion = user.sessionVersion;
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.sub!, email: token.email ?? '', name: token.name ?? '' };
      session.sessionVersion = token.sessionVersion;
      if (token.ssoOrgId) session.ssoOrgId = token.ssoOrgId;
      return session;
    },
  },
};
