import type { Role } from '@/lib/generated/prisma/enums.ts';
import { AppError } from '@/lib/errors';

export type { Role };

/** What every page, action and route works with once the caller is known. */
export type OrgContext = {
  userId: string;
  orgId: string;
  orgSlug: string;
  role: Role;
  /** Auditors only: the audit period they are limited to (evidence true outside it is hidden). */
  auditPeriod?: { start: Date | null; end: Date | null };
  /** Creates only: the form's request id, so the same request sent twice creates once (lib/action.ts). */
  request?: { id: string; action: string };
  /** Requests made with an API token (lib/api.ts): the token acts, and is named in the audit log. */
  apiToken?: { id: string; name: string };
};

export const ROLES = ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER', 'AUDITOR'] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  EDITOR: 'Editor',
  VIEWER: 'Viewer',
  AUDITOR: 'Auditor',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: 'Everything, including granting the Owner role.',
  ADMIN: 'Manages members and settings; reviews evidence.',
  EDITOR: 'Owns controls and uploads evidence.',
  VIEWER: 'Reads everything, changes nothing.',
  AUDITOR: 'Reads, comments, and accepts or rejects evidence.',
};

const PERMISSIONS = {
  'members.manage': { roles: ['OWNER', 'ADMIN'], refusal: 'manage members' },
  'sso.manage': { roles: ['OWNER'], refusal: 'set up single sign-on' },
  'audit.read': { roles: ['OWNER', 'ADMIN', 'AUDITOR'], refusal: 'read the audit log' },
  'systems.edit': { roles: ['OWNER', 'ADMIN', 'EDITOR'], refusal: 'create or change systems' },
  'controls.edit': { roles: ['OWNER', 'ADMIN', 'EDITOR'], refusal: 'create or change controls' },
  'implementations.edit': { roles: ['OWNER', 'ADMIN', 'EDITOR'], refusal: 'change implementations or owners' },
  'library.load': { roles: ['OWNER', 'ADMIN'], refusal: 'load a control library' },
  'evidence.upload': { roles: ['OWNER', 'ADMIN', 'EDITOR'], refusal: 'add evidence' },
  'evidence.review': { roles: ['OWNER', 'ADMIN', 'AUDITOR'], refusal: 'accept or reject evidence' },
  'evidence.comment': { roles: ['OWNER', 'ADMIN', 'EDITOR', 'AUDITOR'], refusal: 'comment on evidence' },
  'reports.manage': { roles: ['OWNER', 'ADMIN'], refusal: 'record provider reports' },
  'snapshots.create': { roles: ['OWNER', 'ADMIN', 'AUDITOR'], refusal: 'freeze a summary' },
  'apiTokens.manage': { roles: ['OWNER', 'ADMIN'], refusal: 'manage API tokens' },
  'findings.ingest': { roles: ['OWNER', 'ADMIN', 'EDITOR'], refusal: 'upload security-tool findings' },
  'snapshots.signoff': { roles: ['OWNER', 'ADMIN', 'AUDITOR'], refusal: 'sign off a summary' },
  'jobs.manage': { roles: ['OWNER', 'ADMIN'], refusal: 'see or run background jobs' },
  'risks.accept': { roles: ['OWNER', 'ADMIN', 'EDITOR'], refusal: 'accept a failing check as a risk or revoke an acceptance' },
} as const satisfies Record<string, { roles: readonly Role[]; refusal: string }>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/** Refuses with a message that says which roles may do it. */
export function assertCan(ctx: Pick<OrgContext, 'role'>, permission: Permission): void {
  if (can(ctx.role, permission)) return;
  const { roles, refusal } = PERMISSIONS[permission];
  const allowed = roles.map((r) => ROLE_LABELS[r]).join(', ');
  throw new AppError(
    'FORBIDDEN',
    `Your role (${ROLE_LABELS[ctx.role]}) cannot ${refusal}. That takes one of these roles: ${allowed}.`,
    undefined,
    { permission },
  );
}
