import { NextRequest } from 'next/server';
import { startSsoSignIn } from '@/features/sso/sso-flow';
import { publicRoute } from '@/lib/route';

// Starts a sign-in through an organization's identity provider: public by nature (nobody is signed in yet).
export const GET = publicRoute('ssoStart', (request: Request) => startSsoSignIn(new NextRequest(request)));
