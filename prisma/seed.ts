// Seeds the demo organization once, through the app's own data functions so the audit log
// records it. Run by `npm start` (and `prisma db seed`); a second run changes nothing.
import { findOrgContext, findUserIdByEmail, signUp } from '@/features/auth/auth.data';
import { addMember } from '@/features/members/members.data';
import type { Role } from '@/lib/auth/permissions';

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
  for (const member of others) {
    await addMember(ctx!, { ...member, initialPassword: DEMO_PASSWORD });
  }
  return true;
}

const created = await seedDemo();
console.log(created ? `Seeded the demo organization (${DEMO_ORG}).` : 'Demo organization already present.');
process.exit(0);
