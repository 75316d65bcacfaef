// Runs once when the server starts (Next.js calls register() before it handles requests).
export async function register() {
  // The client-address hook needs Node's diagnostics channels; the proxy and routes run on Node.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installClientAddressHook } = await import('./lib/auth/client-address');
    await installClientAddressHook();
  }
}
