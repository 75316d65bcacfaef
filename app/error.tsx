'use client';

// Never shows the error itself: server errors reach the browser only as a digest.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-slate-600">
        We could not show this page. Try again; if it keeps happening, tell your administrator
        {error.digest ? ` and quote reference ${error.digest}` : ''}.
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
        Try again
      </button>
    </main>
  );
}
