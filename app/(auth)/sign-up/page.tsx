import { SignUpForm } from '@/features/auth/components/sign-up-form';

export const metadata = { title: 'Create an organization' };

export default function SignUpPage() {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Create an organization</h1>
      <SignUpForm />
    </>
  );
}
