export const KIND_LABELS = {
  FILE: 'File',
  LINK: 'Link',
  NOTE: 'Attestation',
  PROVIDER_REPORT: 'AWS report',
  AUTOMATED: 'Automated check',
} as const;
export const REVIEW_LABELS = { DRAFT: 'Draft', SUBMITTED: 'Submitted', ACCEPTED: 'Accepted', REJECTED: 'Rejected' } as const;
export const REVIEW_TONES = {
  DRAFT: 'bg-slate-100 text-slate-700',
  SUBMITTED: 'bg-sky-50 text-sky-800',
  ACCEPTED: 'bg-green-50 text-green-800',
  REJECTED: 'bg-red-50 text-red-800',
} as const;
