/**
 * The delivery side's CPU per 8-player game, in-process, no sockets: games
 * played by their deadlines alone (every action times out) give logs; each
 * log is then folded into a fresh room a few events at a time, once with
 * the 8 seats subscribed and every ready delivery encoded by the WebSocket
 * adapter's codec as the pump sends it, once with nobody subscribed. The
 * difference is what the fan-out, the numbering, the streams and the codec
 * cost per game. Process CPU time (`process.cpuUsage`), the least of the
 * rounds. With `--pump`, each seat's stream is read by the adapter's pump
 * (with `trackedStream`, as `game.events` serves it) between turns of the
 * event loop, as on a socket. `--root` measures another tree's modules; compare trees in
 * separate processes, alternating, at the same kind of path (a tree
 * extracted under /tmp measured slower with the very same code). Prints
 * one JSON line.
 *
 * ```sh
 * deno run -A bench/delivery_cost.ts [--root /path/to/tree] [--games 20] [--rounds 6] [--pump]
 * ```
 * @module
 */
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { parseArgs } from "node:util";
import process from "node:process";

interface Tree {
  label: string;
  // deno-lint-ignore no-explicit-any
  game: any;
  // deno-lint-ignore no-explicit-any
  engine: any;
  // deno-lint-ignore no-explicit-any
  Codec: any;
  // deno-lint-ignore no-explicit-any
  pump: any;
  // deno-lint-ignore no-explicit-any
  trackedStream: any;
}

async function load(label: string, root: string): Promise<Tree> {
  const url = (path: string) => new URL(path, `file://${root}/`).href;
  return {
    label,
    game: await import(url("src/game/mod.ts")),
    engine: await import(url("src/engine/mod.ts")),
    Codec: (await import(url("src/ws/_codec.ts"))).Codec,
    pump: (await import(url("src/ws/_pump.ts"))).pump,
    trackedStream:
      (await import(url("src/api/_tracked_stream.ts"))).trackedStream,
  };
}

const router = initTRPC.create({ transformer: superjson }).router({});

// deno-lint-ignore no-explicit-any
type Event = any;

/** Plays `games` 8-player games by their deadlines alone; answers their logs. */
async function logsOf(tree: Tree, games: number): Promise<Event[][]> {
  const clock = {
    time: 1_000_000,
    now: () => clock.time,
    setTimer: () => () => {},
  };
  const logs: Event[][] = [];
  for (let g = 0; g < games; g++) {
    const service = new tree.game.GameService({ clock, seed: () => 100 + g });
    const { gameId } = await service.create({
      players: 8,
      actionTimeoutMs: 1000,
    });
    for (let i = 0; i < 8; i++) await service.join(gameId, `Bot ${i + 1}`);
    const room = service.room(gameId);
    for (let i = 0; i < 2000 && room.state.phase !== "ended"; i++) {
      const deadline = tree.engine.nextDeadline(room.state);
      if (deadline === null) break;
      clock.time = Math.max(clock.time, deadline);
      await room.submit({ type: "timeout", at: clock.time });
    }
    logs.push([...room.log]);
    service.close();
  }
  return logs;
}

/**
 * Folds each log into a fresh room, `BATCH` events at a time (about a
 * command's), with the 8 seats subscribed and every ready delivery encoded
 * as the pump sends it after each batch, or with nobody subscribed; answers
 * the CPU ms per game, deliveries and frame bytes per game. With `pumped`,
 * each seat's stream is read as a socket's is (`trackedStream` and the
 * adapter's `pump`, the codec in the sink) and each batch is followed by a
 * turn of the event loop (with or without subscribers alike), so the
 * pumps' waits between batches are counted too.
 */
async function replay(
  tree: Tree,
  logs: Event[][],
  opts: { subscribe: boolean; pumped: boolean },
): Promise<{ cpuMs: number; deliveries: number; bytes: number }> {
  const { subscribe, pumped } = opts;
  const clock = { now: () => 0, setTimer: () => () => {} };
  const codec = new tree.Codec(router);
  const commits = new tree.game.CommitQueue(new tree.game.MemoryGameStore());
  let deliveries = 0;
  let bytes = 0;
  const limits = {
    highWaterMark: 1 << 20,
    maxBufferedBytes: 8 << 20,
    slowConsumerMs: 60_000,
  };
  const sinkOf = (id: number) => ({
    deliver: (result: unknown) => {
      const frame = codec.encode({ id, jsonrpc: "2.0", result });
      deliveries++;
      bytes += frame.length;
    },
    bufferedAmount: 0,
    isOpen: () => true,
    close: () => {},
  });
  const before = process.cpuUsage();
  for (const log of logs) {
    const room = new tree.game.GameRoom("g", { clock, commits });
    const seats = log.filter((e) => e.type === "player_joined");
    const streams = subscribe
      ? seats.map((e) =>
        room.subscribe({ kind: "player", player_id: e.player_id }, {})
      )
      : [];
    const stop = new AbortController();
    const pumps = pumped
      ? streams.map((stream, s) =>
        tree.pump(tree.trackedStream(stream), sinkOf(s + 1), {
          signal: stop.signal,
          limits,
        })
      )
      : [];
    for (let i = 0; i < log.length; i += BATCH) {
      room.fold(log.slice(i, i + BATCH));
      if (pumped) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        continue;
      }
      for (let s = 0; s < streams.length; s++) {
        const stream = streams[s];
        for (let n = stream.poll(); n !== undefined; n = stream.poll()) {
          if (n.done) break;
          const { id, event } = n.value;
          const frame = codec.encode({
            id: s + 1,
            jsonrpc: "2.0",
            result: { type: "data", id, data: { id, data: event } },
          });
          deliveries++;
          bytes += frame.length;
        }
      }
    }
    room.close();
    await Promise.all(pumps);
  }
  const used = process.cpuUsage(before);
  return {
    cpuMs: (used.user + used.system) / 1000 / logs.length,
    deliveries: deliveries / logs.length,
    bytes: bytes / logs.length,
  };
}

const BATCH = 3;

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      root: { type: "string" },
      games: { type: "string" },
      rounds: { type: "string" },
      pump: { type: "boolean" },
    },
  });
  const games = Number(values.games ?? 40);
  const rounds = Number(values.rounds ?? 3);
  const pumped = values.pump === true;
  const here = new URL("..", import.meta.url).pathname;
  const trees = [await load("tree", values.root ?? here)];
  const runs = new Map<string, { on: number[]; off: number[] }>();
  const counts = new Map<string, { deliveries: number; bytes: number }>();
  const logs = new Map<string, Event[][]>();
  for (const tree of trees) {
    logs.set(tree.label, await logsOf(tree, games));
    await replay(tree, logs.get(tree.label)!, { subscribe: true, pumped });
    runs.set(tree.label, { on: [], off: [] });
  }
  for (let r = 0; r < rounds; r++) {
    for (const tree of r % 2 === 0 ? trees : [...trees].reverse()) {
      const played = logs.get(tree.label)!;
      const on = await replay(tree, played, { subscribe: true, pumped });
      const off = await replay(tree, played, { subscribe: false, pumped });
      runs.get(tree.label)!.on.push(on.cpuMs);
      runs.get(tree.label)!.off.push(off.cpuMs);
      counts.set(tree.label, { deliveries: on.deliveries, bytes: on.bytes });
    }
  }
  // the least of the rounds: the one the rest of the machine disturbed least
  const least = (xs: number[]) => Math.min(...xs);
  const result: Record<string, number | boolean> = { games, rounds, pumped };
  for (const [label, run] of runs) {
    const { deliveries, bytes } = counts.get(label)!;
    const cost = least(run.on) - least(run.off);
    result[`${label}_cpu_ms_per_game_subscribed`] = least(run.on);
    result[`${label}_cpu_ms_per_game_unsubscribed`] = least(run.off);
    result[`${label}_delivery_cpu_ms_per_game`] = cost;
    result[`${label}_deliveries_per_game`] = deliveries;
    result[`${label}_frame_bytes_per_game`] = bytes;
    result[`${label}_delivery_cpu_us_per_delivery`] = cost * 1000 / deliveries;
  }
  console.log(JSON.stringify(result));
}
