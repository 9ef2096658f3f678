// Prometheus text exposition, hand-rolled: a few counters and histograms with fixed label sets.
// Hot path cost: one Map lookup + a few additions per observation.

const BUCKETS_MS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

class Counter {
  readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: string, by = 1): void {
    this.values.set(labels, (this.values.get(labels) ?? 0) + by);
  }
  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`);
    for (const [l, v] of this.values) out.push(`${this.name}${l === '' ? '' : `{${l}}`} ${v}`);
  }
}

class Histogram {
  readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  observe(labels: string, ms: number): void {
    let s = this.series.get(labels);
    if (s === undefined) {
      s = { counts: new Array<number>(BUCKETS_MS.length).fill(0), sum: 0, count: 0 };
      this.series.set(labels, s);
    }
    for (let i = 0; i < BUCKETS_MS.length; i++) {
      if (ms <= BUCKETS_MS[i]!) {
        s.counts[i]!++;
        break;
      }
    }
    s.sum += ms / 1000;
    s.count++;
  }
  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`);
    for (const [l, s] of this.series) {
      const pre = l === '' ? '' : `${l},`;
      let cum = 0;
      for (let i = 0; i < BUCKETS_MS.length; i++) {
        cum += s.counts[i]!;
        out.push(`${this.name}_bucket{${pre}le="${BUCKETS_MS[i]! / 1000}"} ${cum}`);
      }
      out.push(`${this.name}_bucket{${pre}le="+Inf"} ${s.count}`);
      out.push(`${this.name}_sum${l === '' ? '' : `{${l}}`} ${s.sum}`);
      out.push(`${this.name}_count${l === '' ? '' : `{${l}}`} ${s.count}`);
    }
  }
}

/** Label values come from a closed set (routes, effects, upstream names) — still escaped. */
export function label(name: string, value: string): string {
  return `${name}="${value.replace(/[\\"\n]/g, '_')}"`;
}

export class GatewayMetrics {
  readonly requests = new Counter('rampart_gateway_requests_total', 'HTTP requests by route and status.');
  readonly decisions = new Counter('rampart_gateway_decisions_total', 'Policy decisions by stage, effect and mode.');
  readonly blockedStreams = new Counter('rampart_gateway_streams_blocked_total', 'Streams stopped mid-flight.');
  readonly upstreamErrors = new Counter('rampart_gateway_upstream_errors_total', 'Upstream failures by kind.');
  readonly detectorLatency = new Histogram('rampart_gateway_detector_seconds', 'Detector pipeline latency by stage.');
  readonly upstreamLatency = new Histogram('rampart_gateway_upstream_seconds', 'Upstream time to headers.');
  readonly requestLatency = new Histogram('rampart_gateway_request_seconds', 'Whole request latency by route.');
  inFlight = 0;

  render(): string {
    const out: string[] = [];
    this.requests.render(out);
    this.decisions.render(out);
    this.blockedStreams.render(out);
    this.upstreamErrors.render(out);
    this.detectorLatency.render(out);
    this.upstreamLatency.render(out);
    this.requestLatency.render(out);
    out.push('# HELP rampart_gateway_in_flight Requests in flight.', '# TYPE rampart_gateway_in_flight gauge');
    out.push(`rampart_gateway_in_flight ${this.inFlight}`);
    return `${out.join('\n')}\n`;
  }
}
