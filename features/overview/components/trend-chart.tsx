'use client';

import { useId, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { inputClass } from '@/components/ui/field';
import type { TrendSeries } from '../overview.policy';

const text = (p: TrendSeries['points'][number]) =>
  p.percent === null ? '— (nothing applies)' : `${p.percent}% (${p.implemented} of ${p.applicable})`;

/** One series of the 90-day trend at a time, chosen in a labelled select; its days are also listed as a table. */
export function TrendChart({ series }: { series: TrendSeries[] }) {
  const selectId = useId();
  const [key, setKey] = useState(series[0]?.key ?? '');
  const current = series.find((s) => s.key === key) ?? series[0];
  if (!current) return null;
  const first = current.points[0];
  const last = current.points.at(-1);
  const summary =
    first && last
      ? `${current.label}: ${text(first)} on ${first.day}, ${text(last)} on ${last.day}, ${current.points.length} days recorded`
      : `${current.label}: no day recorded yet`;
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="text-sm font-medium text-slate-700">
          Show
        </label>
        <select id={selectId} value={current.key} onChange={(e) => setKey(e.target.value)} className={`${inputClass} max-w-md`}>
          {series.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <p className="text-sm text-slate-600">{summary}</p>
      {current.points.length < 2 ? (
        <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">
          The trend starts {first ? `on ${first.day}` : 'with the first daily recording'}: a line appears once a second day is recorded.
        </p>
      ) : (
        <figure role="img" aria-label={summary} style={{ height: 240 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={current.points.map((p) => ({ ...p, value: p.percent }))} margin={{ left: 8, right: 24, top: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" minTickGap={24} />
              <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
              <Tooltip formatter={(_value, _name, item) => [text(item.payload as TrendSeries['points'][number]), 'Readiness']} />
              <Line type="stepAfter" dataKey="value" stroke="#1d4ed8" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
      {current.points.length > 0 && (
        <details>
          <summary className="cursor-pointer text-sm text-brand-600">The figures as a table</summary>
          <table className="mt-2 w-full text-left text-sm">
            <caption className="sr-only">{current.label}, per day</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-2 py-1">
                  Day (UTC)
                </th>
                <th scope="col" className="px-2 py-1">
                  Figure
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {[...current.points].reverse().map((p) => (
                <tr key={p.day}>
                  <td className="px-2 py-1 font-mono text-xs">{p.day}</td>
                  <td className="px-2 py-1">{text(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
