import { describe, expect, it } from 'vitest';
import { membershipChangeRefusal } from './members.policy';

const owner = { userId: 'u-owner', role: 'OWNER' as const };
const admin = { userId: 'u-admin', role: 'ADMIN' as const };
const editor = { userId: 'u-editor', role: 'EDITOR' as const, disabled: false };
const otherOwner = { userId: 'u-owner-2', role: 'OWNER' as const, disabled: false };

describe('membershipChangeRefusal', () => {
  it('lets an admin change non-owner roles', () => {
    expect(membershipChangeRefusal(admin, editor, { role: 'VIEWER' }, 1)).toBeNull();
    expect(membershipChangeRefusal(admin, editor, { disabled: true }, 1)).toBeNull();
  });

  it('keeps the Owner role in owners’ hands', () => {
    expect(membershipChangeRefusal(admin, editor, { role: 'OWNER' }, 1)).toMatch(/Only an owner/);
    expect(membershipChangeRefusal(admin, otherOwner, { role: 'ADMIN' }, 2)).toMatch(/Only an owner/);
    expect(membershipChangeRefusal(owner, editor, { role: 'OWNER' }, 1)).toBeNull();
  });

  it('never leaves an organization without an active owner', () => {
    const self = { ...owner, disabled: false };
    expect(membershipChangeRefusal(owner, self, { role: 'ADMIN' }, 1)).toMatch(/at least one active owner/);
    expect(membershipChangeRefusal(owner, otherOwner, { disabled: true }, 1)).toMatch(/at least one active owner/);
    expect(membershipChangeRefusal(owner, otherOwner, { disabled: true }, 2)).toBeNull();
  });

  it('refuses disabling oneself', () => {
    expect(membershipChangeRefusal(admin, { ...admin, disabled: false }, { disabled: true }, 1)).toMatch(/your own/);
  });
});
