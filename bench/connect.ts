/**
 * The connect scenario: one client (the lean one of `_wire_client.ts`, with
 * `TCP_NODELAY`) opens a WebSocket with `?connectionParams=1`, sends its `connectionParams` and one `echo`
 * mutation, waits for the answer and closes, N times in a row (after a
 * warm-up that is not measured). Reports the server's CPU time per
 * connection (user + system, from `/proc`), the connections per second and
 * the p50/p99 of one whole connect-call-close.
 * @module
 */
import { cpuMs } from "./_proc.ts";
import { round, Samples, selfCpuMs, within } from "./_load.ts";
import { connectCallClose } from "./_wire_client.ts";

/** Options of {@linkcode runConnect}. */
export interface ConnectOptions {
  /** Measured connections, one after another. */
  connections: number;
  /** Connections made before measuring (warm-up). */
  warmup: number;
  /** The server's pid, for its CPU time. */
  pid?: number | undefined;
  /** Against Loup-Garou's server (`main.ts`) rather than the benchmark router. */
  app?: boolean | undefined;
}

/** What {@linkcode runConnect} measured. */
export interface ConnectResult {
  scenario: "connect";
  connections: number;
  errors: number;
  connects_per_s: number;
  p50_ms: number;
  p99_ms: number;
  server_cpu_ms_per_connect: number;
  client_cpu_pct: number;
}

/** What one connection sends, and how its answer is recognized. */
interface Exchange {
  params: string;
  call: string;
  /** Whether the answer (`{"id":1,...}`) is the expected one. */
  ok: (text: string) => boolean;
}

/** The benchmark router: a token in the params, `echo` answered with its input. */
const BENCH: Exchange = {
  params: JSON.stringify({
    method: "connectionParams",
    data: { clientType: "agent", token: "bench-token-0123456789" },
  }),
  call:
    '{"id":1,"method":"mutation","params":{"path":"echo","input":{"json":{"n":1,"text":"bonjour"}}}}',
  ok: (text) => text.includes('"n":1,') && !text.includes('"error"'),
};

/**
 * Loup-Garou's own server (`main.ts`, `--app`): an agent's params (no token:
 * the open connection of a bot that has not joined yet) and `system.ping`.
 */
const APP: Exchange = {
  params: JSON.stringify({
    method: "connectionParams",
    data: { clientType: "agent" },
  }),
  call:
    '{"id":1,"method":"query","params":{"path":"system.ping","input":{"json":null}}}',
  ok: (text) => text.includes('"serverTime"') && !text.includes('"error"'),
};

/**
 * One connection: open, connectionParams and the call (one write), the
 * answer, close; resolves with whether the call was answered as expected,
 * once the close handshake is over and the connection ended.
 */
async function once(url: string, exchange: Exchange): Promise<boolean> {
  let ok = false;
  await connectCallClose(
    `${url}?connectionParams=1`,
    [exchange.params, exchange.call],
    (text) => {
      if (!text.startsWith('{"id":1,')) return false;
      ok = exchange.ok(text);
      return true;
    },
  );
  return ok;
}

/** Runs the scenario against the server at `url`. */
export async function runConnect(
  url: string,
  options: ConnectOptions,
): Promise<ConnectResult> {
  const { connections, warmup, pid } = options;
  const exchange = options.app ? APP : BENCH;
  for (let i = 0; i < warmup; i++) {
    await within(once(url, exchange), 10_000);
  }
  const samples = new Samples();
  let errors = 0;
  const cpuBefore = pid === undefined ? 0 : cpuMs(pid);
  const selfBefore = selfCpuMs();
  const started = performance.now();
  for (let i = 0; i < connections; i++) {
    const at = performance.now();
    if (!(await within(once(url, exchange), 10_000))) errors++;
    samples.push(performance.now() - at);
  }
  const elapsed = performance.now() - started;
  const cpu = pid === undefined ? NaN : cpuMs(pid) - cpuBefore;
  const { p50, p99 } = samples.summary();
  return {
    scenario: "connect",
    connections,
    errors,
    connects_per_s: round(connections / (elapsed / 1000), 1),
    p50_ms: p50,
    p99_ms: p99,
    server_cpu_ms_per_connect: round(cpu / connections, 3),
    client_cpu_pct: round(((selfCpuMs() - selfBefore) / elapsed) * 100, 1),
  };
}
