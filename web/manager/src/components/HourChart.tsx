import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StatsSample } from '../../../../server/protocol/manager.ts';
import { formatBytes, formatClock, formatInt, formatMs, formatPercent } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { hourPoints, niceMax, type Metric, type Point } from '../lib/series.ts';

const METRICS: { id: Metric; label: string; format(v: number): string }[] = [
  { id: 'connections', label: t.connections, format: formatInt },
  { id: 'onlineUsers', label: t.onlineUsers, format: formatInt },
  { id: 'messages', label: t.messagesPerMin, format: formatInt },
  { id: 'httpRequests', label: t.requestsPerMin, format: formatInt },
  { id: 'cpuPercent', label: t.cpu, format: formatPercent },
  { id: 'rssBytes', label: t.memory, format: formatBytes },
  { id: 'eventLoopDelayMs', label: t.loopDelay, format: formatMs },
];

const HOUR = 3_600_000;
const H = 180;
const PAD = { left: 56, right: 14, top: 12, bottom: 26 };

function useWidth<T extends Element>(): [RefObject<T>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(240, Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function HourChart({ minutes, seconds, now }: { minutes: StatsSample[]; seconds: StatsSample[]; now: number }) {
  const [metric, setMetric] = useState<Metric>('connections');
  const [hover, setHover] = useState<Point | null>(null);
  const [ref, width] = useWidth<HTMLDivElement>();
  const spec = METRICS.find((m) => m.id === metric)!;
  const points = hourPoints(minutes, seconds, metric, now);
  const top = niceMax(Math.max(0, ...points.map((p) => p.v)));

  // A half-way line only when it reads as a different number (a scale of 0–1 people has none).
  const half = spec.format(top / 2);
  const ticks = half === spec.format(0) || half === spec.format(top) ? [0, top] : [0, top / 2, top];

  const plotW = width - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (time: number) => PAD.left + ((time - (now - HOUR)) / HOUR) * plotW;
  const y = (v: number) => PAD.top + plotH - (Math.max(0, v) / top) * plotH;
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)} ${y(p.v).toFixed(1)}`).join(' ');
  const first = points[0];
  const last = points.at(-1);
  const area = first && last ? `${line} L${x(last.t).toFixed(1)} ${y(0)} L${x(first.t).toFixed(1)} ${y(0)} Z` : '';

  const onMove = (event: MouseEvent) => {
    const box = (event.currentTarget as SVGElement).getBoundingClientRect();
    const time = now - HOUR + ((event.clientX - box.left - PAD.left) / plotW) * HOUR;
    let best: Point | null = null;
    for (const p of points) if (!best || Math.abs(p.t - time) < Math.abs(best.t - time)) best = p;
    setHover(best);
  };

  return (
    <section class="card hour-card" aria-labelledby="hour-title" data-testid="hour-chart">
      <div class="card-head">
        <h2 id="hour-title" class="card-title">
          {t.hourTitle}
        </h2>
        <div class="segmented" role="tablist">
          {METRICS.map((m) => (
            <button
              key={m.id}
              type="button"
              role="tab"
              aria-selected={m.id === metric}
              class={m.id === metric ? 'active' : ''}
              data-testid={`hour-metric-${m.id}`}
              onClick={() => setMetric(m.id)}
            >
              {m.label}
            </button>
          ))}
        </div>
      </div>
      <div class="hour-plot" ref={ref}>
        <svg width={width} height={H} onMouseMove={onMove} onMouseLeave={() => setHover(null)} data-points={points.length}>
          {ticks.map((v) => (
            <g key={v}>
              <line class="grid" x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} />
              <text class="axis" x={PAD.left - 8} y={y(v) + 4} text-anchor="end">
                {spec.format(v)}
              </text>
            </g>
          ))}
          {(width < 480 ? [60, 30, 0] : [60, 45, 30, 15, 0]).map((ago) => (
            <text key={ago} class="axis" x={x(now - ago * 60_000)} y={H - 6} text-anchor={ago === 60 ? 'start' : ago === 0 ? 'end' : 'middle'}>
              {ago === 0 ? t.hourNow : t.minutesAgo(ago)}
            </text>
          ))}
          {area && <path class="hour-area" d={area} />}
          {line && <path class="hour-line" d={line} />}
          {points.length <= 3 && points.map((p) => <circle key={p.t} class="hour-dot" cx={x(p.t)} cy={y(p.v)} r={3.5} />)}
          {hover && (
            <g>
              <line class="hover-line" x1={x(hover.t)} x2={x(hover.t)} y1={PAD.top} y2={PAD.top + plotH} />
              <circle class="hour-dot" cx={x(hover.t)} cy={y(hover.v)} r={4} />
            </g>
          )}
        </svg>
        {hover && (
          <div class="hover-tip" style={{ left: `${Math.min(Math.max(x(hover.t), 70), width - 70)}px` }}>
            <b>{spec.format(hover.v)}</b> <span>{formatClock(hover.t)}</span>
          </div>
        )}
        {minutes.length === 0 && <p class="hour-empty">{t.hourEmpty}</p>}
      </div>
    </section>
  );
}
