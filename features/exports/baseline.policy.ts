/**
 * The Demarc controls that implement each requirement of a baseline, in the controls' order:
 * those mapped to it as coverage counts mappings (a baseline also counts its catalog's:
 * effectiveMappings) and those that name its id among their NIST ids. The SSP and the CIS/CRM
 * both read this, so a plan and its workbook never disagree on who implements a control.
 */
export function implementingControls(
  requirements: readonly { id: string; externalId: string }[],
  mappings: readonly { controlId: string; requirementId: string }[],
  controls: readonly { id: string; nistIds: readonly string[] }[],
): Map<string, string[]> {
  const mapped = new Map<string, Set<string>>();
  for (const m of mappings) (mapped.get(m.requirementId) ?? mapped.set(m.requirementId, new Set()).get(m.requirementId)!).add(m.controlId);
  return new Map(
    requirements.map((r) => {
      const ids = mapped.get(r.id);
      return [r.id, controls.filter((c) => ids?.has(c.id) || c.nistIds.includes(r.externalId)).map((c) => c.id)];
    }),
  );
}
