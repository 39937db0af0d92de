/**
 * The idle scenario: K connections, each with one `feed` subscription, that
 * then do nothing. Reports the server's resident memory per connection
 * (the growth over its footprint before the first connection).
 * @module
 */
import { rssBytes } from "./_proc.ts";
import { closeSockets, openSockets, sleep } from "./_load.ts";

/** Options of {@linkcode runIdle}. */
export interface IdleOptions {
  /** Connections. */
  connections: number;
  /** The server's pid (required: the scenario measures its memory). */
  pid: number;
  /** How long to let the server settle before each reading (ms). */
  settleMs?: number;
}

/** What {@linkcode runIdle} measured. */
export interface IdleResult {
  scenario: "idle";
  connections: number;
  rss_before_mb: number;
  rss_after_mb: number;
  kb_per_connection: number;
}

/** Runs the scenario against the server at `url`. */
export async function runIdle(
  url: string,
  options: IdleOptions,
): Promise<IdleResult> {
  const { connections, pid } = options;
  const settle = options.settleMs ?? 2000;
  await sleep(settle);
  const before = rssBytes(pid);
  let started = 0;
  const sockets = await openSockets(url, connections, {
    onMessage: (_, data) => {
      if (data.includes('"type":"started"')) started++;
    },
  });
  sockets.forEach((socket, i) =>
    socket.send(
      `{"id":${
        i + 1
      },"method":"subscription","params":{"path":"feed","input":{"json":null}}}`,
    )
  );
  for (let i = 0; i < 3000 && started < connections; i++) await sleep(10);
  if (started < connections) {
    throw new Error(`only ${started} of ${connections} subscriptions started`);
  }
  await sleep(settle);
  const after = rssBytes(pid);
  await closeSockets(sockets);
  const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
  return {
    scenario: "idle",
    connections,
    rss_before_mb: mb(before),
    rss_after_mb: mb(after),
    kb_per_connection: Math.round((after - before) / connections / 102.4) / 10,
  };
}
