/**
 * The fan-out scenarios: N clients subscribe to `feed`, and a publisher
 * sends M events through `publish`, either as fast as the server takes them
 * (saturated: `intervalMs` 0, a few publishes in flight) or one every
 * `intervalMs` (paced). Every subscriber checks it gets every event once and
 * in order. Reports deliveries/s, p50/p99 delivery latency and the longest
 * time with no delivery at all while events were pending.
 * @module
 */
import { cpuMs } from "./_proc.ts";
import {
  closeSockets,
  numberAfter,
  openSockets,
  round,
  Samples,
  selfCpuMs,
  sleep,
  within,
} from "./_load.ts";

/** Options of {@linkcode runFanout}. */
export interface FanoutOptions {
  /** Subscribers. */
  subscribers: number;
  /** Events to publish. */
  events: number;
  /** 0: as fast as offered; else one event every this many ms. */
  intervalMs: number;
  /** Publishes in flight when saturated. */
  window?: number;
  /** Give up waiting for deliveries after this long (ms). */
  timeoutMs?: number;
  /** The server's pid, for its CPU time. */
  pid?: number | undefined;
}

/** What {@linkcode runFanout} measured. */
export interface FanoutResult {
  scenario: "fanout" | "paced";
  subscribers: number;
  events: number;
  deliveries: number;
  missing: number;
  out_of_order: number;
  deliveries_per_s: number;
  p50_ms: number;
  p99_ms: number;
  max_gap_ms: number;
  server_cpu_us_per_delivery: number;
  client_cpu_pct: number;
}

const TEXT =
  "Hugo (p3): I saw nothing last night, but Elsa's vote was strange.";

/** Runs the scenario against the server at `url`. */
export async function runFanout(
  url: string,
  options: FanoutOptions,
): Promise<FanoutResult> {
  const { subscribers, events, intervalMs } = options;
  const expected = subscribers * events;
  const lastSeq = new Int32Array(subscribers).fill(-1);
  const samples = new Samples();
  let started = 0;
  let deliveries = 0;
  let outOfOrder = 0;
  let lastDelivery = 0;
  let maxGap = 0;
  let publishing = false;
  let done = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const onMessage = (index: number, data: string) => {
    const now = performance.now();
    if (!data.includes('"type":"data"')) {
      if (data.includes('"type":"started"')) started++;
      return;
    }
    const seq = numberAfter(data, '"seq":');
    if (seq !== lastSeq[index]! + 1) outOfOrder++;
    lastSeq[index] = seq;
    samples.push(now - numberAfter(data, '"t":'));
    deliveries++;
    if (publishing) maxGap = Math.max(maxGap, now - lastDelivery);
    lastDelivery = now;
    if (deliveries === expected) done();
  };
  const sockets = await openSockets(url, subscribers, { onMessage });
  sockets.forEach((socket, i) =>
    socket.send(
      `{"id":${
        i + 1
      },"method":"subscription","params":{"path":"feed","input":{"json":null}}}`,
    )
  );
  for (let i = 0; i < 3000 && started < subscribers; i++) await sleep(10);
  if (started < subscribers) {
    throw new Error(`only ${started} of ${subscribers} subscriptions started`);
  }
  const acks = new Map<number, () => void>();
  const [publisher] = await openSockets(url, 1, {
    onMessage: (_, data) => acks.get(numberAfter(data, '{"id":'))?.(),
  });
  const publish = (seq: number) =>
    new Promise<void>((resolve) => {
      acks.set(seq, () => {
        acks.delete(seq);
        resolve();
      });
      publisher!.send(
        `{"id":${seq},"method":"mutation","params":{"path":"publish","input":{"json":{"seq":${seq},"t":${performance.now()},"text":"${TEXT}"}}}}`,
      );
    });
  const cpu0 = options.pid ? cpuMs(options.pid) : 0;
  const self0 = selfCpuMs();
  const t0 = performance.now();
  lastDelivery = t0;
  publishing = true;
  if (intervalMs > 0) {
    for (let seq = 0; seq < events; seq++) {
      publish(seq);
      await sleep(intervalMs);
    }
  } else {
    const window = options.window ?? 4;
    let seq = 0;
    const lane = async () => {
      while (seq < events) await publish(seq++);
    };
    await Promise.all(Array.from({ length: window }, lane));
  }
  await within(finished, options.timeoutMs ?? 120_000).catch(() => {});
  publishing = false;
  const elapsed = lastDelivery - t0;
  const cpu1 = options.pid ? cpuMs(options.pid) : 0;
  const self1 = selfCpuMs();
  await closeSockets([...sockets, publisher!]);
  const { p50, p99 } = samples.summary();
  return {
    scenario: intervalMs > 0 ? "paced" : "fanout",
    subscribers,
    events,
    deliveries,
    missing: expected - deliveries,
    out_of_order: outOfOrder,
    deliveries_per_s: Math.round(deliveries / (elapsed / 1000)),
    p50_ms: p50,
    p99_ms: p99,
    max_gap_ms: round(maxGap),
    server_cpu_us_per_delivery: deliveries === 0
      ? 0
      : round(((cpu1 - cpu0) * 1000) / deliveries),
    client_cpu_pct: Math.round(((self1 - self0) / elapsed) * 100),
  };
}
