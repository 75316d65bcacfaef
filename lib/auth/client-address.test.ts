import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress, installClientAddressHook, pickClientAddress, requestSocketAddress } from './client-address';

describe('pickClientAddress', () => {
  it('with no trusted proxy, takes the socket address and ignores X-Forwarded-For', () => {
    const socketAddress = '192.0.2.10';
    for (const forwardedFor of [undefined, '', '203.0.113.9', '198.51.100.1, 203.0.113.9', 'not an address']) {
      expect(pickClientAddress({ socketAddress, forwardedFor, hops: 0 })).toBe('192.0.2.10');
    }
  });

  it('with trusted proxies, takes the entry the outermost one appended, counting from the right', () => {
    const socketAddress = '10.0.0.2';
    expect(pickClientAddress({ socketAddress, forwardedFor: '198.51.100.1, 203.0.113.9', hops: 1 })).toBe('203.0.113.9');
    expect(pickClientAddress({ socketAddress, forwardedFor: '198.51.100.1,203.0.113.9, 10.0.0.1', hops: 2 })).toBe('203.0.113.9');
    // A shorter chain than configured: the client reached an inner proxy directly.
    expect(pickClientAddress({ socketAddress, forwardedFor: '203.0.113.9', hops: 2 })).toBe('203.0.113.9');
    // No header at all: the request did not come through the proxies.
    expect(pickClientAddress({ socketAddress, forwardedFor: undefined, hops: 1 })).toBe('10.0.0.2');
  });

  it('writes IPv4-mapped addresses as IPv4 and refuses what is not an address', () => {
    expect(pickClientAddress({ socketAddress: '::ffff:127.0.0.1', forwardedFor: null, hops: 0 })).toBe('127.0.0.1');
    expect(pickClientAddress({ socketAddress: '2001:DB8::1', forwardedFor: null, hops: 0 })).toBe('2001:db8::1');
    expect(pickClientAddress({ socketAddress: '10.0.0.2', forwardedFor: 'x'.repeat(500), hops: 1 })).toBe('invalid');
    expect(pickClientAddress({ socketAddress: undefined, forwardedFor: '203.0.113.9', hops: 0 })).toBe('unknown');
  });
});

describe('the socket hook', () => {
  const previousHops = process.env.TRUSTED_PROXY_HOPS;
  afterEach(() => {
    if (previousHops === undefined) delete process.env.TRUSTED_PROXY_HOPS;
    else process.env.TRUSTED_PROXY_HOPS = previousHops;
  });

  it("gives a request's async work its socket address, whatever headers it sends", async () => {
    await installClientAddressHook();
    process.env.TRUSTED_PROXY_HOPS = '0';
    const server = createServer(async (req, res) => {
      // As in a route handler: after awaiting the body and other work.
      for await (const chunk of req) void chunk;
      await new Promise((resolve) => setTimeout(resolve, 5));
      res.end(JSON.stringify({ socket: requestSocketAddress(), client: clientAddress(req.headers['x-forwarded-for'] as string) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answers = await Promise.all(
        ['203.0.113.9', '198.51.100.1, 203.0.113.10'].map(async (spoofed) => {
          const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x', headers: { 'x-forwarded-for': spoofed } });
          return response.json();
        }),
      );
      for (const answer of answers) expect(answer).toEqual({ socket: '127.0.0.1', client: '127.0.0.1' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(requestSocketAddress()).toBeUndefined();
  });
});
