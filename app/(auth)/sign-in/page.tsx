import { Suspense } from 'react';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { SsoSignInForm } from '@/features/sso/components/sso-sign-in-form';

export const metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <Suspense>
        <SignInForm />
      </Suspense>
      <div className="my-6 flex items-center gap-3 text-xs uppercase text-slate-500">
        <span className="h-px flex-1 bg-slate-200" />
        or
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <Suspense>
        <SsoSignInForm />
      </Suspense>
    </>
  );
}
