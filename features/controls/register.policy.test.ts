import { describe, expect, it } from 'vitest';
import { parseRegisterFilters, registerQuery } from './register.policy';

describe('registerQuery', () => {
  it('writes the view as an address that reads back the same', () => {
    const filters = parseRegisterFilters({
      system: 'sys',
      type: 'SHARED',
      status: 'PLANNED',
      q: 'patch',
      failing: '1',
      sort: 'status',
      dir: 'desc',
    });
    const query = registerQuery(filters, 'sys', { page: '3' });
    expect(parseRegisterFilters(Object.fromEntries(new URLSearchParams(query)))).toEqual({ ...filters, page: 3 });
  });

  it('leaves out the filters that need a system when there is none, and what a change removes', () => {
    const filters = parseRegisterFilters({ owner: 'u', status: 'PLANNED', failing: '1', family: 'IAM' });
    expect(registerQuery(filters, null)).toBe('system=none&family=IAM&sort=code&dir=asc');
    expect(registerQuery(filters, null, { family: undefined })).toBe('system=none&sort=code&dir=asc');
  });
});
