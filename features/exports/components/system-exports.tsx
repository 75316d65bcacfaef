import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import type { systemExports } from '../cis-crm.data';

type Exports = Awaited<ReturnType<typeof systemExports>>;

const card = 'rounded-lg border border-slate-200 bg-white p-5';
const download =
  'inline-block rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2';
const secondary =
  'inline-block rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2';
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The system's downloads, each with what it holds and who it is for. */
export function SystemExports({ orgSlug, exports: e }: { orgSlug: string; exports: Exports }) {
  const base = `/${orgSlug}/systems/${e.system.id}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/systems`} className="text-brand-600 hover:underline">
          Systems
        </Link>
        <span className="mx-1 text-slate-400">/</span>
        <Link href={base} className="text-brand-600 hover:underline">
          {e.system.name}
        </Link>
      </nav>
      <PageHeader
        title={`Exports: ${e.system.name}`}
        description="Files for assessors, authorizing officials and this system's own customers. Each is built when you download it, from every control's current standing in this system."
      />
      {!e.baselineName && (
        <div className="mb-4">
          <Alert>
            No baseline is set for this system, so the CIS/CRM lists the NIST ids its controls name rather than every control of a baseline.
            Set the system’s baseline (an imported FedRAMP or NIST resolved profile) to list every control of it.
          </Alert>
        </div>
      )}
      <div className="space-y-4">
        <section className={card} aria-labelledby="cis-crm-heading">
          <h2 id="cis-crm-heading" className="text-base font-semibold">
            FedRAMP CIS/CRM workbook
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {e.baselineName ? `Against the baseline ${e.baselineName}. ` : ''}
            The <strong>CIS</strong> (Control Implementation Summary) has one row per control and enhancement with FedRAMP’s implementation
            status and control origination, each marked with an X ({plural(e.cisRows, 'row')}
            {e.unmappedRows ? `, ${plural(e.unmappedRows, 'control')} with no Demarc control mapped` : ''}). Where several Demarc controls
            implement one NIST control they make one row: the least implemented status of those that apply, every origination that applies,
            and the Demarc controls listed. The <strong>CRM</strong> (Customer Responsibility Matrix) lists what this system’s own customers
            must do, from the customers’ part recorded on each control{' '}
            {e.crmRows
              ? `(${plural(e.crmRows, 'row')})`
              : '(none yet: no control records that customers can inherit it only partly or not at all, or what they must do)'}
            . &quot;Customer&quot; means your customers, never what you owe AWS; AWS is the pre-existing authorization the origination
            names.
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <a href={`${base}/exports/cis-crm-xlsx`} download className={download}>
              Download CIS/CRM workbook (XLSX)
            </a>
            <a href={`${base}/exports/cis-crm`} download className={secondary}>
              CIS sheet (CSV)
            </a>
            <a href={`${base}/exports/crm`} download className={secondary}>
              CRM sheet (CSV)
            </a>
          </div>
          <p className="mt-2 text-xs text-slate-500">
            The workbook holds both sheets and an About sheet (the system, its baseline, the leveraged authorization and how rows combine).
            A CSV file holds one table, so each sheet is its own CSV.
          </p>
        </section>
        <section className={card} aria-labelledby="ssp-heading">
          <h2 id="ssp-heading" className="text-base font-semibold">
            OSCAL System Security Plan
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            The system security plan in NIST’s OSCAL JSON format, with AWS as the leveraged authorization, for tools that read OSCAL.
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <a href={`${base}/exports/ssp`} download className={secondary}>
              Download OSCAL SSP (JSON)
            </a>
            <a href={`${base}/exports/ssp-check`} download className={secondary}>
              SSP check (TXT)
            </a>
          </div>
          <p className="mt-2 text-xs text-slate-500">
            The check validates the plan against NIST’s SSP schema and the FedRAMP rev5 rules Demarc applies, one line per rule, as{' '}
            <code>npm run ssp:check</code> prints them. Parameter values come from the system’s Parameters page.
          </p>
        </section>
        <section className={card} aria-labelledby="controls-heading">
          <h2 id="controls-heading" className="text-base font-semibold">
            Controls of this system
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Every Demarc control in words: NIST ids, owner and email, responsibility and why, applicability, both halves, status, evidence
            validity per half and the next review.
          </p>
          <a href={`${base}/exports/controls`} download className={`${secondary} mt-4`}>
            Download controls (CSV)
          </a>
        </section>
      </div>
    </>
  );
}
