import { describe, expect, it } from 'vitest';
import {
  combinedFedrampStatus,
  combinedOrigination,
  isSharedWithCustomers,
  leveragedAws,
  originationTokens,
  originationWords,
} from './fedramp.policy';

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

  it('reads the leveraged AWS authorization from the report that records a FedRAMP package, and its date', () => {
    const soc = { title: 'SOC 2 Type 2', periodEnd: new Date('2026-09-30') };
    const fedramp = {
      title: 'FedRAMP Partner Package',
      periodEnd: new Date('2026-06-30'),
      fedrampPackageId: 'F1603047866',
      fedrampAuthorizedAt: new Date('2016-06-21'),
    };
    expect(leveragedAws([soc, fedramp])).toMatchObject({
      latest: soc,
      fedramp,
      words: { name: 'Amazon Web Services (FedRAMP Partner Package)', dateAuthorized: '2016-06-21' },
    });
    expect(leveragedAws([soc, { ...fedramp, fedrampAuthorizedAt: null }]).words.dateAuthorized).toBeNull();
    expect(leveragedAws([soc]).words.name).toBe('Amazon Web Services (no FedRAMP package recorded; latest report on file: SOC 2 Type 2)');
    expect(leveragedAws([]).words).toEqual({ name: 'Amazon Web Services (no AWS report recorded)', dateAuthorized: null });
  });
});
