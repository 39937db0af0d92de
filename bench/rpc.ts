/**
 * The rpc scenario: C connections each keep D `echo` mutations in flight
 * for a warm-up and then a measured window. Reports calls/s, p50/p99 round
 * trip, server CPU per call and how busy the load generator itself was.
 * @module
 */
import { cpuMs } from "./_proc.ts";
import {
  closeSockets,
  openSockets,
  round,
  Samples,
  selfCpuMs,
  sleep,
} from "./_load.ts";

/** Options of {@linkcode runRpc}. */
export interface RpcOptions {
  /** Connections. */
  connections: number;
  /** Calls in flight per connection. */
  inflight: number;
  /** Measured seconds. */
  seconds: number;
  /** Warm-up seconds, not measured. */
  warmup: number;
  /** The server's pid, for its CPU time. */
  pid?: number | undefined;
}

/** What {@linkcode runRpc} measured. */
export interface RpcResult {
  scenario: "rpc";
  calls: number;
  errors: number;
  calls_per_s: number;
  p50_ms: number;
  p99_ms: number;
  server_cpu_us_per_call: number;
  client_cpu_pct: number;
}

const TEXT = "Je vote contre Bruno: il a défendu Chloé trop vite.";

/** Runs the scenario against the server at `url`. */
export async function runRpc(
  url: string,
  options: RpcOptions,
): Promise<RpcResult> {
  const { connections, inflight } = options;
  const started = new Map<number, number>();
  const samples = new Samples();
  let measuring = false;
  let sending = true;
  let calls = 0;
  let errors = 0;
  let nextId = 1;
  let sockets: WebSocket[] = [];
  const send = (socket: WebSocket) => {
    const id = nextId++;
    started.set(id, performance.now());
    socket.send(
      `{"id":${id},"method":"mutation","params":{"path":"echo","input":{"json":{"n":${id},"text":"${TEXT}"}}}}`,
    );
  };
  const onMessage = (index: number, data: string) => {
    const now = performance.now();
    const id = data.startsWith('{"id":')
      ? parseInt(data.slice(6, 20))
      : JSON.parse(data).id;
    const sentAt = started.get(id);
    if (sentAt === undefined) return;
    started.delete(id);
    if (data.includes('"error"') || !data.includes(`"n":${id},`)) errors++;
    if (measuring) {
      calls++;
      samples.push(now - sentAt);
    }
    const socket = sockets[index];
    if (sending && socket !== undefined) send(socket);
  };
  sockets = await openSockets(url, connections, { onMessage });
  for (const socket of sockets) {
    for (let i = 0; i < inflight; i++) send(socket);
  }
  await sleep(options.warmup * 1000);
  const cpu0 = options.pid ? cpuMs(options.pid) : 0;
  const self0 = selfCpuMs();
  const t0 = performance.now();
  measuring = true;
  await sleep(options.seconds * 1000);
  measuring = false;
  const elapsed = performance.now() - t0;
  const cpu1 = options.pid ? cpuMs(options.pid) : 0;
  const self1 = selfCpuMs();
  sending = false;
  for (let i = 0; i < 100 && started.size > 0; i++) await sleep(20);
  await closeSockets(sockets);
  const { p50, p99 } = samples.summary();
  return {
    scenario: "rpc",
    calls,
    errors,
    calls_per_s: Math.round(calls / (elapsed / 1000)),
    p50_ms: p50,
    p99_ms: p99,
    server_cpu_us_per_call: calls === 0
      ? 0
      : round(((cpu1 - cpu0) * 1000) / calls),
    client_cpu_pct: Math.round(((self1 - self0) / elapsed) * 100),
  };
}
