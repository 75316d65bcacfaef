import { NextRequest } from 'next/server';
import { finishSsoSignIn } from '@/features/sso/sso-flow';
import { publicRoute } from '@/lib/route';

// The identity provider's answer: its authorization is the sealed flow cookie and the signed ID token.
export const GET = publicRoute('ssoCallback', (request: Request) => finishSsoSignIn(new NextRequest(request)));
