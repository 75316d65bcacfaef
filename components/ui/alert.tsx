import clsx from 'clsx';

const TONES = {
  error: 'border-red-200 bg-red-50 text-red-800',
  success: 'border-green-200 bg-green-50 text-green-800',
  info: 'border-slate-200 bg-white text-slate-700',
} as const;

/** A message region; errors are announced immediately, others politely. */
export function Alert({ tone = 'info', children }: { tone?: keyof typeof TONES; children: React.ReactNode }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={clsx('rounded-md border px-4 py-3 text-sm', TONES[tone])}>
      {children}
    </div>
  );
}
