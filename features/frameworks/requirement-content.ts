// The structured content of a requirement beyond its rendered statement, stored as JSON on
// Requirement (params, parts, links): written by the OSCAL import, read by the framework
// pages, the system's parameter values and the SSP. Parsed on read so a bad row fails loudly.
import { z } from 'zod';

export const requirementParamSchema = z.object({
  /** The OSCAL parameter id, e.g. "ac-1_prm_2" or "ac-01_odp.05". */
  id: z.string(),
  /** As NIST prints it: "[Assignment: organization-defined frequency]", "[Selection (one or more): …]". */
  label: z.string(),
  /** Values the source assigns (FedRAMP: "at least annually"): the default for a system's value. */
  values: z.array(z.string()),
  /** Constraints the source puts on the value (FedRAMP: "a time period in compliance with M-21-31"). */
  constraints: z.array(z.string()),
  /** A selection's choices; null for an assignment. */
  choices: z.array(z.string()).nullable(),
  howMany: z.enum(['one', 'one-or-more']).nullable(),
  /** An aggregate parameter (NIST 5.1.1): the ids of the parameters it gathers. */
  aggregates: z.array(z.string()),
});
export type RequirementParam = z.infer<typeof requirementParamSchema>;

export const statementPartSchema = z.object({
  /** The OSCAL part id, e.g. "ac-2_smt.a". */
  id: z.string(),
  /** As printed, e.g. "a." or "1."; empty when the part has none. */
  label: z.string(),
});
export type StatementPart = z.infer<typeof statementPartSchema>;

export const requirementLinkSchema = z.object({
  rel: z.enum(['incorporated-into', 'moved-to']),
  /** The OSCAL id the link points to, e.g. "ac-6". */
  externalId: z.string(),
});
export type RequirementLink = z.infer<typeof requirementLinkSchema>;

export const readParams = (json: unknown): RequirementParam[] => z.array(requirementParamSchema).parse(json);
export const readParts = (json: unknown): StatementPart[] => z.array(statementPartSchema).parse(json);
export const readLinks = (json: unknown): RequirementLink[] => z.array(requirementLinkSchema).parse(json);
