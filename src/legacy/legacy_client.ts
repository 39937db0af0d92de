import { getTRPCErrorFromUnknown, TRPCError } from "@trpc/server";
import type { LegacyCommand, PublishInput } from "../contract/mod.ts";
import type { AppContext } from "../api/context.ts";
import { appRouter } from "../api/router.ts";
import { COMMANDS, FOLLOWS, IN_GAME } from "./_commands.ts";
import {
  errorMessage,
  type LegacyOutgoing,
  type LegacySigner,
  pongMessage,
  resultMessage,
} from "./messages.ts";
import { legacyGameEvents, legacyHubEvents } from "./_streams.ts";
import {
  type LegacyAbout,
  type LegacyIncoming,
  parseLegacyMessage,
} from "./parse.ts";
import type { WSCallProbe } from "../ws/ws_options.ts";

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
  /**
   * Told of each message that runs a procedure (`path`, its `type`), as
   * the adapter's observer is of a tRPC call; the probe hears its code.
   */
  observe?:
    | ((path: string, type: string) => WSCallProbe | undefined)
    | undefined;
}

/** What an answer carries back to {@linkcode LegacyClient.handle}: its code. */
type Coded = LegacyAnswer & { code: string | null };

/**
 * One client of the original JSON protocol, speaking to the typed API:
 * each message runs the procedure a typed client would call, through the
 * router (`createCaller`) with the connection's own context, so its
 * authorization, results and errors are the same.
 */
export class LegacyClient {
  #ctx: AppContext;
  #onError: LegacyClientOptions["onError"];
  #observe: LegacyClientOptions["observe"];
  #following: string | null = null;
  #follows: Promise<unknown> = Promise.resolve();

  constructor(ctx: AppContext, options: LegacyClientOptions = {}) {
    this.#ctx = ctx;
    this.#onError = options.onError;
    this.#observe = options.observe;
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
    const path = incoming.kind === "publish"
      ? "hub.publish"
      : incoming.kind === "ping"
      ? null // not a procedure: not counted
      : COMMANDS[incoming.command].path;
    const probe = path === null
      ? undefined
      : this.#observe?.(path, procedureType(path));
    const { code, ...answer } = await this.#answer(incoming, about);
    probe?.answered(code);
    return answer;
  }

  async #answer(
    incoming: Exclude<LegacyIncoming, { kind: "pong" }>,
    about: LegacyAbout,
  ): Promise<Coded> {
    if (incoming.kind === "publish") {
      // hub.publish checks message.client_id itself (admins may name another)
      const input = { message: incoming.message, ...incoming.routing };
      try {
        const receipt = await this.#caller().hub.publish(input as PublishInput);
        const replies = about.request_id === undefined
          ? []
          : [resultMessage(receipt, { about, signer: this.signer() })];
        return { replies, code: null };
      } catch (cause) {
        return this.#failed(cause, { about, path: "hub.publish", input });
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
      return this.#failed(error, { about });
    }
    if (incoming.kind === "ping") {
      const replies = [pongMessage(incoming.envelope, this.signer())];
      return { replies, code: null };
    }
    return await this.#command(incoming.command, incoming.input, about);
  }

  /**
   * The hub messages addressed to this client (`hub.events`), in the
   * original protocol's form (see `_streams.ts`).
   */
  hubEvents(
    lastEventId: string | null,
    options: { signal: AbortSignal; presence?: boolean | undefined },
  ): AsyncGenerator<LegacyDelivery, void, undefined> {
    return legacyHubEvents(this.#ctx, {
      lastEventId,
      presence: options.presence,
      seatGame: this.seatGame,
      caller: this.#caller(options.signal),
    });
  }

  /**
   * The events of `gameId` this client may see (`game.events`), as
   * `game_event` and `your_turn` messages (see `_streams.ts`).
   */
  gameEvents(
    gameId: string,
    options: { after: number; signal: AbortSignal },
  ): AsyncGenerator<LegacyDelivery, void, undefined> {
    return legacyGameEvents(this.#ctx, {
      gameId,
      ...options,
      caller: this.#caller(options.signal),
    });
  }

  #command(
    command: LegacyCommand,
    given: Record<string, unknown>,
    about: LegacyAbout,
  ): Promise<Coded> {
    const input = { ...given };
    const followed = this.#following ?? this.seatGame;
    if (IN_GAME.has(command) && input["gameId"] === undefined) {
      if (!followed) {
        const error = new TRPCError({
          code: "BAD_REQUEST",
          message:
            `${command} needs a game and this connection has none yet: send join_game (or watch_game) first, or give "gameId" in the message.`,
        });
        const path = COMMANDS[command].path;
        return Promise.resolve(this.#failed(error, { about, path, input }));
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
  ): Promise<Coded> {
    const { input, about } = opts;
    const route = COMMANDS[command];
    try {
      const target = input["gameId"];
      if (opts.follows && typeof target === "string") this.#mayFollow(target);
      const result = await route.run(this.#caller(), input);
      const replies = [resultMessage(result, { about, signer: this.signer() })];
      if (opts.follows && typeof target === "string") {
        this.#following = target;
        return { replies, follow: target, code: null };
      }
      return { replies, code: null };
    } catch (cause) {
      return this.#failed(cause, { about, path: route.path, input });
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

  /** The answer to a message that failed with `cause`, and its code. */
  #failed(
    cause: unknown,
    at: { about: LegacyAbout; path?: string; input?: unknown },
  ): Coded {
    const error = getTRPCErrorFromUnknown(cause);
    const reply = this.#error(error, at.about, at.path, at.input);
    return { replies: [reply], code: error.code };
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

/** A procedure's type (`query`, `mutation`), as the router declares it. */
function procedureType(path: string): string {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string } } | undefined
  >;
  return procedures[path]?._def.type ?? "unknown";
}
