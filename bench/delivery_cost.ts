/**
 * The delivery side's CPU per 8-player game, in-process, no sockets: games
 * played by their deadlines alone (every action times out) give logs; each
 * log is then folded into a fresh room a few events at a time, once with
 * the 8 seats subscribed and every ready delivery encoded by the WebSocket
 * adapter's codec as the pump sends it, once with nobody subscribed. The
 * difference is what the fan-out, the numbering, the streams and the codec
 * cost per game. Process CPU time (`process.cpuUsage`), the least of the
 * rounds. `--root` measures another tree's modules; compare trees in
 * separate processes, alternating, at the same kind of path (a tree
 * extracted under /tmp measured slower with the very same code). Prints
 * one JSON line.
 *
 * ```sh
 * deno run -A bench/delivery_cost.ts [--root /path/to/tree] [--games 20] [--rounds 6]
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
}

async function load(label: string, root: string): Promise<Tree> {
  const url = (path: string) => new URL(path, `file://${root}/`).href;
  return {
    label,
    game: await import(url("src/game/mod.ts")),
    engine: await import(url("src/engine/mod.ts")),
    Codec: (await import(url("src/ws/_codec.ts"))).Codec,
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
 * the CPU ms per game, deliveries and frame bytes per game.
 */
function replay(
  tree: Tree,
  logs: Event[][],
  subscribe: boolean,
): { cpuMs: number; deliveries: number; bytes: number } {
  const clock = { now: () => 0, setTimer: () => () => {} };
  const codec = new tree.Codec(router);
  const commits = new tree.game.CommitQueue(new tree.game.MemoryGameStore());
  let deliveries = 0;
  let bytes = 0;
  const before = process.cpuUsage();
  for (const log of logs) {
    const room = new tree.game.GameRoom("g", { clock, commits });
    const seats = log.filter((e) => e.type === "player_joined");
    const streams = subscribe
      ? seats.map((e) =>
        room.subscribe({ kind: "player", player_id: e.player_id }, {})
      )
      : [];
    for (let i = 0; i < log.length; i += BATCH) {
      room.fold(log.slice(i, i + BATCH));
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
    },
  });
  const games = Number(values.games ?? 40);
  const rounds = Number(values.rounds ?? 3);
  const here = new URL("..", import.meta.url).pathname;
  const trees = [await load("tree", values.root ?? here)];
  const runs = new Map<string, { on: number[]; off: number[] }>();
  const counts = new Map<string, { deliveries: number; bytes: number }>();
  const logs = new Map<string, Event[][]>();
  for (const tree of trees) {
    logs.set(tree.label, await logsOf(tree, games));
    replay(tree, logs.get(tree.label)!, true); // warm-up
    runs.set(tree.label, { on: [], off: [] });
  }
  for (let r = 0; r < rounds; r++) {
    for (const tree of r % 2 === 0 ? trees : [...trees].reverse()) {
      const played = logs.get(tree.label)!;
      const on = replay(tree, played, true);
      const off = replay(tree, played, false);
      runs.get(tree.label)!.on.push(on.cpuMs);
      runs.get(tree.label)!.off.push(off.cpuMs);
      counts.set(tree.label, { deliveries: on.deliveries, bytes: on.bytes });
    }
  }
  // the least of the rounds: the one the rest of the machine disturbed least
  const least = (xs: number[]) => Math.min(...xs);
  const result: Record<string, number> = { games, rounds };
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
