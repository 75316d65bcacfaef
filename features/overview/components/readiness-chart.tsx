'use client';

import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';

export type ReadinessBar = { name: string; percent: number | null; text: string };

/**
 * Readiness per system as horizontal bars, each labelled with its figure in words ("42% — 21 of
 * 50"), striped so it reads without colour; the same numbers are in the table beside it.
 */
export function ReadinessChart({ bars }: { bars: ReadinessBar[] }) {
  const label = `Readiness by system: ${bars.map((b) => `${b.name} ${b.text}`).join('; ')}`;
  return (
    <figure role="img" aria-label={label} className="rounded-lg border border-slate-200 bg-white p-4">
      <div style={{ height: Math.max(120, bars.length * 48 + 40) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bars.map((b) => ({ ...b, value: b.percent ?? 0 }))} layout="vertical" margin={{ left: 8, right: 140 }}>
            <defs>
              <pattern id="readiness-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#15803d" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2" />
              </pattern>
            </defs>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
            <YAxis type="category" dataKey="name" width={140} />
            <Bar dataKey="value" fill="url(#readiness-stripes)" stroke="#14532d" isAnimationActive={false}>
              <LabelList dataKey="text" position="right" className="fill-slate-700 text-xs" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-slate-500">
        Share of the controls that apply to each system that are implemented, both halves, with current evidence and no failing check.
      </figcaption>
    </figure>
  );
}
