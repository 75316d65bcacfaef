// Seeds the demo organization once, through the app's own data functions so the audit log
// records it. Run by `npm start` (and `prisma db seed`); a second run changes nothing.
import { findOrgContext, findUserIdByEmail, signUp } from '@/features/auth/auth.data';
import { listControls } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { loadStarterLibrary } from '@/features/library/library.data';
import { acceptInvitationWithNewAccount } from '@/features/invitations/accept-invitation.data';
import { inviteMember } from '@/features/invitations/invitations.data';
import { bulkAssignOwner } from '@/features/owners/owners.data';
import { recordDailyReadiness } from '@/features/overview/readiness.data';
import { createSystem } from '@/features/systems/systems.data';
import type { Role } from '@/lib/auth/permissions';

// Published in the README, so the password rule refuses it to anyone who chooses a password
// (features/auth/password.policy.ts). The demo accounts get it anyway: the rule lives in the
// schemas that forms and actions parse, and the seed calls the data functions directly.
const DEMO_PASSWORD = 'demarc-demo-2026';
const DEMO_ORG = 'Demo Company';
const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'owner@demo.demarc.test', name: 'Olivia Owner', role: 'OWNER' },
  { email: 'admin@demo.demarc.test', name: 'Adam Admin', role: 'ADMIN' },
  { email: 'editor@demo.demarc.test', name: 'Erin Editor', role: 'EDITOR' },
  { email: 'viewer@demo.demarc.test', name: 'Victor Viewer', role: 'VIEWER' },
  { email: 'auditor@demo.demarc.test', name: 'Ada Auditor', role: 'AUDITOR' },
];

async function seedDemo(): Promise<boolean> {
  const [owner, ...others] = DEMO_USERS as [(typeof DEMO_USERS)[number], ...typeof DEMO_USERS];
  if (await findUserIdByEmail(owner.email)) return false;
  const { orgSlug } = await signUp({ ...owner, password: DEMO_PASSWORD, organizationName: DEMO_ORG });
  const ctx = await findOrgContext({ userId: (await findUserIdByEmail(owner.email))!, sessionVersion: 0 }, orgSlug);
  // The others join the way anyone does: invited, then accepted with their own (here: the published) password.
  const members = [];
  for (const { email, name, role } of others) {
    const { token } = await inviteMember(ctx!, { email, role });
    members.push({ role, ...(await acceptInvitationWithNewAccount({ token, name, password: DEMO_PASSWORD })) });
  }

  // Something to look at: the starter library and one system, with the editor owning the
  // customer halves of the network controls.
  await loadStarterLibrary(ctx!);
  const system = await createSystem(ctx!, {
    name: 'Payments platform',
    description: 'Card payments API and its data stores (production accounts).',
    regions: ['eu-west-1', 'eu-central-1'],
    services: ['ec2', 'vpc', 'ebs', 'rds', 's3', 'lambda', 'iam', 'kms', 'cloudtrail'],
  });
  const network = await listControls(ctx!, parseRegisterFilters({ system: system.id, family: 'System and communications protection' }));
  const editor = members.find((m) => m.role === 'EDITOR')!;
  const customerHalves = network.rows.filter((r) => r.effective.type !== 'INHERITED').map((r) => r.id);
  if (customerHalves.length) await bulkAssignOwner(ctx!, { systemId: system.id, controlIds: customerHalves, ownerId: editor.userId });
  // The overview's trend starts with today's real figures (no invented history); the daily job adds a day each day.
  await recordDailyReadiness(new Date());
  return true;
}

const created = await seedDemo();
console.log(created ? `Seeded the demo organization (${DEMO_ORG}).` : 'Demo organization already present.');
process.exit(0);
