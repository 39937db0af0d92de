/**
 * The presence scenario, against the full server (`main.ts`): N clients
 * connect one batch after another with `connectionParams` and subscribe to
 * `hub.events`, each batch while all earlier clients stay subscribed; then
 * one more client opens and closes `churn` connections in a row. Measures
 * how fast connections are accepted (each counted once its welcome arrived),
 * the server's memory and CPU per connection, and the presence messages the
 * subscribers received (a `presence_diff` counts as one message carrying
 * several entries).
 * @module
 */
import { connectCallClose } from "./_wire_client.ts";
import { cpuMs, rssBytes } from "./_proc.ts";
import { closeSockets, round, selfCpuMs, sleep } from "./_load.ts";

/** Options of {@linkcode runPresence}. */
export interface PresenceOptions {
  /** Subscribers that connect and stay. */
  connections: number;
  /** Connections the churning client opens and closes, one after another. */
  churn: number;
  /** The subscribers' client type. */
  clientType: "agent" | "ui" | "observer";
  /** Clients connecting at once. */
  batch?: number;
  /** The server's pid, for its memory and CPU. */
  pid?: number | undefined;
  /** Give up on a phase after this long (ms). */
  timeoutMs?: number;
}

/** What {@linkcode runPresence} measured. */
export interface PresenceResult {
  scenario: "presence";
  client_type: string;
  connections: number;
  connected: number;
  connects_per_s: number;
  last_connects_per_s: number;
  kb_per_connection: number;
  server_cpu_ms_per_connect: number;
  presence_msgs_per_subscriber: number;
  presence_entries_per_subscriber: number;
  churned: number;
  churn_per_s: number;
  churn_msgs_per_subscriber: number;
  /** Subscribers the server closed (e.g. as slow consumers, 4003). */
  closed_by_server: number;
  client_cpu_pct: number;
}

const WELCOME = '"message_type":"connection"';
const SUBSCRIBE =
  '{"id":1,"method":"subscription","params":{"path":"hub.events","input":{"json":{}}}}';

/** Counts what one subscriber received: frames and presence entries. */
class Tally {
  messages = 0;
  entries = 0;
  lastAt = performance.now();
  /** Whether the server closed the socket before the end. */
  closed = false;

  read(data: string): void {
    if (!data.includes('"type":"data"')) return;
    this.lastAt = performance.now();
    this.messages++;
    const diff = data.indexOf('"presence_diff"');
    if (diff === -1) this.entries++;
    else this.entries += data.split('"message_type":"').length - 2;
  }
}

/**
 * Opens one client as `clientId` and subscribes it to `hub.events`;
 * resolves once its welcome arrived. Later frames go to `tally`.
 */
function subscriber(
  url: string,
  opts: { clientId: string; clientType: string; tally: Tally | null },
): Promise<WebSocket> {
  const { clientId, clientType, tally } = opts;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url}?connectionParams=1`);
    let welcomed = false;
    socket.onopen = () => {
      socket.send(JSON.stringify({
        method: "connectionParams",
        data: { clientId, clientType },
      }));
      socket.send(SUBSCRIBE);
    };
    socket.onmessage = ({ data }) => {
      if (data === "PING") return socket.send("PONG"); // as tRPC's client does
      if (!welcomed) {
        if (data.includes(WELCOME) && data.includes(`"${clientId}"`)) {
          welcomed = true;
          resolve(socket);
        } else if (data.includes('"error"')) {
          reject(new Error(`${clientId} refused: ${data.slice(0, 300)}`));
        }
        return;
      }
      tally?.read(data);
    };
    socket.onerror = () => reject(new Error(`${clientId} failed to open`));
    socket.onclose = () => {
      if (tally !== null) tally.closed = true;
    };
  });
}

/**
 * One connection of the churn: params and `hub.events` in one write, the
 * welcome, close. The lean client (`TCP_NODELAY`): with Deno's `WebSocket`
 * the subscription waited about 40 ms for the params' delayed ACK, and the
 * churn measured that wait (about 20 connections a second, whatever the
 * server).
 */
async function churnOnce(url: string): Promise<void> {
  const params = JSON.stringify({
    method: "connectionParams",
    data: { clientId: "churner", clientType: "ui" },
  });
  await connectCallClose(
    `${url}?connectionParams=1`,
    [params, SUBSCRIBE],
    (text) => text.includes(WELCOME) && text.includes('"churner"'),
  );
}

/** Waits until no subscriber got anything for `quietMs`, or `limitMs`. */
async function quiet(tallies: Tally[], quietMs: number, limitMs: number) {
  const end = performance.now() + limitMs;
  while (performance.now() < end) {
    const last = Math.max(...tallies.map((t) => t.lastAt));
    if (performance.now() - last >= quietMs) return;
    await sleep(50);
  }
}

/** Runs the scenario against the server's tRPC endpoint at `url`. */
export async function runPresence(
  url: string,
  options: PresenceOptions,
): Promise<PresenceResult> {
  const { connections, churn, clientType, pid } = options;
  const batch = options.batch ?? 50;
  const limit = options.timeoutMs ?? 400_000;
  const tallies: Tally[] = [];
  const sockets: WebSocket[] = [];
  const readCpu = () => (pid === undefined ? 0 : cpuMs(pid));
  const rssBefore = pid === undefined ? 0 : rssBytes(pid);
  const cpu0 = readCpu();
  const self0 = selfCpuMs();
  const t0 = performance.now();
  let lastStart = t0;
  const lastFrom = Math.floor(connections * 0.8);
  try {
    for (let start = 0; start < connections; start += batch) {
      if (performance.now() - t0 > limit) break;
      if (start <= lastFrom && lastFrom < start + batch) {
        lastStart = performance.now();
      }
      const opening = [];
      for (let i = start; i < Math.min(connections, start + batch); i++) {
        const tally = new Tally();
        tallies.push(tally);
        opening.push(
          subscriber(url, {
            clientId: `${clientType}-${i}`,
            clientType,
            tally,
          }),
        );
      }
      sockets.push(...await Promise.all(opening));
    }
    const connectMs = performance.now() - t0;
    const lastMs = performance.now() - lastStart;
    const rssAfter = pid === undefined ? 0 : rssBytes(pid);
    const cpu1 = readCpu();
    await quiet(tallies, 1000, limit);
    const msgs = sum(tallies, "messages");
    const entries = sum(tallies, "entries");

    const c0 = performance.now();
    let churned = 0;
    for (; churned < churn && performance.now() - c0 < limit; churned++) {
      await churnOnce(url);
    }
    const churnMs = performance.now() - c0;
    await quiet(tallies, 1000, limit);
    const closedByServer = tallies.filter((t) => t.closed).length;
    const n = Math.max(1, sockets.length);
    return {
      scenario: "presence",
      client_type: clientType,
      connections,
      connected: sockets.length,
      connects_per_s: round(sockets.length / (connectMs / 1000), 1),
      last_connects_per_s: round(
        (sockets.length - lastFrom) / (lastMs / 1000),
        1,
      ),
      kb_per_connection: round((rssAfter - rssBefore) / n / 1024, 1),
      server_cpu_ms_per_connect: round((cpu1 - cpu0) / n, 3),
      presence_msgs_per_subscriber: round(msgs / n, 1),
      presence_entries_per_subscriber: round(entries / n, 1),
      churned,
      churn_per_s: round(churned / (churnMs / 1000), 1),
      churn_msgs_per_subscriber: round(
        (sum(tallies, "messages") - msgs) / n,
        1,
      ),
      closed_by_server: closedByServer,
      client_cpu_pct: round(
        (selfCpuMs() - self0) / (performance.now() - t0) * 100,
        0,
      ),
    };
  } finally {
    await closeSockets(sockets);
  }
}

function sum(tallies: Tally[], field: "messages" | "entries"): number {
  return tallies.reduce((total, tally) => total + tally[field], 0);
}
