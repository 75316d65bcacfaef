import type { Metadata } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Demarc', template: '%s · Demarc' },
  description: 'Compliance evidence and control mapping on the AWS shared-responsibility line.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Render every page per request: Next puts the proxy's CSP nonce on its scripts only then.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
