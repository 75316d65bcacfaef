import { Suspense } from 'react';
import { SignInForm } from '@/features/auth/components/sign-in-form';

export const metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <Suspense>
        <SignInForm />
      </Suspense>
    </>
  );
}
