import { describe, expect, it, vi } from 'vitest';
import { AppError, describeUniqueClash, toActionError } from './errors';
import { PG_INT_MAX, rowVersion } from './schema';

/** Prisma's errors as the pg driver adapter reports them (shapes seen from Prisma 7.10). */
const prismaError = (code: string, meta: object) => Object.assign(new Error('Invalid `prisma.x()` invocation'), { code, meta });
const adapter = (cause: object) => ({ driverAdapterError: { name: 'DriverAdapterError', cause } });

describe('toActionError', () => {
  it('says which field a unique key clash is about', () => {
    const clash = prismaError('P2002', {
      modelName: 'System',
      ...adapter({
        originalCode: '23505',
        kind: 'UniqueConstraintViolation',
        constraint: { index: 'System_orgId_name_key' },
        table: 'System',
      }),
    });
    expect(toActionError(clash)).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('system with this name'),
      fieldErrors: { name: [expect.stringContaining('system with this name')] },
    });
  });

  it('describes keys it has no words for from their name or fields', () => {
    expect(
      describeUniqueClash({ modelName: 'EvidenceVersion', ...adapter({ constraint: { index: 'EvidenceVersion_evidenceId_number_key' } }) }),
    ).toEqual({
      field: 'number',
      message: 'Another evidence version already has this evidence id and number.',
    });
    expect(describeUniqueClash({ modelName: 'Framework', target: ['orgId', 'name'] })).toMatchObject({ field: 'name' });
    expect(describeUniqueClash({ modelName: 'EvidenceControl', ...adapter({ constraint: { index: 'EvidenceControl_pkey' } }) })).toEqual({
      message: 'This evidence control already exists.',
    });
  });

  it('maps a vanished row to NOT_FOUND and values PostgreSQL cannot store to VALIDATION, never to a 500', () => {
    expect(toActionError(prismaError('P2025', { modelName: 'User', operation: 'an update' })).code).toBe('NOT_FOUND');
    expect(toActionError(prismaError('P2020', adapter({ originalCode: '22003', kind: 'ValueOutOfRange' }))).code).toBe('VALIDATION');
    expect(toActionError(prismaError('P2039', adapter({ originalCode: '22021', kind: 'postgres' }))).code).toBe('VALIDATION');
    expect(toActionError(prismaError('P2007', adapter({ originalCode: '22P02', kind: 'InvalidInputValue' }))).code).toBe('VALIDATION');
  });

  it('keeps AppErrors as they are and hides anything unexpected', () => {
    expect(toActionError(new AppError('FORBIDDEN', 'No.'))).toEqual({ code: 'FORBIDDEN', message: 'No.', fieldErrors: undefined });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(toActionError(new TypeError('secret detail'))).toEqual({ code: 'INTERNAL', message: expect.not.stringContaining('secret') });
    log.mockRestore();
  });
});

describe('rowVersion', () => {
  it('accepts versions up to the PostgreSQL integer and refuses 2147483648 with a message', () => {
    expect(rowVersion().safeParse(PG_INT_MAX).success).toBe(true);
    const refused = rowVersion().safeParse(2_147_483_648);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/not given out by Demarc/);
    expect(rowVersion(0).safeParse(0).success).toBe(true);
  });
});
