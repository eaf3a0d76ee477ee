import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  readonly label: string;
  /** A line colour with at least 3:1 contrast on white. */
  readonly color: string;
  /** Dashes tell lines apart without colour. */
  readonly dash?: number[];
  readonly values: readonly number[];
}

export interface LineChartProps {
  /** What the chart shows, for screen readers (the numbers are in a table beside it). */
  readonly label: string;
  /** Each point's time (local), one per value of every series. */
  readonly times: readonly Date[];
  readonly series: readonly ChartSeries[];
  /** Days: the axis and legend show dates without times. */
  readonly byDay: boolean;
  readonly height?: number;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const hourFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
const tickFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
/** Room for one day label on the axis, in CSS pixels. */
const DAY_TICK_SPACE = 70;

/** By day, ticks fall on the points themselves (local midnights), as many as fit: uPlot's own would pick hours. */
const dayAxis: uPlot.Axis = {
  splits: (self) => {
    const times = Array.from(self.data[0]);
    const fit = Math.max(1, Math.floor(self.bbox.width / devicePixelRatio / DAY_TICK_SPACE));
    const step = Math.ceil(times.length / fit);
    return times.filter((_, index) => index % step === 0);
  },
  values: (_self, splits) => splits.map((seconds) => tickFormat.format(seconds * 1000)),
};

function optionsOf(props: LineChartProps, width: number): uPlot.Options {
  const format = props.byDay ? dayFormat : hourFormat;
  return {
    width,
    height: props.height ?? 280,
    scales: { x: { time: true }, y: { range: (_self, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
    axes: [props.byDay ? dayAxis : {}, { label: 'Calls', size: 50 }],
    series: [
      {
        label: props.byDay ? 'Day' : 'Hour',
        value: (_self, seconds) => (seconds == null ? '—' : format.format(seconds * 1000)),
      },
      ...props.series.map((series) => ({
        label: series.label,
        stroke: series.color,
        width: 2,
        dash: series.dash,
        points: { show: props.times.length <= 62 },
      })),
    ],
    legend: { live: true },
  };
}

function dataOf(props: LineChartProps): uPlot.AlignedData {
  return [props.times.map((time) => time.getTime() / 1000), ...props.series.map((series) => [...series.values])];
}

/** A multi-line uPlot chart, as wide as its container (redrawn on resize). */
export function LineChart(props: LineChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const plot = new uPlot(optionsOf(props, element.clientWidth || 600), dataOf(props), element);
    const observer = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: plot.height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
    // The chart is rebuilt when its data or shape changes; uPlot keeps no other state worth keeping.
  }, [props.times, props.series, props.byDay, props.height]);
  return <div class="chart" ref={holder} role="img" aria-label={props.label} />;
}
