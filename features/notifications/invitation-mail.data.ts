import 'server-only';
import type { OrgContext } from '@/lib/auth/permissions';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import { prisma } from '@/lib/db';
import { appOrigin, escapeHtml, mailEnabled, sendMail } from '@/lib/mail';

/**
 * E-mails an invitation's link to the invited address when SMTP is set (the admin still sees the
 * link once, as without e-mail). A refused message does not undo the invitation: returns false.
 */
export async function mailInvitation(
  ctx: OrgContext,
  invitation: { email: string; role: Role; expiresAt: Date; path: string },
): Promise<boolean> {
  if (!mailEnabled()) return false;
  const [org, inviter] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { name: true } }),
    prisma.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { name: true } }),
  ]);
  const link = `${appOrigin()}${invitation.path}`;
  const expires = `${invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const line = `${inviter.name} invited you to ${org.name} on Demarc as ${ROLE_LABELS[invitation.role]}.`;
  try {
    await sendMail({
      to: invitation.email,
      subject: `You are invited to ${org.name} on Demarc`,
      text: `${line}\n\nAccept: ${link}\n\nThe link works once and expires on ${expires}. If you did not expect this, ignore this message.`,
      html: `<!doctype html><html><body style="font-family:sans-serif"><p>${escapeHtml(line)}</p><p><a href="${escapeHtml(link)}">Accept the invitation</a></p><p style="color:#555;font-size:12px">The link works once and expires on ${escapeHtml(expires)}. If you did not expect this, ignore this message.</p></body></html>`,
    });
    return true;
  } catch (error) {
    console.error(`[demarc] invitation e-mail failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
