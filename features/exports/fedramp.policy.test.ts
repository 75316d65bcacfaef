import { describe, expect, it } from 'vitest';
import { combinedFedrampStatus, combinedOrigination, isSharedWithCustomers, originationTokens, originationWords } from './fedramp.policy';

const none = { responsibility: '', inherit: null } as const;

describe('FedRAMP origination', () => {
  it('puts AWS, the team and the team’s customers each in their own token', () => {
    expect(originationTokens('INHERITED', none)).toEqual(['inherited']);
    expect(originationTokens('SHARED', none)).toEqual(['sp-system', 'inherited']);
    expect(originationTokens('CUSTOMER', none)).toEqual(['sp-system']);
    expect(originationTokens('CUSTOMER', { responsibility: 'Rotate your own API keys.', inherit: null })).toEqual([
      'sp-system',
      'customer-configured',
    ]);
    expect(originationTokens('CUSTOMER', { responsibility: '', inherit: 'NO' })).toEqual(['sp-system', 'customer-provided']);
    expect(originationTokens('SHARED', { responsibility: '', inherit: 'YES' })).toEqual(['sp-system', 'inherited']);
  });

  it('calls only the team and its customers “shared”, never AWS and the team', () => {
    expect(isSharedWithCustomers(originationTokens('SHARED', none))).toBe(false);
    expect(isSharedWithCustomers(originationTokens('CUSTOMER', { responsibility: 'x', inherit: 'PARTIAL' }))).toBe(true);
  });

  it('combines several controls behind one NIST id: every origination, the least implemented status', () => {
    expect(combinedOrigination([['inherited'], ['sp-system'], ['sp-system', 'customer-configured']])).toEqual([
      'sp-system',
      'customer-configured',
      'inherited',
    ]);
    expect(combinedFedrampStatus(['implemented', 'partial', 'not-applicable'])).toBe('partial');
    expect(combinedFedrampStatus(['implemented', 'planned'])).toBe('planned');
    expect(combinedFedrampStatus(['not-applicable', 'not-applicable'])).toBe('not-applicable');
    expect(combinedFedrampStatus([])).toBeNull();
  });

  it('names the leveraged authorization in FedRAMP’s inherited wording', () => {
    expect(originationWords('inherited', { name: 'Amazon Web Services', dateAuthorized: '2025-09-30' })).toBe(
      'Inherited from pre-existing FedRAMP Authorization for Amazon Web Services, 2025-09-30',
    );
  });
});
