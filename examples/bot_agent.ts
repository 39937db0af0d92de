/**
 * A scripted Loup-Garou agent that plays a whole game over the typed
 * contract. It imports only the client entry (`src/mod.ts`) and the official
 * tRPC client. It resumes after a dropped socket with its seat token and
 * `lastEventId`, and retries unanswered actions with the same `actionId`.
 *
 * ```sh
 * deno run --allow-net examples/bot_agent.ts ws://localhost:8000/trpc <gameId> <name>
 * ```
 * @module
 */
import {
  createTRPCClient,
  createWSClient,
  TRPCClientError,
  type TRPCLink,
  wsLink,
} from "@trpc/client";
import { observable } from "@trpc/server/observable";
import superjson from "superjson";
import type {
  AppRouter,
  GameEvent,
  GameEventOf,
  PlayerId,
  Role,
} from "../src/mod.ts";
import { Memory, random } from "./bot_memory.ts";

/** Options of {@linkcode runBot}. */
export interface BotOptions {
  /** The server's tRPC WebSocket URL, e.g. `ws://localhost:8000/trpc`. */
  url: string;
  /** The game to join. */
  gameId: string;
  /** The player's name. */
  name: string;
  /** Seeds the bot's choices. */
  seed?: number;
  /** Where the bot's log lines go (default: nowhere). */
  log?: (line: string) => void;
  /** Aborting it makes the bot leave. */
  signal?: AbortSignal;
  /** Called with the bot's WebSocket client (tests use it to cut the socket). */
  onClient?: (client: ReturnType<typeof createWSClient>) => void;
  /**
   * Called when each of the bot's mutations settles, with its path
   * (`game.say`, `lobby.join`, …), its round trip in ms and whether it was
   * answered (`false`: refused or failed); the benchmark uses it.
   */
  onCallTimed?: (path: string, ms: number, ok: boolean) => void;
  /**
   * Called with each mutation the server acknowledged: its path, its input
   * and the answer (tests check that no acknowledged action is lost).
   */
  onAck?: (ack: { path: string; input: unknown; output: unknown }) => void;
}

/** A link that times every mutation and reports the acknowledged ones. */
function watchLink(
  options: Pick<BotOptions, "onCallTimed" | "onAck">,
): TRPCLink<AppRouter> {
  return () => ({ op, next }) =>
    observable((observer) => {
      if (op.type !== "mutation") return next(op).subscribe(observer);
      const started = performance.now();
      const done = (ok: boolean) =>
        options.onCallTimed?.(op.path, performance.now() - started, ok);
      return next(op).subscribe({
        next: (value) => {
          if ("data" in value.result) {
            const output: unknown = value.result.data;
            options.onAck?.({ path: op.path, input: op.input, output });
          }
          observer.next(value);
        },
        error: (error) => {
          done(false);
          observer.error(error);
        },
        complete: () => {
          done(true);
          observer.complete();
        },
      });
    });
}

/** How a bot's game ended. */
export interface BotResult {
  /** The bot's seat. */
  playerId: PlayerId;
  /** The bot's role. */
  role: Role | null;
  /** Who won. */
  winner: "village" | "werewolves";
  /** Every event the bot saw, in order. */
  events: GameEvent[];
}

/** Joins `gameId` and plays until the game is over. */
export async function runBot(options: BotOptions): Promise<BotResult> {
  const log = options.log ?? (() => {});
  const rand = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(rand() * items.length)];
  const seatAuth: { token?: string } = {}; // set after join, sent on every reconnect
  // client ids allow only [A-Za-z0-9_.:-]: keep the name's letters, drop accents
  const slug = options.name.normalize("NFD").replace(/[^A-Za-z0-9_.:-]/g, "")
    .slice(0, 40);
  const clientId = `bot-${slug}-${Math.floor(rand() * 1e9).toString(36)}`;
  const wsClient = createWSClient({
    url: options.url,
    connectionParams: () => ({
      clientId,
      clientType: "agent",
      ...(seatAuth.token ? { token: seatAuth.token } : {}),
    }),
    retryDelayMs: (attempt) => Math.min(50 * 2 ** attempt, 1000),
  });
  options.onClient?.(wsClient);
  const client = createTRPCClient<AppRouter>({
    links: [
      ...(options.onCallTimed || options.onAck ? [watchLink(options)] : []),
      wsLink({ client: wsClient, transformer: superjson }),
    ],
  });
  const seat = await client.lobby.join.mutate({
    gameId: options.gameId,
    name: options.name,
  });
  seatAuth.token = seat.seatToken;
  const me = seat.playerId as PlayerId;
  const memory = new Memory();
  const events: GameEvent[] = [];
  const handled = new Set<number>();

  /** Sends an action; retries the same actionId while the socket is down. */
  async function send(
    actionId: string,
    call: (actionId: string) => Promise<unknown>,
  ) {
    for (let attempt = 0; attempt < 40; attempt++) { // about 30 s: a server restart
      try {
        await call(actionId);
        return;
      } catch (error) {
        const code = error instanceof TRPCClientError
          ? error.data?.code
          : undefined;
        if (code !== undefined) {
          log(
            `${options.name}: refused (${code}): ${(error as Error).message}`,
          );
          return; // a rule refusal: retrying would not change it
        }
        const wait = Math.min(100 * 1.5 ** attempt, 1000);
        await new Promise((resolve) => setTimeout(resolve, wait)); // socket down: try again
      }
    }
  }

  function suspect(options_: readonly PlayerId[]): PlayerId | undefined {
    const known = options_.filter((id) => memory.wolvesFound.has(id));
    if (known.length > 0) return pick(known);
    const fresh = options_.filter((id) =>
      !memory.cleared.has(id) && !memory.teammates.has(id)
    );
    let best: PlayerId | undefined;
    let most = 0;
    for (const id of fresh) {
      const count = memory.accusations.get(id) ?? 0;
      if (count > most) [best, most] = [id, count];
    }
    return best ?? pick(fresh.length > 0 ? fresh : options_);
  }

  function answer(turn: GameEventOf<"your_turn">) {
    const actionId = `turn-${turn.seq}`;
    const { gameId } = options;
    const target = (
      id: PlayerId | undefined,
    ) => (id === undefined ? {} : { target: id });
    switch (turn.request) {
      case "speak": {
        const accused = memory.role === "werewolf"
          ? pick(
            turn.options.length
              ? turn.options
              : [...memory.alive].filter((id) =>
                !memory.teammates.has(id) && id !== me
              ),
          )
          : suspect([...memory.alive].filter((id) => id !== me));
        const found = [...memory.wolvesFound].find((id) =>
          memory.alive.has(id)
        );
        const text = memory.role === "seer" && found !== undefined
          ? `I am the seer: ${found} is a werewolf!`
          : accused !== undefined && rand() < 0.8
          ? `I suspect ${accused}.`
          : "";
        return send(
          actionId,
          (id) => client.game.say.mutate({ gameId, text, actionId: id }),
        );
      }
      case "vote": {
        const choice = memory.role === "werewolf"
          ? pick(turn.options.filter((id) => !memory.teammates.has(id)))
          : suspect(turn.options);
        return send(
          actionId,
          (id) =>
            client.game.vote.mutate({
              gameId,
              target: choice ?? null,
              actionId: id,
            }),
        );
      }
      case "wolf_kill":
      case "seer_inspect":
      case "guard_protect":
      case "hunter_shoot": {
        const choices = turn.request === "seer_inspect"
          ? turn.options.filter((id) =>
            !memory.cleared.has(id) && !memory.wolvesFound.has(id)
          )
          : turn.options;
        const choice = turn.request === "hunter_shoot"
          ? suspect(turn.options)
          : pick(choices.length ? choices : turn.options);
        return send(
          actionId,
          (id) =>
            client.game.act.mutate({
              gameId,
              action: { kind: turn.request as "wolf_kill", ...target(choice) },
              actionId: id,
            }),
        );
      }
      case "witch": {
        return (async () => {
          if (memory.victim !== null && memory.heal) {
            await send(
              `${actionId}-save`,
              (id) =>
                client.game.act.mutate({
                  gameId,
                  action: {
                    kind: "witch_save",
                    target: memory.victim as PlayerId,
                  },
                  actionId: id,
                }),
            );
          }
          await send(
            `${actionId}-pass`,
            (id) =>
              client.game.act.mutate({
                gameId,
                action: { kind: "witch_pass" },
                actionId: id,
              }),
          );
        })();
      }
    }
  }

  try {
    const winner = await new Promise<"village" | "werewolves">(
      (resolve, reject) => {
        const subscription = client.game.events.subscribe({
          gameId: options.gameId,
        }, {
          onData({ data: event }) {
            events.push(event);
            memory.learn(event, me);
            if (
              event.type === "your_turn" && event.player_id === me &&
              !handled.has(event.seq)
            ) {
              handled.add(event.seq);
              void answer(event);
            }
            if (event.type === "game_over") {
              subscription.unsubscribe();
              resolve(event.winner);
            }
          },
          onError: reject,
        });
        options.signal?.addEventListener("abort", () => {
          subscription.unsubscribe();
          reject(new Error("the bot was stopped"));
        }, { once: true });
      },
    );
    log(`${options.name} (${me}, ${memory.role}): ${winner} won`);
    return { playerId: me, role: memory.role, winner, events };
  } finally {
    await wsClient.close();
  }
}

if (import.meta.main) {
  const [url, gameId, name] = Deno.args;
  if (!url || !gameId || !name) {
    console.error("usage: bot_agent.ts <ws url> <gameId> <name>");
    Deno.exit(2);
  }
  const result = await runBot({
    url,
    gameId,
    name,
    seed: Date.now() % 1e9,
    log: console.log,
  });
  console.log(`${result.playerId} was ${result.role}; ${result.winner} won`);
}
