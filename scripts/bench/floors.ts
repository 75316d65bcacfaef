// The benchmark's floors: for each measured page, one hand-written SQL query that computes the
// same figures the page shows, under the same derivation (features/controls/status.policy.ts):
// effective types, applicability, both halves, the overall status, evidence freshness, owners and
// coverage. A page's time over its floor's is what the app adds: Prisma, the policies, React
// rendering. The integration test checks that each floor agrees with the app's data functions.
import type pg from 'pg';

export type FloorParams = { orgId: string; today: Date; expiringWindowDays: number; reportGraceDays: number };

/** Freshness states, worst first. */
const STATES = `ARRAY['MISSING', 'EXPIRED', 'EXPIRING', 'CURRENT']`;
/** A customer half's statuses, weakest first (an AWS half not implemented counts as not started). */
const STATUSES = `ARRAY['NOT_STARTED', 'PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED']`;
const state = (until: string) =>
  `CASE WHEN ${until} IS NULL THEN 'MISSING' WHEN ${until} < $2::date THEN 'EXPIRED' WHEN ${until} - $2::date <= $3::int THEN 'EXPIRING' ELSE 'CURRENT' END`;
const rank = (type: string) => `CASE ${type} WHEN 'CUSTOMER' THEN 3 WHEN 'SHARED' THEN 2 ELSE 1 END`;

/**
 * The register of (control, system) pairs chosen by `pairs` (columns control_id, system_id), as
 * CTEs ending in "register". Parameters: $1 org, $2 today, $3 expiring window, $4 report grace.
 * Columns of "register": the control's fields, type, applies and not_applicable_by ('service' or
 * 'owner'), owner_id and owner_name, aws (the AWS half's state) and report (its covering report),
 * customer (the customer half's status), customer_state and overall (freshness), status, satisfied.
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
    SELECT DISTINCT ON (ec."controlId") ec."controlId" AS control_id, r."periodEnd" AS latest, r."artifactReportId" AS report
    FROM "EvidenceControl" ec
    JOIN "ProviderReport" r ON r."evidenceId" = ec."evidenceId" AND r."orgId" = ec."orgId" AND r."supersededById" IS NULL
    JOIN "Evidence" e ON e.id = r."evidenceId" AND e."reviewState" = 'ACCEPTED'
    WHERE ec."orgId" = $1 AND ec."controlId" IN (SELECT control_id FROM pairs)
    ORDER BY ec."controlId", r."periodEnd" DESC, r."artifactReportId"),
  typed AS (
    SELECT c.id, p.system_id, c.code, c.title, c.family,
      (ARRAY['INHERITED', 'SHARED', 'CUSTOMER'])[coalesce(line.rank, ${rank('c."defaultType"')})] AS type,
      CASE WHEN cardinality(c."appliesTo") > 0 AND NOT EXISTS (
          SELECT 1 FROM "SystemService" ss WHERE ss."systemId" = p.system_id AND ss."serviceCode" = ANY (c."appliesTo")) THEN 'service'
        WHEN i.status = 'NOT_APPLICABLE' THEN 'owner' END AS not_applicable_by,
      i.status::text AS recorded, i."ownerId" AS owner_id, u.name AS owner_name,
      (cust.latest + CASE c.cadence WHEN 'MONTHLY' THEN interval '1 month' WHEN 'QUARTERLY' THEN interval '3 months'
        WHEN 'SEMI_ANNUAL' THEN interval '6 months' ELSE interval '1 year' END)::date AS customer_until,
      rep.latest + $4::int AS aws_until, rep.report
    FROM pairs p
    JOIN "Control" c ON c.id = p.control_id
    LEFT JOIN line ON line.control_id = c.id AND line.system_id = p.system_id
    LEFT JOIN "ControlImplementation" i ON i."controlId" = c.id AND i."systemId" = p.system_id
    LEFT JOIN "User" u ON u.id = i."ownerId"
    LEFT JOIN cust ON cust.control_id = c.id AND cust.system_id = p.system_id
    LEFT JOIN rep ON rep.control_id = c.id),
  fresh AS (
    SELECT typed.*, not_applicable_by IS NULL AS applies,
      CASE WHEN type = 'CUSTOMER' THEN NULL ELSE ${state('aws_until')} END AS aws_state,
      CASE WHEN type = 'INHERITED' THEN NULL ELSE ${state('customer_until')} END AS customer_state
    FROM typed),
  halves AS (
    SELECT fresh.*,
      (${STATES})[coalesce(least(array_position(${STATES}, aws_state), array_position(${STATES}, customer_state)), 1)] AS overall,
      CASE WHEN applies AND type <> 'CUSTOMER' THEN
        CASE aws_state WHEN 'MISSING' THEN 'NO_REPORT' WHEN 'EXPIRED' THEN 'REPORT_EXPIRED' ELSE 'IMPLEMENTED' END END AS aws,
      CASE WHEN applies AND type <> 'INHERITED' THEN coalesce(recorded, 'NOT_STARTED') END AS customer
    FROM fresh),
  graded AS (
    SELECT halves.*,
      CASE WHEN NOT applies THEN 'NOT_APPLICABLE' ELSE (${STATUSES})[coalesce(least(
        CASE WHEN aws IS NULL THEN NULL WHEN aws = 'IMPLEMENTED' THEN 4 ELSE 1 END,
        array_position(${STATUSES}, customer)), 4)] END AS status
    FROM halves),
  register AS (
    SELECT graded.*, status = 'IMPLEMENTED' AND overall IN ('CURRENT', 'EXPIRING') AS satisfied
    FROM graded)`;
}

/** Every active control of the organization through one system ($5). */
const systemRegister = registerCte(
  `SELECT c.id AS control_id, $5::uuid AS system_id FROM "Control" c WHERE c."orgId" = $1 AND c."archivedAt" IS NULL`,
);

/**
 * Mappings as they count, as a CTE "counted" (requirement_id, control_id, each pair once) for the
 * requirements of a CTE "req" (id, external_id, source): their own, and for a baseline
 * ('oscal-profile'), those of the requirement with the same id in the org's OSCAL catalogs.
 */
const countedMappings = `
  counted AS (
    SELECT cr."requirementId" AS requirement_id, cr."controlId" AS control_id
    FROM req JOIN "ControlRequirement" cr ON cr."requirementId" = req.id AND cr."orgId" = $1
    UNION
    SELECT req.id, cr."controlId"
    FROM req
    JOIN "Requirement" cat ON cat."orgId" = $1 AND cat."externalId" = req.external_id
    JOIN "Framework" cf ON cf.id = cat."frameworkId" AND cf."orgId" = $1 AND cf.source = 'oscal-catalog'
    JOIN "ControlRequirement" cr ON cr."requirementId" = cat.id AND cr."orgId" = $1
    WHERE req.source = 'oscal-profile')`;

/** A requirement's coverage from its counted mappings joined to the register as "reg" (grouped by requirement). */
const coverageState = `
  CASE WHEN count(reg.id) = 0 THEN 'UNMAPPED'
    WHEN NOT coalesce(bool_or(reg.applies), false) THEN 'NOT_APPLICABLE'
    WHEN bool_and(reg.satisfied OR NOT reg.applies) THEN 'COVERED'
    WHEN bool_or(reg.satisfied) THEN 'PARTIAL'
    ELSE 'NOT_COVERED' END`;

/** Coverage counts of the rows of `from` (a column "state") as a JSON object with every state. */
const stateCounts = (column: string) =>
  `json_build_object(${['COVERED', 'PARTIAL', 'NOT_COVERED', 'NOT_APPLICABLE', 'UNMAPPED']
    .map((s) => `'${s}', count(*) FILTER (WHERE ${column} = '${s}')`)
    .join(', ')})`;

const base = (p: FloorParams) => [p.orgId, p.today.toISOString().slice(0, 10), p.expiringWindowDays, p.reportGraceDays];

export type RegisterPageFilter = { type?: string; evidence?: string };

export type FloorRegisterRow = {
  code: string;
  title: string;
  family: string;
  type: string;
  /** The customer half's owner (null where there is no customer half). */
  owner_name: string | null;
  /** The derived overall status. */
  status: string;
  /** Why the control does not apply here ('service' or 'owner'), or null. */
  applicability: string | null;
  /** The AWS half's state and the report covering it. */
  aws: string | null;
  report: string | null;
  /** The customer half's status. */
  customer: string | null;
  /** Evidence freshness, for controls that apply. */
  overall: string | null;
};

/** The control register's page: 50 rows in code order, and the number of matching controls. */
export async function registerPageFloor(db: pg.ClientBase, p: FloorParams, systemId: string, filter: RegisterPageFilter = {}, page = 1) {
  const { rows } = await db.query<FloorRegisterRow & { total: string }>(
    `WITH ${systemRegister}
     SELECT code, title, family, type, CASE WHEN customer IS NOT NULL THEN owner_name END AS owner_name, status,
       not_applicable_by AS applicability, aws, CASE WHEN aws IS NOT NULL THEN report END AS report, customer,
       CASE WHEN applies THEN overall END AS overall, count(*) OVER () AS total
     FROM register
     WHERE ($6::text IS NULL OR (type = $6 AND applies)) AND ($7::text IS NULL OR (overall = $7 AND applies))
     ORDER BY code LIMIT 50 OFFSET $8`,
    [...base(p), systemId, filter.type ?? null, filter.evidence ?? null, (page - 1) * 50],
  );
  return { total: Number(rows[0]?.total ?? 0), rows: rows.map(({ total: _, ...row }) => row) };
}

export type SummaryFloor = {
  controls: { total: number; applicable: number };
  /** Applicable controls by type and chart cell (inherited: the AWS half's state; else the status). */
  byTypeAndStatus: Record<string, Record<string, number>>;
  customerHalves: number;
  withOwner: number;
  /** Evidence freshness of the applicable controls. */
  evidence: Record<string, number>;
  reports: number;
  frameworks: { name: string; requirements: number; mapped: number; states: Record<string, number> }[];
  gaps: { code: string; reasons: number }[];
  gapCount: number;
};

/**
 * The system summary's figures: applicable controls by type and status, owners of customer
 * halves, freshness, reports, coverage states per framework, the top gaps and their reasons.
 */
export async function summaryFloor(db: pg.ClientBase, p: FloorParams, systemId: string): Promise<SummaryFloor> {
  const { rows } = await db.query<{ summary: SummaryFloor }>(
    `WITH ${systemRegister},
     applicable AS (SELECT * FROM register WHERE applies),
     gap AS (
       SELECT code,
         (CASE WHEN customer IS NOT NULL AND owner_id IS NULL THEN 1 ELSE 0 END)
         + (CASE WHEN aws IS NOT NULL AND aws <> 'IMPLEMENTED' THEN 1 ELSE 0 END)
         + (CASE WHEN customer IS NOT NULL AND customer <> 'IMPLEMENTED' THEN 1 ELSE 0 END)
         + (CASE WHEN customer_state IN ('MISSING', 'EXPIRED') THEN 1 ELSE 0 END) AS reasons
       FROM applicable),
     req AS (
       SELECT r.id, r."frameworkId" AS framework_id, r."externalId" AS external_id, f.source
       FROM "Requirement" r JOIN "Framework" f ON f.id = r."frameworkId"
       WHERE r."orgId" = $1 AND r.kind <> 'group' AND NOT r.withdrawn),
     ${countedMappings},
     req_state AS (
       SELECT req.framework_id, ${coverageState} AS state
       FROM req LEFT JOIN counted m ON m.requirement_id = req.id LEFT JOIN register reg ON reg.id = m.control_id
       GROUP BY req.id, req.framework_id)
     SELECT json_build_object(
       'controls', json_build_object('total', (SELECT count(*) FROM register), 'applicable', (SELECT count(*) FROM applicable)),
       'byTypeAndStatus', (SELECT coalesce(json_object_agg(type, cells), '{}') FROM (
          SELECT type, json_object_agg(cell, n) AS cells FROM (
            SELECT type, CASE WHEN type = 'INHERITED' THEN aws ELSE status END AS cell, count(*) AS n FROM applicable GROUP BY 1, 2) s
          GROUP BY type) t),
       'customerHalves', (SELECT count(*) FROM applicable WHERE customer IS NOT NULL),
       'withOwner', (SELECT count(*) FROM applicable WHERE customer IS NOT NULL AND owner_id IS NOT NULL),
       'evidence', (SELECT coalesce(json_object_agg(overall, n), '{}') FROM (SELECT overall, count(*) AS n FROM applicable GROUP BY 1) f),
       'reports', (SELECT count(*) FROM "ProviderReport" WHERE "orgId" = $1),
       'frameworks', (SELECT coalesce(json_agg(f ORDER BY f.name), '[]') FROM (
          SELECT fw.name, count(rs.state) AS requirements, count(*) FILTER (WHERE rs.state <> 'UNMAPPED') AS mapped,
            ${stateCounts('rs.state')} AS states
          FROM "Framework" fw LEFT JOIN req_state rs ON rs.framework_id = fw.id
          WHERE fw."orgId" = $1 GROUP BY fw.id, fw.name) f),
       'gaps', (SELECT coalesce(json_agg(json_build_object('code', code, 'reasons', reasons)), '[]') FROM (
          SELECT code, reasons FROM gap WHERE reasons > 0 ORDER BY reasons DESC, code LIMIT 25) g),
       'gapCount', (SELECT count(*) FROM gap WHERE reasons > 0)
     ) AS summary`,
    [...base(p), systemId],
  );
  return rows[0]!.summary;
}

export type CoverageFloor = {
  /** Requirements that can be covered (neither groups nor withdrawn). */
  requirements: number;
  mapped: number;
  withdrawn: number;
  states: Record<string, number>;
  /** The first page: each requirement's mapped active controls and coverage (null for groups and withdrawn ones). */
  rows: { externalId: string; controls: number; coverage: string | null }[];
};

/** The framework view's first page through one system: coverage counts and 100 requirements with their mapped controls. */
export async function coverageFloor(db: pg.ClientBase, p: FloorParams, systemId: string, frameworkId: string): Promise<CoverageFloor> {
  const { rows } = await db.query<{ view: CoverageFloor }>(
    `WITH ${systemRegister},
     req AS (
       SELECT r.id, r."externalId" AS external_id, r."sortOrder", r.kind <> 'group' AND NOT r.withdrawn AS applicable, r.withdrawn, f.source
       FROM "Requirement" r JOIN "Framework" f ON f.id = r."frameworkId"
       WHERE r."frameworkId" = $6 AND r."orgId" = $1),
     ${countedMappings},
     req_state AS (
       SELECT req.id, req.external_id, req."sortOrder", req.applicable, req.withdrawn, count(reg.id) AS controls,
         CASE WHEN req.applicable THEN ${coverageState} END AS state
       FROM req LEFT JOIN counted m ON m.requirement_id = req.id LEFT JOIN register reg ON reg.id = m.control_id
       GROUP BY req.id, req.external_id, req."sortOrder", req.applicable, req.withdrawn)
     SELECT json_build_object(
       'requirements', count(*) FILTER (WHERE applicable),
       'mapped', count(*) FILTER (WHERE applicable AND state <> 'UNMAPPED'),
       'withdrawn', count(*) FILTER (WHERE withdrawn),
       'states', ${stateCounts('state')},
       'rows', (SELECT json_agg(json_build_object('externalId', external_id, 'controls', controls, 'coverage', state) ORDER BY "sortOrder")
                FROM (SELECT * FROM req_state ORDER BY "sortOrder" LIMIT 100) page)
     ) AS view FROM req_state`,
    [...base(p), systemId, frameworkId],
  );
  return rows[0]!.view;
}

export type OverviewFloor = {
  /** Per active system, by name: readiness (applicable controls satisfied, over those that apply). */
  systems: { id: string; implemented: number; applicable: number }[];
  /** Per active system and framework: requirements covered, over those that can be covered (not "not applicable"). */
  frameworks: { systemId: string; frameworkId: string; covered: number; of: number }[];
};

/** The overview's figures: every active system's readiness, and each framework's covered share through each of them. */
export async function overviewFloor(db: pg.ClientBase, p: FloorParams): Promise<OverviewFloor> {
  const { rows } = await db.query<{ overview: OverviewFloor }>(
    `WITH ${registerCte(
      `SELECT c.id AS control_id, s.id AS system_id FROM "Control" c
       JOIN "System" s ON s."orgId" = c."orgId" AND s."archivedAt" IS NULL
       WHERE c."orgId" = $1 AND c."archivedAt" IS NULL`,
    )},
     req AS (
       SELECT r.id, r."frameworkId" AS framework_id, r."externalId" AS external_id, f.source
       FROM "Requirement" r JOIN "Framework" f ON f.id = r."frameworkId"
       WHERE r."orgId" = $1 AND r.kind <> 'group' AND NOT r.withdrawn),
     ${countedMappings},
     req_state AS (
       SELECT s.id AS system_id, req.framework_id, ${coverageState} AS state
       FROM "System" s CROSS JOIN req
       LEFT JOIN counted m ON m.requirement_id = req.id
       LEFT JOIN register reg ON reg.id = m.control_id AND reg.system_id = s.id
       WHERE s."orgId" = $1 AND s."archivedAt" IS NULL
       GROUP BY s.id, req.id, req.framework_id)
     SELECT json_build_object(
       'systems', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'implemented', coalesce(r.implemented, 0), 'applicable', coalesce(r.applicable, 0)) ORDER BY s.name), '[]')
         FROM "System" s
         LEFT JOIN (SELECT system_id, count(*) FILTER (WHERE applies AND satisfied) AS implemented, count(*) FILTER (WHERE applies) AS applicable
                    FROM register GROUP BY system_id) r ON r.system_id = s.id
         WHERE s."orgId" = $1 AND s."archivedAt" IS NULL),
       'frameworks', (SELECT coalesce(json_agg(f ORDER BY f."systemId", f."frameworkId"), '[]') FROM (
         SELECT system_id AS "systemId", framework_id AS "frameworkId",
           count(*) FILTER (WHERE state = 'COVERED') AS covered, count(*) FILTER (WHERE state <> 'NOT_APPLICABLE') AS of
         FROM req_state GROUP BY system_id, framework_id) f)
     ) AS overview`,
    base(p),
  );
  return rows[0]!.overview;
}

/** "My controls": every customer half the user ($5) owns in active systems, with its halves, status and freshness. */
export async function myControlsFloor(db: pg.ClientBase, p: FloorParams, userId: string) {
  const owned = registerCte(`
    SELECT i."controlId" AS control_id, i."systemId" AS system_id FROM "ControlImplementation" i
    JOIN "Control" c ON c.id = i."controlId" AND c."archivedAt" IS NULL
    JOIN "System" s ON s.id = i."systemId" AND s."archivedAt" IS NULL
    WHERE i."orgId" = $1 AND i."ownerId" = $5::uuid`);
  const { rows } = await db.query<{
    code: string;
    system_id: string;
    type: string;
    status: string;
    aws: string | null;
    customer: string;
    overall: string;
  }>(
    `WITH ${owned}
     SELECT code, system_id, type, status, aws, customer, overall FROM register WHERE customer IS NOT NULL ORDER BY code, system_id`,
    [...base(p), userId],
  );
  return rows;
}
