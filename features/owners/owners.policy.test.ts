import { describe, expect, it } from 'vitest';
import { can, ROLES } from '@/lib/auth/permissions';
import { bulkAssignmentMessage, canOwnControls, implementationRefusal, reviewState } from './owners.policy';

const applies = { applies: true } as const;

describe('who can own a control', () => {
  it('is exactly the roles that can record an implementation and upload its evidence', () => {
    for (const role of ROLES) {
      expect(canOwnControls(role)).toBe(can(role, 'implementations.edit') && can(role, 'evidence.upload'));
    }
    expect(ROLES.filter(canOwnControls)).toEqual(['OWNER', 'ADMIN', 'EDITOR']);
  });
});

describe('implementationRefusal', () => {
  it('lets an inherited control only be marked not applicable or reverted, without an owner', () => {
    const inherited = { type: 'INHERITED' as const, applicability: applies, ownerId: null };
    expect(implementationRefusal({ ...inherited, status: 'NOT_STARTED' })).toBeNull();
    expect(
      implementationRefusal({ ...inherited, status: 'NOT_APPLICABLE', applicability: { applies: false, by: 'owner', justification: 'x' } }),
    ).toBeNull();
    expect(implementationRefusal({ ...inherited, status: 'PLANNED' })).toEqual({ status: [expect.stringContaining('AWS implements')] });
    expect(implementationRefusal({ ...inherited, status: 'NOT_STARTED', ownerId: 'u' })).toEqual({
      ownerId: [expect.stringContaining('nobody owns it')],
    });
  });

  it('gives a control bound to services the system does not use no owner and no status', () => {
    const input = { type: 'SHARED' as const, applicability: { applies: false as const, by: 'service' as const, services: ['s3'] } };
    expect(implementationRefusal({ ...input, status: 'NOT_STARTED', ownerId: null })).toBeNull();
    expect(Object.keys(implementationRefusal({ ...input, status: 'IMPLEMENTED', ownerId: 'u' }) ?? {}).sort()).toEqual([
      'ownerId',
      'status',
    ]);
  });

  it('needs an owner before a shared or customer half is implemented', () => {
    expect(implementationRefusal({ type: 'CUSTOMER', applicability: applies, status: 'IMPLEMENTED', ownerId: null })).toEqual({
      ownerId: [expect.stringContaining('needs an owner')],
    });
    expect(implementationRefusal({ type: 'SHARED', applicability: applies, status: 'IMPLEMENTED', ownerId: 'u' })).toBeNull();
    expect(implementationRefusal({ type: 'SHARED', applicability: applies, status: 'NOT_STARTED', ownerId: null })).toBeNull();
  });
});

describe('bulkAssignmentMessage', () => {
  it('says what was assigned, left as it was and skipped, and why', () => {
    const none = { inherited: 0, notApplicable: 0 };
    expect(bulkAssignmentMessage('Erin', { assigned: 1, unchanged: 0, skipped: none })).toBe('Erin now owns 1 control in this system.');
    expect(bulkAssignmentMessage('Erin', { assigned: 2, unchanged: 0, skipped: { inherited: 2, notApplicable: 1 } })).toBe(
      'Erin now owns 2 controls in this system. 3 skipped: 2 inherited, 1 not applicable.',
    );
    expect(bulkAssignmentMessage('Erin', { assigned: 0, unchanged: 0, skipped: { inherited: 0, notApplicable: 1 } })).toBe(
      'Nothing assigned to Erin. 1 skipped: 1 not applicable.',
    );
  });
});

describe('reviewState', () => {
  it('counts a customer half not started as not implemented yet', () => {
    const today = new Date('2026-06-01T00:00:00Z');
    const impl = { narrative: 'How', nextReviewAt: new Date('2026-07-01T00:00:00Z') };
    expect(reviewState(impl, 'NOT_STARTED', today)).toEqual(['not-implemented']);
    expect(reviewState(impl, 'IMPLEMENTED', today)).toEqual([]);
  });
});
