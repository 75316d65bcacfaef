import { z } from 'zod';
import { rowVersion } from '@/lib/schema';
import { isAcceptableIssuer, isDomain, parseDomains } from './sso.policy';

/** The roles single sign-on may give a new member: never Owner. */
export const SSO_ROLES = ['ADMIN', 'EDITOR', 'VIEWER', 'AUDITOR'] as const;

/**
 * An organization's identity provider, as its owner enters it. The client secret is never shown
 * back: left blank on an edit, the stored one is kept (it is required the first time).
 */
export const saveSsoConnectionSchema = z.object({
  issuer: z
    .string()
    .trim()
    .max(500)
    .refine(isAcceptableIssuer, 'Enter the issuer URL, starting with https:// (for example https://login.example.com).')
    .transform((v) => v.replace(/\/+$/, '')),
  clientId: z.string().trim().min(1, 'Enter the client id your identity provider gave Demarc.').max(500),
  clientSecret: z.string().trim().max(2000).default(''),
  allowedDomains: z
    .string()
    .max(5000)
    .transform(parseDomains)
    .refine((domains) => domains.every(isDomain), 'Enter e-mail domains such as example.com, separated by commas or new lines.')
    .refine((domains) => domains.length <= 50, 'At most 50 domains.'),
  defaultRole: z.enum(SSO_ROLES, 'New members get Admin, Editor, Viewer or Auditor; never Owner.'),
  enabled: z.boolean(),
  version: rowVersion(0),
});
export type SaveSsoConnectionInput = z.input<typeof saveSsoConnectionSchema>;

/** Where "Sign in with SSO" starts: an organization's slug, or an e-mail address or domain. */
export const startSsoSchema = z.object({
  organization: z.string().trim().toLowerCase().min(1, 'Enter your organization or your work e-mail.').max(320),
});
export type StartSsoInput = z.input<typeof startSsoSchema>;
