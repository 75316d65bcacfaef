import 'server-only';
import type { z } from 'zod';
import { prisma, isUniqueViolation } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { seal, unseal } from '@/lib/auth/secret-box';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import { discover, ssoRedirectUri, type IdpSettings } from './oidc';
import type { saveSsoConnectionSchema } from './sso.schema';

/** secret-box purpose of the stored client secret. */
const SECRET_PURPOSE = 'sso client secret';

const connectionSelect = { issuer: true, clientId: true, allowedDomains: true, defaultRole: true, enabled: true, version: true } as const;

/** The organization's single sign-on settings for its owners: the client secret only as "set". */
export async function getSsoConnection(ctx: OrgContext) {
  assertCan(ctx, 'sso.manage');
  const connection = await prisma.ssoConnection.findUnique({ where: { orgId: ctx.orgId }, select: connectionSelect });
  return { connection: connection ? { ...connection, secretSet: true } : null, redirectUri: ssoRedirectUri() };
}

/**
 * Saves the settings (optimistic concurrency on `version`). An enabled connection is checked
 * first: its issuer's discovery document must be readable and name that issuer. It cannot be
 * turned off while the sign-in policy requires single sign-on (members could not get in).
 * Audited as sso.configured or sso.disabled, never with the secret.
 */
export async function saveSsoConnection(ctx: OrgContext, input: z.output<typeof saveSsoConnectionSchema>) {
  assertCan(ctx, 'sso.manage');
  const stored = await prisma.ssoConnection.findUnique({ where: { orgId: ctx.orgId }, select: { clientSecretEncrypted: true } });
  if (!stored && !input.clientSecret) {
    throw new AppError('VALIDATION', 'Some fields need attention.', {
      clientSecret: ['Enter the client secret your identity provider gave Demarc.'],
    });
  }
  const clientSecret = input.clientSecret || unseal(SECRET_PURPOSE, stored!.clientSecretEncrypted);
  if (input.enabled) await assertDiscoverable({ issuer: input.issuer, clientId: input.clientId, clientSecret });

  const data = {
    issuer: input.issuer,
    clientId: input.clientId,
    allowedDomains: input.allowedDomains,
    defaultRole: input.defaultRole,
    enabled: input.enabled,
    ...(input.clientSecret ? { clientSecretEncrypted: seal(SECRET_PURPOSE, input.clientSecret) } : {}),
  };
  try {
    return await audited(ctx, async (tx, record) => {
      const before = await tx.ssoConnection.findUnique({ where: { orgId: ctx.orgId }, select: connectionSelect });
      if (!input.enabled && before?.enabled) {
        const org = await tx.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { requireSso: true } });
        if (org.requireSso) {
          throw new AppError('CONFLICT', 'The sign-in policy requires single sign-on. Turn that off on the Members page first.');
        }
      }
      if (before) {
        const { count } = await tx.ssoConnection.updateMany({
          where: { orgId: ctx.orgId, version: input.version },
          data: { ...data, version: { increment: 1 } },
        });
        if (count !== 1) throw staleVersionError('single sign-on configuration');
      } else {
        if (input.version !== 0) throw staleVersionError('single sign-on configuration');
        await tx.ssoConnection.create({
          data: { orgId: ctx.orgId, ...data, clientSecretEncrypted: data.clientSecretEncrypted!, version: 1 },
        });
      }
      const after = await tx.ssoConnection.findUniqueOrThrow({ where: { orgId: ctx.orgId }, select: connectionSelect });
      record({
        action: !input.enabled && before?.enabled ? 'sso.disabled' : 'sso.configured',
        entityType: 'SsoConnection',
        entityId: ctx.orgId,
        before,
        after: { ...after, clientSecretChanged: Boolean(input.clientSecret) },
      });
      return { ...after, secretSet: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw staleVersionError('single sign-on configuration');
    throw error;
  }
}

async function assertDiscoverable(idp: IdpSettings) {
  try {
    await discover(idp, { fresh: true });
  } catch {
    const message = `Demarc could not read ${idp.issuer}/.well-known/openid-configuration, or it names another issuer. Check the issuer URL.`;
    throw new AppError('VALIDATION', message, { issuer: [message] });
  }
}

/** An organization's enabled connection, with its secret opened, for a sign-in (features/sso/sso-flow.ts). */
export async function findEnabledConnection(where: { orgId: string } | { slug: string } | { emailDomain: string }) {
  const select = {
    orgId: true,
    issuer: true,
    clientId: true,
    clientSecretEncrypted: true,
    allowedDomains: true,
    defaultRole: true,
  } as const;
  const filter =
    'orgId' in where
      ? { orgId: where.orgId }
      : 'slug' in where
        ? { org: { slug: where.slug } }
        : { allowedDomains: { has: where.emailDomain } };
  // A domain allowed by two organizations names neither: the person types their organization instead.
  const found = await prisma.ssoConnection.findMany({ where: { ...filter, enabled: true }, select, take: 2 });
  if (found.length !== 1) return null;
  const { clientSecretEncrypted, ...connection } = found[0]!;
  return { ...connection, clientSecret: unseal(SECRET_PURPOSE, clientSecretEncrypted) };
}
export type EnabledConnection = NonNullable<Awaited<ReturnType<typeof findEnabledConnection>>>;
