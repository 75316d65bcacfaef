// The benchmark's floors: for each measured page, one hand-written SQL query that computes the
// same numbers the page shows (effective types, owners, statuses, evidence freshness, coverage).
// A page's time over its floor's is what the app adds: Prisma, the policies, React rendering.
// The integration test checks that each floor agrees with the app's data functions.
import type pg from 'pg';

export type FloorParams = { orgId: string; today: Date; expiringWindowDays: number; reportGraceDays: number };

const STATES = `ARRAY['MISSING', 'EXPIRED', 'EXPIRING', 'CURRENT']`;
const state = (until: string) =>
  `CASE WHEN ${until} IS NULL THEN 'MISSING' WHEN ${until} < $2::date THEN 'EXPIRED' WHEN ${until} - $2::date <= $3::int THEN 'EXPIRING' ELSE 'CURRENT' END`;
const rank = (type: string) => `CASE ${type} WHEN 'CUSTOMER' THEN 3 WHEN 'SHARED' THEN 2 ELSE 1 END`;

/**
 * The register of (control, system) pairs chosen by `pairs` (columns control_id, system_id), as
 * CTEs ending in "register". Parameters: $1 org, $2 today, $3 expiring window, $4 report grace.
 */
function registerCte(pairs: string): string {
  return `
  pairs AS (${pairs}),
  line AS (
    SELECT p.control_id, p.system_id, max(${rank('sr.type')}) AS rank
    FROM pairs p
    JOIN "ServiceResponsibility" sr ON sr."controlId" = p.control_id
    JOIN "SystemService" ss ON ss."systemId" = p.system_id AND ss."serviceCode" = sr."serviceCode"
    GROUP BY 1, 2),
  cust AS (
    SELECT p.control_id, p.system_id, max(v."effectiveAt") AS latest
    FROM pairs p
    JOIN "EvidenceControl" ec ON ec."controlId" = p.control_id AND ec."orgId" = $1
    JOIN "Evidence" e ON e.id = ec."evidenceId" AND e."reviewState" = 'ACCEPTED' AND e.kind <> 'PROVIDER_REPORT'
      AND (e."systemId" IS NULL OR e."systemId" = p.system_id)
    JOIN "EvidenceVersion" v ON v."evidenceId" = e.id
    GROUP BY 1, 2),
  rep AS (
    SELECT ec."controlId" AS control_id, max(r."periodEnd") AS latest
    FROM "EvidenceControl" ec JOIN "ProviderReport" r ON r."evidenceId" = ec."evidenceId"
    WHERE ec."orgId" = $1 AND ec."controlId" IN (SELECT control_id FROM pairs)
    GROUP BY 1),
  typed AS (
    SELECT c.id, p.system_id, c.code, c.title, c.family,
      (ARRAY['INHERITED', 'SHARED', 'CUSTOMER'])[coalesce(line.rank, ${rank('c."defaultType"')})] AS type,
      coalesce(i.status::text, 'NOT_STARTED') AS status, i."ownerId" AS owner_id, u.name AS owner_name,
      (cust.latest + CASE c.cadence WHEN 'MONTHLY' THEN interval '1 month' WHEN 'QUARTERLY' THEN interval '3 months'
        WHEN 'SEMI_ANNUAL' THEN interval '6 months' ELSE interval '1 year' END)::date AS customer_until,
      rep.latest + $4::int AS aws_until
    FROM pairs p
    JOIN "Control" c ON c.id = p.control_id
    LEFT JOIN line ON line.control_id = c.id AND line.system_id = p.system_id
    LEFT JOIN "ControlImplementation" i ON i."controlId" = c.id AND i."systemId" = p.system_id
    LEFT JOIN "User" u ON u.id = i."ownerId"
    LEFT JOIN cust ON cust.control_id = c.id AND cust.system_id = p.system_id
    LEFT JOIN rep ON rep.control_id = c.id),
  halves AS (
    SELECT typed.*,
      CASE WHEN type = 'CUSTOMER' THEN NULL ELSE ${state('aws_until')} END AS aws_state,
      CASE WHEN type = 'INHERITED' THEN NULL ELSE ${state('customer_until')} END AS customer_state
    FROM typed),
  register AS (
    SELECT halves.*,
      (${STATES})[coalesce(least(array_position(${STATES}, aws_state), array_position(${STATES}, customer_state)), 1)] AS overall
    FROM halves)`;
}

/** Every active control of the organization through one system ($5). */
const systemRegister = registerCte(
  `SELECT c.id AS control_id, $5::uuid AS system_id FROM "Control" c WHERE c."orgId" = $1 AND c."archivedAt" IS NULL`,
);

const base = (p: FloorParams) => [p.orgId, p.today.toISOString().slice(0, 10), p.expiringWindowDays, p.reportGraceDays];

export type RegisterPageFilter = { type?: string; evidence?: string };

export type FloorRegisterRow = {
  code: string;
  title: string;
  family: string;
  type: string;
  status: string;
  owner_name: string | null;
  overall: string;
};

/** The control register's page: 50 rows in code order, and the number of matching controls. */
export async function registerPageFloor(db: pg.ClientBase, p: FloorParams, systemId: string, filter: RegisterPageFilter = {}, page = 1) {
  const { rows } = await db.query<FloorRegisterRow & { total: string }>(
    `WITH ${systemRegister}
     SELECT code, title, family, type, status, owner_name, overall, count(*) OVER () AS total
     FROM register WHERE ($6::text IS NULL OR type = $6) AND ($7::text IS NULL OR overall = $7)
     ORDER BY code LIMIT 50 OFFSET $8`,
    [...base(p), systemId, filter.type ?? null, filter.evidence ?? null, (page - 1) * 50],
  );
  return { total: Number(rows[0]?.total ?? 0), rows: rows.map(({ total: _, ...row }) => row) };
}

export type SummaryFloor = {
  byTypeAndStatus: Record<string, Record<string, number>>;
  customerHalves: number;
  withOwner: number;
  evidence: Record<string, number>;
  reports: number;
  frameworks: { name: string; requirements: number; mapped: number; covered: number }[];
  gaps: { code: string; reasons: number }[];
};

/** The system summary's figures: types by status, owners, freshness, reports, coverage per framework, top gaps. */
export async function summaryFloor(db: pg.ClientBase, p: FloorParams, systemId: string): Promise<SummaryFloor> {
  const { rows } = await db.query<{ summary: SummaryFloor }>(
    `WITH ${systemRegister},
     gap AS (
       SELECT code, (CASE WHEN type <> 'INHERITED' AND owner_id IS NULL THEN 1 ELSE 0 END) + (CASE WHEN overall IN ('MISSING', 'EXPIRED') THEN 1 ELSE 0 END) AS reasons
       FROM register)
     SELECT json_build_object(
       'byTypeAndStatus', (SELECT json_object_agg(type, statuses) FROM (
          SELECT type, json_object_agg(status, n) AS statuses FROM (SELECT type, status, count(*) AS n FROM register GROUP BY 1, 2) s GROUP BY type) t),
       'customerHalves', (SELECT count(*) FROM register WHERE type <> 'INHERITED'),
       'withOwner', (SELECT count(*) FROM register WHERE type <> 'INHERITED' AND owner_id IS NOT NULL),
       'evidence', (SELECT json_object_agg(overall, n) FROM (SELECT overall, count(*) AS n FROM register GROUP BY 1) f),
       'reports', (SELECT count(*) FROM "ProviderReport" WHERE "orgId" = $1),
       'frameworks', (SELECT coalesce(json_agg(json_build_object('name', f.name, 'requirements', f.requirements, 'mapped', f.mapped, 'covered', f.covered) ORDER BY f.name), '[]') FROM (
          SELECT fw.name,
            (SELECT count(*) FROM "Requirement" r WHERE r."frameworkId" = fw.id AND r.kind <> 'group' AND NOT r.withdrawn) AS requirements,
            count(DISTINCT cr."requirementId") FILTER (WHERE reg.id IS NOT NULL) AS mapped,
            count(DISTINCT cr."requirementId") FILTER (WHERE reg.status = 'IMPLEMENTED' AND reg.overall IN ('CURRENT', 'EXPIRING')) AS covered
          FROM "Framework" fw
          LEFT JOIN "Requirement" r ON r."frameworkId" = fw.id AND r.kind <> 'group' AND NOT r.withdrawn
          LEFT JOIN "ControlRequirement" cr ON cr."requirementId" = r.id
          LEFT JOIN register reg ON reg.id = cr."controlId"
          WHERE fw."orgId" = $1 GROUP BY fw.id, fw.name) f),
       'gaps', (SELECT coalesce(json_agg(json_build_object('code', code, 'reasons', reasons)), '[]') FROM (
          SELECT code, reasons FROM gap WHERE reasons > 0 ORDER BY reasons DESC, code LIMIT 25) g)
     ) AS summary`,
    [...base(p), systemId],
  );
  return rows[0]!.summary;
}

export type CoverageFloor = {
  applicable: number;
  mapped: number;
  covered: number;
  withdrawn: number;
  rows: { externalId: string; controls: number; covered: boolean }[];
};

/** The framework view's first page through one system: coverage counts and 100 requirements with their mapped controls. */
export async function coverageFloor(db: pg.ClientBase, p: FloorParams, systemId: string, frameworkId: string): Promise<CoverageFloor> {
  const { rows } = await db.query<{ view: CoverageFloor }>(
    `WITH ${systemRegister},
     req AS (
       SELECT r.id, r."externalId", r."sortOrder", r.kind <> 'group' AND NOT r.withdrawn AS applicable, r.withdrawn,
         count(reg.id) AS controls,
         coalesce(bool_or(reg.status = 'IMPLEMENTED' AND reg.overall IN ('CURRENT', 'EXPIRING')), false) AS satisfied
       FROM "Requirement" r
       LEFT JOIN "ControlRequirement" cr ON cr."requirementId" = r.id
       LEFT JOIN register reg ON reg.id = cr."controlId"
       WHERE r."frameworkId" = $6 AND r."orgId" = $1
       GROUP BY r.id)
     SELECT json_build_object(
       'applicable', count(*) FILTER (WHERE applicable),
       'mapped', count(*) FILTER (WHERE applicable AND controls > 0),
       'covered', count(*) FILTER (WHERE applicable AND satisfied),
       'withdrawn', count(*) FILTER (WHERE withdrawn),
       'rows', (SELECT json_agg(json_build_object('externalId', "externalId", 'controls', controls, 'covered', applicable AND satisfied) ORDER BY "sortOrder")
                FROM (SELECT * FROM req ORDER BY "sortOrder" LIMIT 100) page)
     ) AS view FROM req`,
    [...base(p), systemId, frameworkId],
  );
  return rows[0]!.view;
}

/** "My controls": every customer half the user ($5) owns in active systems, with type and freshness. */
export async function myControlsFloor(db: pg.ClientBase, p: FloorParams, userId: string) {
  const owned = registerCte(`
    SELECT i."controlId" AS control_id, i."systemId" AS system_id FROM "ControlImplementation" i
    JOIN "Control" c ON c.id = i."controlId" AND c."archivedAt" IS NULL
    JOIN "System" s ON s.id = i."systemId" AND s."archivedAt" IS NULL
    WHERE i."orgId" = $1 AND i."ownerId" = $5::uuid`);
  const { rows } = await db.query<{ code: string; system_id: string; type: string; status: string; overall: string }>(
    `WITH ${owned} SELECT code, system_id, type, status, overall FROM register ORDER BY code, system_id`,
    [...base(p), userId],
  );
  return rows;
}
