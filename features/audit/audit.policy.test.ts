import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, findChainBreak, GENESIS_HASH, toJson, type ChainRow } from './audit.policy';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      chain: 'org-1',
      seq,
      orgId: 'org-1',
      actorId: 'user-1',
      actorEmail: 'a@example.com',
      action: 'member.added',
      entityType: 'Membership',
      entityId: `m-${seq}`,
      before: null,
      after: { role: 'EDITOR', nested: { b: 1, a: [2, 1] } },
      createdAt: new Date(Date.UTC(2026, 0, seq)),
    };
    const hash = auditHash(prevHash, content);
    rows.push({ ...content, id: `id-${seq}`, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });
});

describe('findChainBreak', () => {
  it('accepts an intact chain', () => {
    expect(findChainBreak(chain(5), null)).toBeNull();
  });

  it('continues from the previous batch', () => {
    const rows = chain(5);
    expect(findChainBreak(rows.slice(3), rows[2]!)).toBeNull();
  });

  it('reports a changed row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, after: { role: 'OWNER' } };
    expect(findChainBreak(rows, null)).toMatchObject({ seq: 3, reason: expect.stringContaining('was changed') });
  });

  it('reports a deleted row', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(findChainBreak(rows, null)).toMatchObject({ seq: 3, reason: expect.stringContaining('missing') });
  });

  it('reports a row whose hash was recomputed without relinking the next one', () => {
    const rows = chain(4);
    const forged = { ...rows[1]!, action: 'forged' };
    rows[1] = { ...forged, hash: auditHash(forged.prevHash, forged) };
    expect(findChainBreak(rows, null)).toMatchObject({ seq: 3, reason: expect.stringContaining('previous-hash') });
  });
});

describe('toJson', () => {
  it('stores text PostgreSQL JSON refuses as U+FFFD: lone surrogates and NUL', () => {
    expect(toJson({ title: 'half \ud83d', note: 'a\u0000b', ok: '📄' })).toEqual({ title: 'half \ufffd', note: 'a\ufffdb', ok: '📄' });
    expect(toJson(undefined)).toBeNull();
    expect(toJson({ at: new Date('2026-01-02T00:00:00Z') })).toEqual({ at: '2026-01-02T00:00:00.000Z' });
  });
});
