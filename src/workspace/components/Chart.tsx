import type { ReportCount } from '../../shared/workspace-api';
import { w } from '../i18n';

/** One bar: its label and its count as the server gave it (small counts arrive as "<10", protecting ones in reports as "withheld"). */
export interface Bar {
  label: string;
  count: ReportCount;
}

// A suppressed count is drawn at the middle of its range and marked, never as a real figure; a withheld one is not drawn.
const SUPPRESSED_AT = 5;
const valueOf = (count: ReportCount) => (count === '<10' ? SUPPRESSED_AT : count === 'withheld' ? 0 : count);
const text = (count: ReportCount) => (typeof count === 'number' ? count.toLocaleString('en-GB') : count === 'withheld' ? w('reports.withheld') : count);

/** A sentence that says what the chart shows, for its text alternative. */
export function describeBars(title: string, bars: Bar[]): string {
  if (bars.length === 0) return w('charts.emptySummary', { title });
  const parts = bars.map((bar) => `${bar.label}: ${text(bar.count)}`);
  return `${title}. ${parts.join('; ')}.`;
}

/**
 * A bar chart as SVG (role="img", the summary as its name) followed by the same figures as
 * a table, so nothing is only in the picture. Horizontal bars for categories; `vertical` for
 * a time series.
 */
export function BarChart({ id, title, bars, vertical = false, labelHeading }: { id: string; title: string; bars: Bar[]; vertical?: boolean; labelHeading: string }) {
  const max = Math.max(1, ...bars.map((b) => valueOf(b.count)));
  return (
    <figure class="app-ws-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} class="govuk-heading-s">
        {title}
      </figcaption>
      {bars.length === 0 ? (
        <p class="govuk-body">{w('charts.noData')}</p>
      ) : vertical ? (
        <Columns bars={bars} max={max} summary={describeBars(title, bars)} />
      ) : (
        <Rows bars={bars} max={max} summary={describeBars(title, bars)} />
      )}
      {bars.length > 0 && (
        <details class="app-ws-details">
          <summary>{w('charts.showTable', { title })}</summary>
          <table class="govuk-table">
            <caption class="govuk-visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{labelHeading}</th>
                <th scope="col" class="app-ws-num">
                  {w('charts.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.label}>
                  <th scope="row">{bar.label}</th>
                  <td class="app-ws-num">{text(bar.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}

const ROW = 28;
const LABEL_W = 180;
const WIDTH = 600;

function Rows({ bars, max, summary }: { bars: Bar[]; max: number; summary: string }) {
  const height = bars.length * ROW + 4;
  const scale = (WIDTH - LABEL_W - 60) / max;
  return (
    <svg class="app-ws-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      {bars.map((bar, i) => {
        const y = i * ROW + 2;
        const width = Math.max(2, valueOf(bar.count) * scale);
        return (
          <g key={bar.label}>
            <text x={LABEL_W - 8} y={y + ROW / 2 + 5} text-anchor="end" class="app-ws-svg__label">
              {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
            </text>
            <rect x={LABEL_W} y={y + 4} width={width} height={ROW - 8} class={typeof bar.count === 'number' ? 'app-ws-svg__bar' : 'app-ws-svg__bar app-ws-svg__bar--suppressed'} />
            <text x={LABEL_W + width + 6} y={y + ROW / 2 + 5} class="app-ws-svg__label">
              {text(bar.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Columns({ bars, max, summary }: { bars: Bar[]; max: number; summary: string }) {
  const height = 200;
  const plot = height - 40;
  const step = (WIDTH - 20) / bars.length;
  return (
    <svg class="app-ws-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      <line x1="10" y1={plot + 10} x2={WIDTH - 10} y2={plot + 10} class="app-ws-svg__axis" />
      {bars.map((bar, i) => {
        const h = Math.max(2, (valueOf(bar.count) / max) * (plot - 20));
        const x = 10 + i * step;
        const every = Math.ceil(bars.length / 8);
        return (
          <g key={bar.label}>
            <rect x={x + step * 0.15} y={plot + 10 - h} width={step * 0.7} height={h} class={typeof bar.count === 'number' ? 'app-ws-svg__bar' : 'app-ws-svg__bar app-ws-svg__bar--suppressed'} />
            {i % every === 0 && (
              <text x={x + step / 2} y={height - 8} text-anchor="middle" class="app-ws-svg__label">
                {bar.label.slice(5)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
