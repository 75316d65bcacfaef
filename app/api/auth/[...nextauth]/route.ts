import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { publicRoute } from '@/lib/route';

// Sign-in, sign-out and the session endpoints: public by nature (next-auth checks its own CSRF token).
const handler = publicRoute('nextAuth', NextAuth(authOptions));

export { handler as GET, handler as POST };
