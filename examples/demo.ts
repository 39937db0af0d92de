/**
 * `deno task demo`: starts a server, creates a game, runs 8 scripted bots as
 * separate WebSocket clients and narrates the game as it happens.
 * `--games N --concurrency K` plays N games, K at a time, and prints the win
 * rate per side and the games per second. `--timeout MS` sets each game's
 * action timeout (default 2000); `--turn-policy` (round_robin, random_order,
 * bidding, parallel) and `--vote-policy` (sequential, simultaneous) choose
 * how the day's talk and vote run (`deno task demo --turn-policy bidding`).
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import {
  type AppRouter,
  type GameEvent,
  PLAYER_NAMES,
  TURN_POLICIES,
  type TurnPolicy,
  VOTE_POLICIES,
  type VotePolicy,
} from "../src/mod.ts";

const NAMES = PLAYER_NAMES.slice(0, 8);
import { DEFAULT_CONFIG, startServer } from "../src/server/mod.ts";
import { runBot } from "./bot_agent.ts";

function flag(name: string, fallback: number): number {
  const at = Deno.args.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(Deno.args[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} takes a whole number of 1 or more`);
    Deno.exit(2);
  }
  return value;
}

/** The value of `--name` among `choices` (default the first). */
function choice<T extends string>(name: string, choices: readonly T[]): T {
  const at = Deno.args.indexOf(`--${name}`);
  const value = at === -1 ? choices[0] : Deno.args[at + 1];
  if (!choices.includes(value as T)) {
    console.error(`--${name} takes one of ${choices.join(", ")}`);
    Deno.exit(2);
  }
  return value as T;
}

function narrate(event: GameEvent, names: Map<string, string>): string | null {
  const who = (
    id: string | null,
  ) => (id === null ? "nobody" : `${names.get(id) ?? id} (${id})`);
  switch (event.type) {
    case "game_started":
      for (const p of event.players) names.set(p.id, p.name);
      return `The game begins with ${event.players.length} players.`;
    case "role_assigned":
      return `  ${who(event.player_id)} is ${event.role}`;
    case "phase_update":
      return `\n== ${event.new_phase.toUpperCase()} (day ${event.day}) — ${event.description}`;
    case "agent_message":
      return `  ${event.channel === "werewolves" ? "[wolves] " : ""}${
        who(event.agent_id)
      }: ${event.message_text}`;
    case "player_action":
      // simultaneous votes are narrated with the result that reveals them
      return event.action === "vote" && policies.votePolicy === "sequential"
        ? `  ${who(event.player_id)} votes for ${who(event.target)}`
        : null;
    case "seer_result":
      return `  the seer learns that ${who(event.target)} ${
        event.is_werewolf ? "IS" : "is not"
      } a werewolf`;
    case "player_died":
      return `  † ${
        who(event.player_id)
      } dies (${event.cause}); they were ${event.role}`;
    case "vote_result":
      return `${
        Object.entries(event.votes ?? {}).map(([voter, target]) =>
          `  ${who(voter)} voted for ${who(target)}\n`
        ).join("")
      }  the vote eliminates ${who(event.eliminated)}`;
    case "speaking_order":
      return `  round ${event.round}: ${event.order.map(who).join(", ")}`;
    case "bids_revealed":
      return `  bids ${
        Object.entries(event.bids).map(([id, bid]) => `${id}:${bid}`).join(" ")
      } → ${
        event.speaker === null
          ? "nobody: the talk is over"
          : `${who(event.speaker)} (${event.tie_break})`
      }`;
    case "game_over":
      return `\n*** The ${event.winner} win! ***`;
    default:
      return null;
  }
}

/** The talk and vote policies of the demo's games. */
const policies: { turnPolicy: TurnPolicy; votePolicy: VotePolicy } = {
  turnPolicy: choice("turn-policy", TURN_POLICIES),
  votePolicy: choice("vote-policy", VOTE_POLICIES),
};

async function playOne(
  url: string,
  adminToken: string,
  seed: number,
  narrateIt: boolean,
) {
  const ws = createWSClient({
    url,
    connectionParams: { clientType: "ui", token: adminToken },
  });
  const client = createTRPCClient<AppRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  try {
    const { gameId } = await client.lobby.createGame.mutate({
      name: `Demo ${seed}`,
      players: 8,
      seed,
      actionTimeoutMs: flag("timeout", 2000),
      turnPolicy: policies.turnPolicy,
      votePolicy: policies.votePolicy,
    });
    const names = new Map<string, string>();
    const narration = narrateIt
      ? new Promise<void>((resolve) => {
        const sub = client.game.events.subscribe({ gameId }, {
          onData: ({ data }) => {
            const line = narrate(data, names);
            if (line !== null) console.log(line);
            if (data.type === "game_over") {
              sub.unsubscribe();
              resolve();
            }
          },
        });
      })
      : Promise.resolve();
    const results = await Promise.all(
      NAMES.map((name, i) =>
        runBot({ url, gameId, name, seed: seed * 31 + i })
      ),
    );
    await narration;
    return results[0]?.winner ?? "village";
  } finally {
    await ws.close();
  }
}

if (import.meta.main) {
  const games = flag("games", 1);
  const concurrency = Math.min(flag("concurrency", 1), games);
  const adminToken = crypto.randomUUID();
  const server = startServer(
    {
      ...DEFAULT_CONFIG,
      host: "127.0.0.1",
      port: 0,
      adminToken,
      dataDir: ":memory:",
      wsMaxConnectionsPerIp: 0, // every bot connects from this machine
    },
    { log: () => {} },
  );
  const url = `ws://127.0.0.1:${server.port}/trpc`;
  const wins = { village: 0, werewolves: 0 };
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < games) {
      const seed = 1000 + next++;
      wins[await playOne(url, adminToken, seed, games === 1)]++;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\n${games} game(s) in ${seconds.toFixed(1)} s (${
      (games / seconds).toFixed(2)
    } games/s, concurrency ${concurrency}): ` +
      `village ${(100 * wins.village / games).toFixed(0)}%, werewolves ${
        (100 * wins.werewolves / games).toFixed(0)
      }%`,
  );
  await server.shutdown();
}
