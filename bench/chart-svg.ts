/** One scenario's bars. */
export interface ChartBar {
  readonly label: string;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly requestsPerSecond: number;
}

export interface ChartInput {
  readonly title: string;
  readonly subtitle: string;
  readonly bars: readonly ChartBar[];
  /** Dashed reference lines: latency in ms, throughput in req/s. */
  readonly latencyLines: readonly { value: number; label: string }[];
  readonly throughputLines: readonly { value: number; label: string }[];
}

const WIDTH = 980;
const HEIGHT = 440;
const TOP = 70;
const BOTTOM = 360;
const COLORS = { p50: '#9ecae1', p90: '#4292c6', p99: '#08519c', rps: '#41ab5d', line: '#d62728' };

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const fmt = (value: number) =>
  value >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(2)));

/** A round axis maximum and step (1, 2 or 5 × a power of ten) above `max`. */
function niceScale(max: number): { top: number; step: number } {
  const raw = Math.max(max, 1e-9) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return { top: Math.ceil(max / step) * step || step, step };
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escape(content)}</text>`;
}

interface Panel {
  readonly left: number;
  readonly right: number;
  readonly title: string;
  readonly unit: string;
  readonly series: readonly { key: keyof ChartBar; color: string; name: string }[];
  readonly lines: readonly { value: number; label: string }[];
}

function panel(p: Panel, bars: readonly ChartBar[]): string[] {
  const values = bars.flatMap((b) => p.series.map((s) => b[s.key] as number));
  const { top, step } = niceScale(Math.max(...values, ...p.lines.map((l) => l.value)));
  const y = (v: number) => BOTTOM - (v / top) * (BOTTOM - TOP);
  const out: string[] = [text(p.left, TOP - 20, p.title, 'font-weight="bold"')];
  for (let v = 0; v <= top + step / 2; v += step) {
    out.push(
      `<line x1="${p.left}" x2="${p.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e5e5"/>`,
      text(p.left - 6, y(v) + 4, `${fmt(v)}`, 'text-anchor="end" font-size="11"'),
    );
  }
  out.push(text(p.left - 44, TOP - 4, p.unit, 'font-size="11" fill="#555"'));
  const group = (p.right - p.left) / Math.max(bars.length, 1);
  const barWidth = Math.min(26, (group * 0.8) / p.series.length);
  bars.forEach((bar, i) => {
    const start = p.left + i * group + (group - barWidth * p.series.length) / 2;
    p.series.forEach((s, j) => {
      const value = bar[s.key] as number;
      const x = start + j * barWidth;
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" ` +
          `height="${(BOTTOM - y(value)).toFixed(1)}" fill="${s.color}"><title>${escape(`${bar.label} ${s.name}: ${fmt(value)} ${p.unit}`)}</title></rect>`,
        text(x + barWidth / 2 - 1, y(value) - 3, fmt(value), 'text-anchor="middle" font-size="9"'),
      );
    });
    out.push(
      text(
        p.left + i * group + group / 2,
        BOTTOM + 16,
        bar.label,
        'text-anchor="middle" font-size="11"',
      ),
    );
  });
  for (const line of p.lines) {
    out.push(
      `<line x1="${p.left}" x2="${p.right}" y1="${y(line.value).toFixed(1)}" y2="${y(line.value).toFixed(1)}" ` +
        `stroke="${COLORS.line}" stroke-dasharray="5,4"/>`,
      text(
        p.right,
        y(line.value) - 4,
        line.label,
        `text-anchor="end" font-size="10" fill="${COLORS.line}"`,
      ),
    );
  }
  out.push(
    `<line x1="${p.left}" x2="${p.right}" y1="${BOTTOM}" y2="${BOTTOM}" stroke="#333"/>`,
    `<line x1="${p.left}" x2="${p.left}" y1="${TOP}" y2="${BOTTOM}" stroke="#333"/>`,
  );
  return out;
}

/** Latency percentiles and throughput per scenario, as a self-contained SVG (no dependencies). */
export function renderChart(input: ChartInput): string {
  const latency = panel(
    {
      left: 70,
      right: 560,
      title: 'Latency percentiles',
      unit: 'ms',
      series: [
        { key: 'p50', color: COLORS.p50, name: 'p50' },
        { key: 'p90', color: COLORS.p90, name: 'p90' },
        { key: 'p99', color: COLORS.p99, name: 'p99' },
      ],
      lines: input.latencyLines,
    },
    input.bars,
  );
  const throughput = panel(
    {
      left: 650,
      right: 950,
      title: 'Throughput',
      unit: 'req/s',
      series: [{ key: 'requestsPerSecond', color: COLORS.rps, name: 'throughput' }],
      lines: input.throughputLines,
    },
    input.bars,
  );
  const legend = [
    ['p50', COLORS.p50],
    ['p90', COLORS.p90],
    ['p99', COLORS.p99],
    ['req/s', COLORS.rps],
    ['target', COLORS.line],
  ]
    .map(
      ([name, color], i) =>
        `<rect x="${70 + i * 90}" y="${BOTTOM + 40}" width="12" height="12" fill="${color}"/>` +
        text(70 + i * 90 + 18, BOTTOM + 50, name!, 'font-size="11"'),
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    text(20, 24, input.title, 'font-size="16" font-weight="bold"'),
    text(20, 42, input.subtitle, 'font-size="11" fill="#555"'),
    ...latency,
    ...throughput,
    legend,
    '</svg>',
    '',
  ].join('\n');
}
