/**
 * The server in a process of its own, for the reliability tests: the
 * configuration comes from the environment as `main.ts` reads it, and a
 * line on stdin asks for a report. `stats` answers one line
 * `STATS {"pollution","sockets","inFlight","clients","rss","heapUsed","fds"}`:
 * what was added to the built-in prototypes, the adapter's open sockets, the calls in flight, the hub's clients, the
 * resident and heap memory in bytes (after a full collection when run with
 * `--v8-flags=--expose-gc`) and the open file descriptors. SIGTERM shuts
 * it down gracefully and an unhandled error ends it, as with `main.ts`.
 * @module
 */
import { readConfig, startServer } from "../src/server/mod.ts";

/** What `stats` reports. */
export interface ChildStats {
  /** Properties added to the built-in prototypes since the start (want none). */
  pollution: string[];
  sockets: number;
  inFlight: number;
  clients: number;
  rss: number;
  heapUsed: number;
  fds: number;
}

const PROTOTYPES = { Object, Array, Function, String, Number } as const;
const pristine = new Map(
  Object.entries(PROTOTYPES).map((
    [name, type],
  ) => [name, new Set(Reflect.ownKeys(type.prototype))]),
);

/** `Type.prototype.key` for every key added to a built-in prototype. */
function pollution(): string[] {
  const added: string[] = [];
  for (const [name, type] of Object.entries(PROTOTYPES)) {
    for (const key of Reflect.ownKeys(type.prototype)) {
      if (!pristine.get(name)?.has(key)) {
        added.push(`${name}.prototype.${String(key)}`);
      }
    }
  }
  return added;
}

async function openFds(): Promise<number> {
  let count = 0;
  for await (const _ of Deno.readDir("/proc/self/fd")) count++;
  return count;
}

async function report(
  server: Awaited<ReturnType<typeof startServer>>,
): Promise<ChildStats> {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = Deno.memoryUsage();
  return {
    pollution: pollution(),
    sockets: server.sockets.size,
    inFlight: server.sockets.inFlight,
    clients: server.hub.size,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    fds: await openFds(),
  };
}

if (import.meta.main) {
  const server = await startServer(readConfig(Deno.env.toObject()));
  // as main.ts does: a graceful shutdown, then exit 0
  Deno.addSignalListener("SIGTERM", () => {
    server.shutdown().then(() => Deno.exit(0));
  });
  let buffered = "";
  for await (
    const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())
  ) {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const command = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (command === "stats") {
        console.log(`STATS ${JSON.stringify(await report(server))}`);
      }
    }
  }
  await server.shutdown(); // stdin closed: the test is done with us
}
