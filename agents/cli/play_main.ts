/**
 * `deno task play`: the quickest way to see a model play. Starts a server
 * (`main.ts` as a child process, or uses `--url`), creates a game, seats
 * `--house-bots` of the server's house bots (seated by the server as the
 * game is created), `--bots` scripted bots (clients, like the agents) and
 * LLM agents in the other seats, and narrates the public game to the end.
 *
 * ```sh
 * OPENAI_BASE_URL=http://localhost:11434/v1 deno task play --model llama3.2 --players 8 --bots 3
 * deno task play --model llama3.2 --players 8 --house-bots 7   # one model against 7 house bots
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import {
  type AppRouter,
  HOUSE_BOT_THINK_MS,
  PLAYER_NAMES as NAMES,
} from "../../src/mod.ts";
import { runBot } from "../bot_agent.ts";
import { openModel, runLlmAgent } from "../llm_agent.ts";
import { checkModel } from "./_check_model.ts";
import {
  FlagError,
  MODEL_FLAGS,
  modelFlags,
  numberFlag,
  parse,
} from "./_flags.ts";
import { publicLine, turnLine } from "./_narrate.ts";
import { startChildServer } from "./_server_child.ts";

const USAGE =
  "usage: deno task play --model MODEL [--players 8] [--bots 0] [--house-bots 0] [--house-bot-think-ms 1200] [--url ws://HOST:PORT/trpc] [--action-timeout-ms 60000] [--seed N] [model flags as for deno task agent]";

/** Runs the command; the exit code. */
export async function main(args: string[]): Promise<number> {
  let flags, values, players, bots, houseBots, think, timeout, seed;
  try {
    values = parse(args, {
      ...MODEL_FLAGS,
      players: { type: "string" },
      bots: { type: "string" },
      "house-bots": { type: "string" },
      "house-bot-think-ms": { type: "string" },
      "action-timeout-ms": { type: "string" },
      seed: { type: "string" },
    });
    flags = await modelFlags(values, (name) => Deno.env.get(name));
    players =
      numberFlag(values, "players", { min: 5, max: 18, integer: true }) ?? 8;
    bots =
      numberFlag(values, "bots", { min: 0, max: players - 1, integer: true }) ??
        0;
    houseBots = numberFlag(values, "house-bots", {
      min: 0,
      max: players - 1 - bots,
      integer: true,
    }) ?? 0;
    think = numberFlag(values, "house-bot-think-ms", {
      ...HOUSE_BOT_THINK_MS,
      integer: true,
    });
    timeout = numberFlag(values, "action-timeout-ms", {
      min: 1000,
      max: 600_000,
      integer: true,
    }) ?? 60_000;
    seed = numberFlag(values, "seed", {
      min: 0,
      max: 2 ** 32 - 1,
      integer: true,
    });
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const model = openModel(flags);
  const check = await checkModel(model, {
    model: flags.model,
    baseUrl: model.baseURL,
  });
  if (check.error !== null) {
    console.error(check.error);
    return 1;
  }
  if (check.note) console.error(check.note);
  const token = values.url ? Deno.env.get("ADMIN_TOKEN") : crypto.randomUUID();
  await using child = values.url ? null : await startChildServer(token!);
  const url = values.url ?? child!.url;
  const ws = createWSClient({
    url,
    connectionParams: { clientType: "ui", ...(token ? { token } : {}) },
  });
  try {
    const trpc = createTRPCClient<AppRouter>({
      links: [wsLink({ client: ws, transformer: superjson })],
    });
    const { gameId } = await trpc.lobby.createGame.mutate({
      players,
      actionTimeoutMs: timeout,
      ...(seed === undefined ? {} : { seed }),
      ...(houseBots === 0 ? {} : { houseBots }),
      ...(think === undefined ? {} : { houseBotThinkMs: think }),
    });
    const agents = players - bots - houseBots;
    console.log(
      `game ${gameId} at ${url}: ${agents} ${flags.model} agents, ${bots} bots${
        houseBots === 0 ? "" : `, ${houseBots} house bots`
      }`,
    );
    const over = new Promise<void>((resolve, reject) => {
      const subscription = trpc.game.events.subscribe({ gameId }, {
        onData({ data: event }) {
          const line = publicLine(event);
          if (line !== null) console.log(line);
          if (event.type === "game_over") {
            subscription.unsubscribe();
            resolve();
          }
        },
        onError: reject,
      });
    });
    // the house bots took the first names
    const seats = NAMES.slice(houseBots, players).map((name, index) =>
      index < agents
        ? runLlmAgent({
          ...flags,
          client: model,
          url,
          gameId,
          name,
          seed: index + 1,
          onTurn: (record) => console.log(`  ${turnLine(name, record)}`),
        })
        : runBot({ url, gameId, name: `${name}-bot`, seed: index + 1 })
    );
    await Promise.all([over, ...seats]);
    return 0;
  } finally {
    await ws.close();
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
