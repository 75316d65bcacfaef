// The client's address, for per-address sign-in throttling and the audit log.
//
// Next.js 16 gives route handlers and the proxy no socket address (`NextRequest.ip` is gone
// since 15), and its server only fills in `X-Forwarded-For` with the socket address when the
// client did not send one (`req.headers['x-forwarded-for'] ??= socket.remoteAddress` in
// base-server.js). A client-sent header is therefore indistinguishable from Next's own, and
// trusting it lets anyone pick the address they are throttled and audited under.
//
// So the address is taken at the socket. Node publishes every incoming request on the
// `http.server.request.start` diagnostics channel, synchronously, just before the server
// emits 'request' to Next's listener. Our subscriber (installed at server start by
// `register()` in instrumentation.ts) enters an AsyncLocalStorage holding that request's
// `socket.remoteAddress`, and the store follows the request through Next's handling: the
// proxy, route handlers (next-auth's `authorize`) and server actions all run in its async
// context. Requests that arrived before the subscriber existed (the first moments after
// `next start` listens) have no store and count as 'unknown' — they never trust a header.
//
// With TRUSTED_PROXY_HOPS = n > 0, the socket is the nearest of n reverse proxies that each
// append their peer's address to X-Forwarded-For: the client is the n-th entry from the right
// (the one the outermost trusted proxy appended); entries further left are the client's own.
import { AsyncLocalStorage } from 'node:async_hooks';
import { isIP } from 'node:net';

type Store = { socketAddress: string | undefined };

// One storage and one subscription per process, even if bundling gives this module several
// copies (instrumentation and each route are separate bundles).
const GLOBAL = Symbol.for('demarc.clientAddress');
type Global = { storage: AsyncLocalStorage<Store>; installed: boolean };
const shared: Global = ((globalThis as Record<symbol, Global | undefined>)[GLOBAL] ??= {
  storage: new AsyncLocalStorage<Store>(),
  installed: false,
});

/** Subscribes to Node's request channel; called once at server start (instrumentation.ts). */
export async function installClientAddressHook(): Promise<void> {
  if (shared.installed) return;
  shared.installed = true;
  const { subscribe } = await import('node:diagnostics_channel');
  subscribe('http.server.request.start', (message) => {
    const { socket } = message as { socket?: { remoteAddress?: string } };
    // enterWith: the rest of this synchronous run — Node's emit('request') to Next — and
    // everything it starts asynchronously see the store.
    shared.storage.enterWith({ socketAddress: socket?.remoteAddress });
  });
}

/** The socket address of the request being handled, if the hook saw it arrive. */
export function requestSocketAddress(): string | undefined {
  return shared.storage.getStore()?.socketAddress;
}

/** How many reverse proxies in front of the app append to X-Forwarded-For (TRUSTED_PROXY_HOPS, 0). */
export function trustedProxyHops(): number {
  const raw = process.env.TRUSTED_PROXY_HOPS;
  const hops = raw === undefined || raw === '' ? 0 : Number(raw);
  if (!Number.isInteger(hops) || hops < 0) throw new Error(`TRUSTED_PROXY_HOPS must be a whole number (got "${raw}")`);
  return hops;
}

/** An address as a key: IPv4-mapped IPv6 written as IPv4, anything that is not an address as 'invalid'. */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const plain = mapped ? mapped[1]! : address;
  return isIP(plain) ? plain.toLowerCase() : 'invalid';
}

/**
 * The client address from the socket address and X-Forwarded-For: the socket's with no
 * trusted proxy (the header is then ignored entirely), else the entry the outermost trusted
 * proxy appended, counting `hops` from the right.
 */
export function pickClientAddress(input: {
  socketAddress: string | undefined;
  forwardedFor: string | null | undefined;
  hops: number;
}): string {
  const { socketAddress, forwardedFor, hops } = input;
  const entries = hops > 0 ? (forwardedFor ?? '').split(',').map((s) => s.trim()) : [];
  // No header although proxies are trusted: the request reached us directly.
  const chosen = entries.length > 0 && entries.some(Boolean) ? entries[Math.max(0, entries.length - hops)] : socketAddress;
  return chosen ? normalizeAddress(chosen) : 'unknown';
}

/** The client address of the request being handled, given its X-Forwarded-For header. */
export function clientAddress(forwardedFor: string | null | undefined): string {
  return pickClientAddress({ socketAddress: requestSocketAddress(), forwardedFor, hops: trustedProxyHops() });
}
