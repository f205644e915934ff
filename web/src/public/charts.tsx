import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Small accessible SVG charts written for the transparency page: each is a <figure> whose SVG has a <title> and a
 * <desc>, with a legend in HTML and the same numbers in a data table (in a <details>, stacked on a phone), so the
 * figures never depend on seeing the chart. No library: a few rectangles and texts.
 */

/** Okabe–Ito: told apart with the common kinds of colour blindness; each against white >= 3:1 except the yellow. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#000000', '#999933'];

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** viewBox width: about a phone's width, so the text is near its real size there; wider screens scale it up. */
const WIDTH = 400;
const INK = '#0b0c0c';
const MUTED = '#4b4f52';

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="public-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.name}>
          <span className="public-swatch" style={{ background: s.color }} />
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/** The chart's numbers as a table: rows are the categories, columns the series. */
export function DataTable({
  caption,
  rowHeader,
  rows,
  series,
  format,
}: {
  caption: string;
  rowHeader: string;
  rows: string[];
  series: Series[];
  format: (n: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <details className="public-data-table">
      <summary>{t('statistics.showTable', { chart: caption })}</summary>
      <div className="table-wrap">
        <table className="stack">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {series.map((s) => (
                <th scope="col" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row}>
                <th scope="row" data-label={rowHeader}>
                  {row}
                </th>
                {series.map((s) => (
                  <td key={s.name} data-label={s.name}>
                    {format(s.values[i] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Figure({
  title,
  summary,
  series,
  height,
  children,
  table,
}: {
  title: string;
  summary: string;
  series: Series[];
  height: number;
  children: ReactNode;
  table: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="public-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        style={{ maxWidth: WIDTH * 1.5 }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {children}
      </svg>
      {series.length > 1 && <Legend series={series} />}
      {table}
    </figure>
  );
}

/**
 * Columns per category (months), the series stacked: e.g. filings per month, one colour per agency.
 */
export function StackedColumns({
  title,
  summary,
  categories,
  labels,
  series,
  rowHeader,
  format,
}: {
  title: string;
  summary: string;
  /** The rows of the data table (e.g. "enero de 2026"). */
  categories: string[];
  /** Under each column, one or two short lines (e.g. "ene" and "26"). */
  labels: [string, string?][];
  series: Series[];
  rowHeader: string;
  format: (n: number) => string;
}) {
  const height = 240;
  const left = 30;
  const bottom = 36;
  const top = 8;
  const plot = height - top - bottom;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const band = (WIDTH - left) / Math.max(1, categories.length);
  const bar = Math.max(4, band * 0.7);
  const y = (v: number) => top + plot - (v / max) * plot;
  return (
    <Figure
      title={title}
      summary={summary}
      series={series}
      height={height}
      table={<DataTable caption={title} rowHeader={rowHeader} rows={categories} series={series} format={format} />}
    >
      {[0, max / 2, max].map((tick) => (
        <g key={tick}>
          <line x1={left} x2={WIDTH} y1={y(tick)} y2={y(tick)} stroke="#d8d8d8" />
          <text x={left - 4} y={y(tick) + 4} textAnchor="end" fontSize="11" fill={MUTED}>
            {format(tick)}
          </text>
        </g>
      ))}
      {categories.map((category, i) => {
        let base = 0;
        const x = left + i * band + (band - bar) / 2;
        return (
          <g key={category}>
            {series.map((s) => {
              const v = s.values[i] ?? 0;
              const rect = (
                <rect key={s.name} x={x} width={bar} y={y(base + v)} height={y(base) - y(base + v)} fill={s.color} />
              );
              base += v;
              return rect;
            })}
            {labels[i]?.map(
              (text, n) =>
                text && (
                  <text
                    key={text}
                    x={x + bar / 2}
                    y={height - 22 + n * 14}
                    textAnchor="middle"
                    fontSize="11"
                    fill={INK}
                  >
                    {text}
                  </text>
                ),
            )}
          </g>
        );
      })}
    </Figure>
  );
}

/**
 * Horizontal bars, one group per category (agencies), its label above: grouped (median and p90 side by side) or
 * stacked (outcomes adding up to the whole).
 */
export function Bars({
  title,
  summary,
  categories,
  series,
  rowHeader,
  format,
  stacked = false,
  max: fixedMax,
}: {
  title: string;
  summary: string;
  categories: string[];
  series: Series[];
  rowHeader: string;
  format: (n: number) => string;
  stacked?: boolean;
  max?: number;
}) {
  const barHeight = 18;
  const gap = 4;
  const label = 20;
  const bars = stacked ? 1 : series.length;
  const group = label + bars * (barHeight + gap) + 10;
  const height = Math.max(group * categories.length, 40);
  const right = 64;
  const totals = categories.map((_, i) =>
    stacked
      ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
      : Math.max(0, ...series.map((s) => s.values[i] ?? 0)),
  );
  const max = fixedMax ?? niceMax(Math.max(0, ...totals));
  const scale = (v: number) => (v / max) * (WIDTH - right);
  return (
    <Figure
      title={title}
      summary={summary}
      series={series}
      height={height}
      table={<DataTable caption={title} rowHeader={rowHeader} rows={categories} series={series} format={format} />}
    >
      {categories.map((category, i) => {
        const top = i * group;
        let offset = 0;
        return (
          <g key={category}>
            <text x={0} y={top + 14} fontSize="13" fontWeight="700" fill={INK}>
              {category}
            </text>
            {series.map((s, j) => {
              const v = s.values[i] ?? 0;
              const y = top + label + (stacked ? 0 : j * (barHeight + gap));
              const x = stacked ? offset : 0;
              offset += scale(v);
              return (
                <g key={s.name}>
                  <rect x={x} y={y} width={scale(v)} height={barHeight} fill={s.color} />
                  {!stacked && (
                    <text x={scale(v) + 4} y={y + 13} fontSize="12" fill={INK}>
                      {format(v)}
                    </text>
                  )}
                </g>
              );
            })}
            {stacked && (
              <text x={offset + 4} y={top + label + 13} fontSize="12" fill={INK}>
                {format(totals[i] ?? 0)}
              </text>
            )}
          </g>
        );
      })}
    </Figure>
  );
}
