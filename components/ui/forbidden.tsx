export function Forbidden({ message }: { message: string }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg border border-amber-200 bg-amber-50 p-6 text-center">
      <h1 className="text-lg font-semibold text-amber-900">Not allowed</h1>
      <p className="mt-2 text-sm text-amber-900">{message}</p>
    </div>
  );
}
