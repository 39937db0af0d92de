/**
 * Counts what one 8-player bot game costs the delivery side, on a running
 * server: the log's events by type (from the ended game's transcript), the
 * deliveries each seat got by type and their JSON bytes (as the bots read
 * them), and the server's own counters around the games (`/metrics`:
 * subscription deliveries, bytes sent, calls). Counts, not times: they do
 * not depend on the machine's load. Games run one after another. Prints one
 * JSON line.
 *
 * ```sh
 * deno run -A bench/game_counts.ts --url ws://127.0.0.1:8000/trpc \
 *   --admin-token T [--games 5] [--seed 1]
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { parseArgs } from "node:util";
import type { AppRouter } from "../src/mod.ts";
import { runBot } from "../examples/bot_agent.ts";

/** The per-game counts {@linkcode countGames} answers. */
export interface GameCounts {
  games: number;
  /** Events in a game's log, and by type. */
  log_events: number;
  log_by_type: Record<string, number>;
  /** Deliveries to the 8 seats together, by type, and per seat. */
  seat_deliveries: number;
  seat_deliveries_per_seat: number;
  seat_by_type: Record<string, number>;
  /** JSON bytes of the events the seats got (without the frame around them). */
  seat_event_bytes: number;
  /** The server's counters' growth per game (null when /metrics is not read). */
  server_deliveries: number | null;
  server_sent_bytes: number | null;
  server_calls: number | null;
}

const COUNTERS = {
  deliveries: /^loupgarou_subscription_deliveries_total\{[^}]*\} (\d+)/gm,
  sent: /^loupgarou_sent_bytes_total\{[^}]*\} (\d+)/gm,
  calls: /^loupgarou_calls_total\{[^}]*\} (\d+)/gm,
};

/** The sums of the server's counters, or null when it does not answer them. */
async function counters(
  url: string,
  token: string,
): Promise<Record<keyof typeof COUNTERS, number> | null> {
  const http = url.replace(/^ws/, "http").replace(/\/trpc$/, "/metrics");
  const response = await fetch(http, {
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => null);
  if (response === null || !response.ok) {
    await response?.body?.cancel();
    return null;
  }
  const text = await response.text();
  const sum = (re: RegExp) =>
    [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    deliveries: sum(COUNTERS.deliveries),
    sent: sum(COUNTERS.sent),
    calls: sum(COUNTERS.calls),
  };
}

function add(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

function perGame(
  counts: Record<string, number>,
  games: number,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).map(([k, v]) => [k, v / games]),
  );
}

/** Plays `games` games one after another and counts them (see the module). */
export async function countGames(
  options: { url: string; adminToken: string; games: number; seed: number },
): Promise<GameCounts> {
  const { url, adminToken, games, seed } = options;
  const ws = createWSClient({
    url,
    connectionParams: { clientType: "ui", token: adminToken },
  });
  const client = createTRPCClient<AppRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  const log: Record<string, number> = {};
  const seats: Record<string, number> = {};
  let logEvents = 0;
  let deliveries = 0;
  let bytes = 0;
  try {
    const before = await counters(url, adminToken);
    for (let g = 0; g < games; g++) {
      const gameSeed = seed * 100_000 + g;
      const { gameId } = await client.lobby.createGame.mutate({
        name: `Counts ${g}`,
        players: 8,
        seed: gameSeed,
        actionTimeoutMs: 2000,
      });
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          runBot({
            url,
            gameId,
            name: `Bot${i + 1}`,
            seed: gameSeed * 31 + i,
          })),
      );
      for (const { events } of results) {
        deliveries += events.length;
        for (const event of events) {
          add(seats, event.type);
          bytes += JSON.stringify(event).length;
        }
      }
      const { events } = await client.game.transcript.query({ gameId });
      logEvents += events.length;
      for (const event of events) add(log, event.type);
    }
    const after = await counters(url, adminToken);
    const grew = (key: keyof typeof COUNTERS) =>
      before === null || after === null
        ? null
        : (after[key] - before[key]) / games;
    return {
      games,
      log_events: logEvents / games,
      log_by_type: perGame(log, games),
      seat_deliveries: deliveries / games,
      seat_deliveries_per_seat: deliveries / games / 8,
      seat_by_type: perGame(seats, games),
      seat_event_bytes: bytes / games,
      server_deliveries: grew("deliveries"),
      server_sent_bytes: grew("sent"),
      server_calls: grew("calls"),
    };
  } finally {
    await ws.close();
  }
}

if (import.meta.main) {
  const text = { type: "string" } as const;
  const { values } = parseArgs({
    args: Deno.args,
    options: { url: text, "admin-token": text, games: text, seed: text },
  });
  if (!values.url || !values["admin-token"]) {
    console.error("--url and --admin-token are required");
    Deno.exit(2);
  }
  const counts = await countGames({
    url: values.url,
    adminToken: values["admin-token"],
    games: Number(values.games ?? 5),
    seed: Number(values.seed ?? 1),
  });
  console.log(JSON.stringify(counts));
}
