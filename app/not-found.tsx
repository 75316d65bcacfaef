import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-3 text-slate-600">This page does not exist, or it belongs to an organization you are not a member of.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline">
        Back to your organization
      </Link>
    </main>
  );
}
