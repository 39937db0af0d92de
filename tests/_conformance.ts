/**
 * The conformance suite's runner: each scenario, named after the tRPC test
 * it mirrors, runs against our adapter (in this process) and against
 * tRPC's own Node adapter (`bench/peer/conformance_server.mjs`, a child
 * process), through real sockets and the official `@trpc/client`. The
 * Node leg needs `node` and `bench/peer/node_modules` (`npm ci --prefix
 * bench/peer`); without them it is ignored, unless
 * `CONFORMANCE_PEER_REQUIRED=1` (CI) makes that an error.
 * @module
 */
import {
  createTRPCClient,
  createWSClient,
  type TRPCClient,
  wsLink,
} from "@trpc/client";
import superjson from "superjson";
import { trackedRetryDelay, within } from "./_helpers.ts";
import {
  type ConformanceRouter,
  type ConformanceServer,
  encoderOf,
  type HostConfig,
  serveOurs,
} from "./_conformance_host.ts";
import { RawFrames } from "./_conformance_raw.ts";

/** Which adapter a scenario runs against. */
export type Adapter = "ours" | "trpc";

const PEER_DIR = new URL("../bench/peer/", import.meta.url).pathname;
const OURS_CHILD = new URL("./_conformance_server.ts", import.meta.url)
  .pathname;

/** Whether tRPC's Node adapter can run here (node, and the peer's packages). */
export const PEER_AVAILABLE: boolean = peerAvailable();
if (!PEER_AVAILABLE && Deno.env.get("CONFORMANCE_PEER_REQUIRED") === "1") {
  throw new Error(
    "tRPC's Node adapter is required: install node and run npm ci --prefix bench/peer",
  );
}

function peerAvailable(): boolean {
  try {
    for (const name of ["@trpc/server", "ws", "zod", "@msgpack/msgpack"]) {
      Deno.statSync(`${PEER_DIR}node_modules/${name}/package.json`);
    }
    return new Deno.Command("node", { args: ["--version"], stdout: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/** A client of the conformance router on its own socket. */
export interface ScenarioClient {
  /** The typed client. */
  client: TRPCClient<ConformanceRouter>;
  /** Its WebSocket client. */
  wsClient: ReturnType<typeof createWSClient>;
}

/** What a scenario gets. */
export interface Scenario {
  /** The adapter under test. */
  adapter: Adapter;
  /** The server's WebSocket URL. */
  url: string;
  /** The server's settings. */
  config: HostConfig;
  /** The control client (`?control=1`): emits, counts, closes connections. */
  control: ScenarioClient["client"];
  /** A client with the scenario's encoder and transformer, closed at the end. */
  connect(options?: ClientOptions): ScenarioClient;
  /** A raw socket to `url` + `query`, decoding with the scenario's encoder. */
  raw(query?: string): Promise<RawFrames>;
}

/** `createWSClient`'s options, without its URL. */
export type ClientOptions = Partial<Parameters<typeof createWSClient>[0]>;

/**
 * Registers `scenario` against both adapters, as
 * `<source> › <name> [ours]` and `[tRPC Node adapter]`.
 */
export function conformance(
  source: string,
  name: string,
  config: HostConfig,
  scenario: (s: Scenario) => Promise<void>,
  options: { gc?: boolean } = {},
): void {
  for (const adapter of ["ours", "trpc"] as const) {
    Deno.test({
      name: `${source} › ${name} [${
        adapter === "ours" ? "ours" : "tRPC Node adapter"
      }]`,
      ignore: adapter === "trpc" && !PEER_AVAILABLE,
      fn: () => run(adapter, config, scenario, options.gc ?? false),
    });
  }
}

async function run(
  adapter: Adapter,
  config: HostConfig,
  scenario: (s: Scenario) => Promise<void>,
  gc: boolean,
): Promise<void> {
  await using server = adapter === "trpc"
    ? await startChild(["node", ...(gc ? ["--expose-gc"] : [])], config)
    : gc
    ? await startChild([
      Deno.execPath(),
      "run",
      "--allow-net",
      "--allow-env",
      "--v8-flags=--expose-gc",
    ], config)
    : serveOurs(config);
  await using clients = new AsyncDisposableStack();
  const connect = (options: ClientOptions = {}, query = ""): ScenarioClient => {
    const retry = trackedRetryDelay(options.retryDelayMs ?? (() => 50));
    const encoder = encoderOf(config);
    const wsClient = createWSClient({
      url: server.url + query,
      ...(encoder ? { experimental_encoder: encoder } : {}),
      ...options,
      retryDelayMs: retry.retryDelayMs,
    });
    const transformer = config.superjson ? { transformer: superjson } : {};
    const client = createTRPCClient<ConformanceRouter>({
      links: [wsLink({ client: wsClient, ...transformer } as never)],
    });
    clients.defer(async () => {
      await wsClient.close();
      await retry.settled();
    });
    return { client, wsClient };
  };
  const { client: control } = connect({}, "?control=1");
  const raws: RawFrames[] = [];
  clients.defer(() =>
    Promise.all(raws.map((raw) => raw[Symbol.asyncDispose]())).then(() => {})
  );
  await scenario({
    adapter,
    url: server.url,
    config,
    control,
    connect: (options) => connect(options),
    async raw(query = "") {
      const raw = await RawFrames.open(server.url + query, encoderOf(config));
      raws.push(raw);
      return raw;
    },
  });
}

/** The command of a child server, ours or the Node peer, with `config`. */
async function startChild(
  command: string[],
  config: HostConfig,
): Promise<ConformanceServer> {
  const [program, ...args] = command;
  const script = program === "node"
    ? `${PEER_DIR}conformance_server.mjs`
    : OURS_CHILD;
  const child = new Deno.Command(program!, {
    args: [...args, script, JSON.stringify(config)],
    stdout: "piped",
    stderr: "inherit",
    cwd: PEER_DIR,
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  let port: number | undefined;
  const read = async () => {
    while (port === undefined) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
      const match = text.match(/"port":(\d+)/);
      if (match) port = Number(match[1]);
    }
  };
  await within(read(), 15_000, `${program} to announce its port`).catch(
    () => {},
  );
  // keep draining its output so it never blocks on a full pipe
  const drained = (async () => {
    while (!(await reader.read()).done);
  })().catch(() => {});
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await child.status;
    await drained;
  };
  if (port === undefined) {
    await stop();
    throw new Error(`${program} did not announce its port: ${text}`);
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    [Symbol.asyncDispose]: stop,
  };
}

/** Resolves after `ms` (real time: what the scenario waits for is real). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls an async predicate (the server's counters) until it holds. */
export async function until(
  predicate: () => Promise<boolean>,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves once the server has `count` listeners on `server:msg`. */
export function listeners(s: Scenario, count: number): Promise<void> {
  return until(
    async () => (await s.control.control.stats.query()).listeners === count,
    `${count} server:msg listeners`,
  );
}

/** What `ee.emit("server:msg", { id })` does in tRPC's tests. */
export function emit(s: Scenario, id: string): Promise<unknown> {
  return s.control.control.emit.mutate({ event: "server:msg", data: { id } });
}
