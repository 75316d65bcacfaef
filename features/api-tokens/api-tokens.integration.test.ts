import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { changeMemberRole, setMemberDisabled } from '@/features/members/members.data';
import { createMember, createOrganization } from '@/test/factories';
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.data';
import { hashApiToken, TOKEN_PATTERN } from './api-tokens.policy';
import { createApiTokenSchema } from './api-tokens.schema';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe('API tokens', () => {
  it('are shown once, stored as a SHA-256 hash, and audited without the token or its hash', async () => {
    const { ctx } = await createOrganization();
    const created = await createApiToken(ctx, { name: 'nightly scan', scopes: ['read', 'evidence:write'], expiresInDays: 90 });
    expect(created.token).toMatch(TOKEN_PATTERN);
    expect(created.token.startsWith('dmc_')).toBe(true);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(4));
    expect(row.scopes).toEqual(['read', 'evidence:write']);
    expect(row.createdById).toBe(ctx.userId);
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);

    const events = await prisma.auditEvent.findMany({ where: { chain: ctx.orgId, entityType: 'ApiToken' } });
    expect(events.map((e) => e.action)).toEqual(['api_token.created']);
    const logged = JSON.stringify(events);
    expect(logged).toContain('nightly scan');
    expect(logged).not.toContain(created.token.slice(4));
    expect(logged).not.toContain(row.tokenHash);

    const listed = await listApiTokens(ctx);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: 'nightly scan', state: 'active', lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
  });

  it('have a name unique among the active tokens, free again once revoked; revoking is audited and versioned', async () => {
    const { ctx } = await createOrganization();
    const first = await createApiToken(ctx, { name: 'ci', scopes: ['read'], expiresInDays: 30 });
    await expect(createApiToken(ctx, { name: 'ci', scopes: ['read'], expiresInDays: 30 })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'CONFLICT' && Boolean(e.fieldErrors?.name),
    );
    expect(await codeOf(revokeApiToken(ctx, { tokenId: first.id, version: 5 }))).toBe('CONFLICT');
    await revokeApiToken(ctx, { tokenId: first.id, version: 0 });
    expect(await codeOf(revokeApiToken(ctx, { tokenId: first.id, version: 1 }))).toBe('CONFLICT');
    await createApiToken(ctx, { name: 'ci', scopes: ['read'], expiresInDays: 30 });
    const revoked = await prisma.auditEvent.findFirstOrThrow({ where: { chain: ctx.orgId, action: 'api_token.revoked' } });
    expect(revoked.actorId).toBe(ctx.userId);
    expect((revoked.after as { revokedById: string }).revokedById).toBe(ctx.userId);
    expect(await codeOf(authenticateApiToken(`Bearer ${first.token}`))).toBe('UNAUTHENTICATED');
  });

  it('cannot be revoked from another organization', async () => {
    const { ctx } = await createOrganization();
    const { ctx: other } = await createOrganization();
    const token = await createApiToken(ctx, { name: 'ci', scopes: ['read'], expiresInDays: 30 });
    expect(await codeOf(revokeApiToken(other, { tokenId: token.id, version: 0 }))).toBe('NOT_FOUND');
    expect((await listApiTokens(other)).length).toBe(0);
  });

  it('expire: at most a year, refused once expired', async () => {
    expect(createApiTokenSchema.safeParse({ name: 'x', scopes: ['read'], expiresInDays: 366 }).success).toBe(false);
    expect(createApiTokenSchema.safeParse({ name: 'x', scopes: [], expiresInDays: 30 }).success).toBe(false);
    expect(createApiTokenSchema.safeParse({ name: 'x', scopes: ['admin'], expiresInDays: 30 }).success).toBe(false);
    expect(createApiTokenSchema.safeParse({ name: 'x', scopes: ['read'], expiresInDays: 365 }).success).toBe(true);
    const { ctx } = await createOrganization();
    const token = await createApiToken(ctx, { name: 'short', scopes: ['read'], expiresInDays: 1 });
    expect(await codeOf(authenticateApiToken(`Bearer ${token.token}`))).toBe('OK');
    const tomorrow = new Date(Date.now() + 86_400_000 + 1000);
    expect(await codeOf(authenticateApiToken(`Bearer ${token.token}`, tomorrow))).toBe('UNAUTHENTICATED');
    expect((await listApiTokens(ctx, tomorrow))[0]!.state).toBe('expired');
  });

  it('are suspended while their creator no longer manages tokens (disabled, or another role), and work again once restored', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: admin, membershipId } = await createMember(owner, 'ADMIN');
    const token = await createApiToken(admin, { name: 'scanner', scopes: ['findings:write'], expiresInDays: 30 });
    const refusal = () =>
      authenticateApiToken(`Bearer ${token.token}`).then(
        () => 'OK',
        (error: AppError) => `${error.code}: ${error.message}`,
      );
    const state = async () => (await listApiTokens(owner)).find((t) => t.id === token.id)!.state;
    expect(await refusal()).toBe('OK');

    await setMemberDisabled(owner, { membershipId, disabled: true });
    expect(await refusal()).toBe(
      'UNAUTHENTICATED: This API token is suspended: the owner or admin who created it no longer manages this organization’s tokens.',
    );
    expect(await state()).toBe('suspended');
    await setMemberDisabled(owner, { membershipId, disabled: false });
    expect(await refusal()).toBe('OK');
    expect(await state()).toBe('active');

    await changeMemberRole(owner, { membershipId, role: 'EDITOR' });
    expect(await refusal()).toMatch(/^UNAUTHENTICATED: This API token is suspended/);
    await changeMemberRole(owner, { membershipId, role: 'OWNER' });
    expect(await refusal()).toBe('OK');
    // Revoked stays revoked, whoever the creator is.
    await revokeApiToken(owner, { tokenId: token.id, version: 0 });
    expect(await state()).toBe('revoked');
  });

  it('record their last use at most once a minute', async () => {
    const { ctx } = await createOrganization();
    const token = await createApiToken(ctx, { name: 'ci', scopes: ['read'], expiresInDays: 30 });
    const lastUsed = async () => (await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const t0 = new Date();
    await authenticateApiToken(`Bearer ${token.token}`, t0);
    expect(await lastUsed()).toEqual(t0);
    await authenticateApiToken(`Bearer ${token.token}`, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toEqual(t0);
    const t2 = new Date(t0.getTime() + 61_000);
    await authenticateApiToken(`Bearer ${token.token}`, t2);
    expect(await lastUsed()).toEqual(t2);
  });
});
