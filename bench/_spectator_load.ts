/**
 * One load process of the spectators scenario (`bench/spectators.ts` starts
 * several): opens `--viewers` public viewers of one game over the tRPC wire
 * format (Deno's WebSocket, `connectionParams` as an observer, no token),
 * each subscribed to `game.events`. Once every subscription started and the
 * backlog went quiet it prints `{"ready":true}`; then it records, for each
 * event created after that, every viewer's delivery latency (receive time
 * minus the event's `at`, one machine, one clock) until every viewer got
 * `game_over` (or `--timeout` seconds), prints `{"over":true}`, closes its
 * sockets and prints one JSON line: the
 * latencies per event (by the viewers' shared seq) and what went wrong.
 *
 * ```sh
 * deno run -A bench/_spectator_load.ts --url ws://127.0.0.1:8000/trpc \
 *   --game g-abc --viewers 1250 --name p0 [--timeout 300]
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import {
  closeSockets,
  numberAfter,
  round,
  selfCpuMs,
  sleep,
  within,
} from "./_load.ts";

/** What one load process prints last. */
export interface SpectatorLoadResult {
  viewers: number;
  /** Viewers whose socket the server closed before `game_over`. */
  closed: number;
  /** How many closed before `game_over`, by close code. */
  close_codes: Record<string, number>;
  /** Viewers that saw `game_over`. */
  finished: number;
  /** Deliveries with a seq not one more than the viewer's last. */
  out_of_order: number;
  /** Latencies (ms, to 0.1) of each event seq, one per viewer. */
  latencies: Record<string, number[]>;
  client_cpu_ms: number;
}

/** One viewer's socket and what it saw. */
class Viewer {
  started = false;
  over = false;
  closed = false;
  /** The close code, when the socket closed before the end. */
  code = 0;
  lastSeq = 0;
  lastAt = performance.now();
  socket: WebSocket;

  constructor(
    url: string,
    opts: { gameId: string; clientId: string; onEvent: Seen },
  ) {
    const socket = new WebSocket(`${url}?connectionParams=1`);
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({
        method: "connectionParams",
        data: { clientId: opts.clientId, clientType: "observer" },
      }));
      socket.send(JSON.stringify({
        id: 1,
        method: "subscription",
        params: {
          path: "game.events",
          input: { json: { gameId: opts.gameId } },
        },
      }));
    };
    socket.onmessage = ({ data }) => {
      if (data === "PING") return socket.send("PONG"); // as tRPC's client does
      this.lastAt = performance.now();
      const received = Date.now();
      // lean reading (the client must not be the bottleneck): the tracked
      // id, then the event's own `at` (its keys start type, seq, at)
      const at = data.indexOf(DATA);
      if (at === -1) {
        if (data.includes(STARTED)) this.started = true;
        return;
      }
      const seq = parseFloat(
        data.slice(at + DATA.length, at + DATA.length + 16),
      );
      const eventAt = numberAfter(data, '"at":', data.indexOf(EVENT, at));
      opts.onEvent(this, { seq, at: eventAt, received });
      this.lastSeq = seq;
      if (data.includes(GAME_OVER, at)) this.over = true;
    };
    socket.onclose = ({ code }) => {
      this.closed = true;
      this.code = code;
    };
  }
}

type Seen = (
  viewer: Viewer,
  delivery: { seq: number; at: number; received: number },
) => void;

const DATA = '"result":{"type":"data","id":"';
const EVENT = '"data":{"json":{"id":"';
const STARTED = '"result":{"type":"started"}';
const GAME_OVER = '"type":"game_over"';

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      url: { type: "string" },
      game: { type: "string" },
      viewers: { type: "string", default: "1000" },
      name: { type: "string", default: "p0" },
      batch: { type: "string", default: "100" },
      timeout: { type: "string", default: "300" },
    },
  });
  if (values.url === undefined || values.game === undefined) {
    throw new Error("usage: _spectator_load.ts --url URL --game ID [...]");
  }
  const count = Number(values.viewers);
  const batch = Number(values.batch);
  const deadline = performance.now() + Number(values.timeout) * 1000;
  const cpu0 = selfCpuMs();
  let readyAt = Infinity;
  let outOfOrder = 0;
  const latencies: Record<string, number[]> = {};
  const onEvent: Seen = (viewer, { seq, at, received }) => {
    if (seq !== viewer.lastSeq + 1) outOfOrder++;
    if (!(at >= readyAt)) return; // the backlog: created before we were ready
    (latencies[seq] ??= []).push(round(received - at, 1));
  };
  const viewers: Viewer[] = [];
  for (let i = 0; i < count; i += batch) {
    const opening: Viewer[] = [];
    for (let j = i; j < Math.min(count, i + batch); j++) {
      opening.push(
        new Viewer(values.url, {
          gameId: values.game,
          clientId: `spectator-${values.name}-${j}`,
          onEvent,
        }),
      );
    }
    viewers.push(...opening);
    await until(() => opening.every((v) => v.started || v.closed), deadline);
  }
  // the backlog replayed: nothing received for 500 ms
  await until(() => performance.now() - lastOf(viewers) > 500, deadline);
  readyAt = Date.now();
  console.log(JSON.stringify({ ready: true }));
  await until(() => viewers.every((v) => v.over || v.closed), deadline);
  console.log(JSON.stringify({ over: true })); // before the sockets close
  const result: SpectatorLoadResult = {
    viewers: count,
    closed: viewers.filter((v) => v.closed && !v.over).length,
    close_codes: codesOf(viewers),
    finished: viewers.filter((v) => v.over).length,
    out_of_order: outOfOrder,
    latencies,
    client_cpu_ms: round(selfCpuMs() - cpu0, 0),
  };
  await within(closeSockets(viewers.map((v) => v.socket)), 15_000)
    .catch(() => {});
  console.log(JSON.stringify(result));
}

function codesOf(viewers: readonly Viewer[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const viewer of viewers) {
    if (viewer.closed && !viewer.over) {
      codes[viewer.code] = (codes[viewer.code] ?? 0) + 1;
    }
  }
  return codes;
}

function lastOf(viewers: readonly Viewer[]): number {
  let last = 0;
  for (const viewer of viewers) last = Math.max(last, viewer.lastAt);
  return last;
}

/** Waits (polling every 20 ms) until `done()` or the deadline. */
async function until(done: () => boolean, deadline: number): Promise<void> {
  while (!done()) {
    if (performance.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    Deno.exit(1);
  }
}
