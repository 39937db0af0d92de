import {
  getTRPCErrorFromUnknown,
  isTrackedEnvelope,
  TRPCError,
} from "@trpc/server";
import type {
  GameEventOf,
  LegacyCommand,
  PlayerId,
  PublishInput,
} from "../contract/mod.ts";
import type { AppContext } from "../api/context.ts";
import { appRouter } from "../api/router.ts";
import { COMMANDS, FOLLOWS, IN_GAME } from "./_commands.ts";
import {
  errorMessage,
  gameEventMessage,
  hubOutgoing,
  type LegacyOutgoing,
  type LegacySigner,
  pongMessage,
  resultMessage,
} from "./messages.ts";
import { type LegacyAbout, parseLegacyMessage } from "./parse.ts";

/** What a client's message gets: the answers and, maybe, a game to follow. */
export interface LegacyAnswer {
  /** The messages to send back, in order (none for a `pong`). */
  replies: LegacyOutgoing[];
  /** After `join_game` or `watch_game`: the game to follow from now on. */
  follow?: string;
}

/** A message of one of the two streams, with its position. */
export interface LegacyDelivery {
  /** The hub event id, or the game event's seq. */
  id: string;
  /** The message. */
  message: LegacyOutgoing;
  /** True for the game's last event (`game_over`): the stream ends. */
  last?: boolean;
}

/** Options of {@linkcode LegacyClient}. */
export interface LegacyClientOptions {
  /** Called with every error a command or publish ends with. */
  onError?: (error: TRPCError, path: string | undefined) => void;
}

/**
 * One client of the original JSON protocol, speaking to the typed API:
 * each message runs the procedure a typed client would call, through the
 * router (`createCaller`) with the connection's own context, so its
 * authorization, results and errors are the same.
 */
export class LegacyClient {
  #ctx: AppContext;
  #onError: LegacyClientOptions["onError"];
  #following: string | null = null;
  #follows: Promise<unknown> = Promise.resolve();

  constructor(ctx: AppContext, options: LegacyClientOptions = {}) {
    this.#ctx = ctx;
    this.#onError = options.onError;
  }

  /** The game of this connection's latest seat (a seat token's, or joined), or null. */
  get seatGame(): string | null {
    let last: string | null = null;
    for (const gameId of this.#ctx.seats.keys()) last = gameId;
    return last;
  }

  /** The game whose events the connection receives, or null. */
  get following(): string | null {
    return this.#following;
  }

  set following(gameId: string | null) {
    this.#following = gameId;
  }

  /** The server's signature on an answer made now. */
  signer(): LegacySigner {
    const { hub } = this.#ctx;
    return { client_id: hub.serverClientId, timestamp: hub.timestamp() };
  }

  /** Answers one text frame. Never throws: a refusal is an `error` message. */
  async handle(text: string): Promise<LegacyAnswer> {
    const parsed = parseLegacyMessage(text);
    if (!parsed.ok) {
      return { replies: [this.#error(parsed.error, parsed.about)] };
    }
    const { incoming, about } = parsed;
    if (incoming.kind === "pong") return { replies: [] };
    if (incoming.kind === "publish") {
      // hub.publish checks message.client_id itself (admins may name another)
      const input = { message: incoming.message, ...incoming.routing };
      try {
        const receipt = await this.#caller().hub.publish(input as PublishInput);
        const replies = about.request_id === undefined
          ? []
          : [resultMessage(receipt, { about, signer: this.signer() })];
        return { replies };
      } catch (cause) {
        return { replies: [this.#error(cause, about, "hub.publish", input)] };
      }
    }
    const claimed = incoming.envelope.client_id;
    const own = this.#ctx.who.client_id;
    if (claimed !== undefined && claimed !== own) {
      const error = new TRPCError({
        code: "FORBIDDEN",
        message:
          `You may send only as yourself: client_id is ${claimed} but you connected as ${own}. Leave client_id out and the server knows who you are.`,
      });
      return { replies: [this.#error(error, about)] };
    }
    if (incoming.kind === "ping") {
      return { replies: [pongMessage(incoming.envelope, this.signer())] };
    }
    return await this.#command(incoming.command, incoming.input, about);
  }

  /**
   * The hub messages addressed to this client (`hub.events`): the
   * `connection` welcome first (with `data.game_id` and `data.player_id`
   * when a seat token was given), then what was missed after `lastEventId`,
   * then live messages. A `presence_diff` comes as the original
   * `connection` and `disconnection` messages it lists (but this client's
   * own), each with the diff's event id.
   */
  async *hubEvents(
    lastEventId: string | null,
    options: { signal: AbortSignal; presence?: boolean | undefined },
  ): AsyncGenerator<LegacyDelivery, void, undefined> {
    const { signal, presence } = options;
    const stream = await this.#caller(signal).hub.events({
      lastEventId,
      presence,
    });
    let first = true;
    for await (const item of stream) {
      const [id, message] = untrack(item);
      if (message.message_type === "presence_diff") {
        // the original protocol has no diff: each change as its own message
        const { leaves, joins } = message.data;
        for (const change of [...leaves, ...joins]) {
          if (change.client_id === this.#ctx.who.client_id) continue; // as ever
          yield { id, message: hubOutgoing(change) };
        }
        continue;
      }
      const out = hubOutgoing(message);
      if (first && message.message_type === "connection") {
        const game = this.seatGame;
        if (game !== null) {
          out.data = {
            ...out.data,
            game_id: game,
            player_id: this.#ctx.seats.get(game),
          };
        }
      }
      first = false;
      yield { id, message: out };
    }
  }

  /**
   * The events of `gameId` this client may see (`game.events`), after its
   * own seq `after` (each event's `seq` is the viewer's own, see
   * `game.events`), as `game_event` and `your_turn` messages; it ends after
   * `game_over`. A resuming player whose turn came before `after` and is
   * still awaited gets that `your_turn` again first.
   */
  async *gameEvents(
    gameId: string,
    options: { after: number; signal: AbortSignal },
  ): AsyncGenerator<LegacyDelivery, void, undefined> {
    const { after } = options;
    const stream = await this.#caller(options.signal).game.events({
      gameId,
      lastEventId: after > 0 ? String(after) : null,
    });
    const again = after > 0 ? this.#awaitedTurn(gameId, after) : null;
    if (again !== null) {
      const message = gameEventMessage(gameId, { event: again, awaited: true });
      yield { id: String(after), message };
    }
    for await (const item of stream) {
      const [id, event] = untrack(item);
      const awaited = event.type === "your_turn" &&
        this.#isAwaited(gameId, event);
      const message = gameEventMessage(gameId, { event, awaited });
      const last = event.type === "game_over";
      yield { id: String(id), message, last };
      if (last) return;
    }
  }

  /** Whether `turn` is this seat's and the game still waits for it. */
  #isAwaited(gameId: string, turn: GameEventOf<"your_turn">): boolean {
    const pending = this.#pending(gameId);
    return pending !== null && turn.player_id === pending.player_id &&
      turn.request === pending.request && turn.deadline === pending.deadline;
  }

  /** The seat's awaited `your_turn` among its first `upTo` events, its seq its own. */
  #awaitedTurn(gameId: string, upTo: number): GameEventOf<"your_turn"> | null {
    const playerId = this.#ctx.seats.get(gameId) as PlayerId | undefined;
    if (playerId === undefined) return null;
    return this.#ctx.games.room(gameId).awaitedTurn(playerId, upTo);
  }

  /** What the game waits for from this connection's seat in `gameId`. */
  #pending(gameId: string) {
    const playerId = this.#ctx.seats.get(gameId) as PlayerId | undefined;
    if (playerId === undefined) return null;
    const pending = this.#ctx.games.room(gameId).awaited(playerId);
    return pending === null ? null : { ...pending, player_id: playerId };
  }

  #command(
    command: LegacyCommand,
    given: Record<string, unknown>,
    about: LegacyAbout,
  ): Promise<LegacyAnswer> {
    const input = { ...given };
    const followed = this.#following ?? this.seatGame;
    if (IN_GAME.has(command) && input["gameId"] === undefined) {
      if (!followed) {
        const error = new TRPCError({
          code: "BAD_REQUEST",
          message:
            `${command} needs a game and this connection has none yet: send join_game (or watch_game) first, or give "gameId" in the message.`,
        });
        return Promise.resolve({
          replies: [this.#error(error, about, COMMANDS[command].path, input)],
        });
      }
      input["gameId"] = followed;
    }
    if (!FOLLOWS.has(command)) return this.#run(command, { input, about });
    // one at a time, so that two joins cannot both pass the one-game rule
    const run = this.#follows.then(() =>
      this.#run(command, { input, about, follows: true })
    );
    this.#follows = run;
    return run;
  }

  async #run(
    command: LegacyCommand,
    opts: {
      input: Record<string, unknown>;
      about: LegacyAbout;
      follows?: boolean;
    },
  ): Promise<LegacyAnswer> {
    const { input, about } = opts;
    const route = COMMANDS[command];
    try {
      const target = input["gameId"];
      if (opts.follows && typeof target === "string") this.#mayFollow(target);
      const result = await route.run(this.#caller(), input);
      const replies = [resultMessage(result, { about, signer: this.signer() })];
      if (opts.follows && typeof target === "string") {
        this.#following = target;
        return { replies, follow: target };
      }
      return { replies };
    } catch (cause) {
      return { replies: [this.#error(cause, about, route.path, input)] };
    }
  }

  /** One connection follows one game; a seat's game until its end. */
  #mayFollow(gameId: string): void {
    const current = this.#following;
    if (current === null || current === gameId) return;
    if (!this.#ctx.seats.has(current)) return;
    throw new TRPCError({
      code: "CONFLICT",
      message:
        `This connection plays in ${current} and follows it until its game_over: open another connection to join or watch ${gameId}.`,
    });
  }

  #caller(signal?: AbortSignal) {
    return appRouter.createCaller(this.#ctx, signal ? { signal } : {});
  }

  #error(
    cause: unknown,
    about: LegacyAbout,
    path?: string,
    input?: unknown,
  ): LegacyOutgoing {
    const error = getTRPCErrorFromUnknown(cause);
    this.#onError?.(error, path);
    return errorMessage(error, {
      about,
      signer: this.signer(),
      ctx: this.#ctx,
      path,
      input,
    });
  }
}

/**
 * A subscription's item as `[id, data]`: the resolver yields tracked
 * envelopes, which the caller's types describe as `{ id, data }`.
 */
function untrack<T>(item: { id: string; data: T }): [string, T] {
  const raw: unknown = item;
  if (isTrackedEnvelope(raw)) return [String(raw[0]), raw[1] as T];
  return [item.id, item.data];
}
