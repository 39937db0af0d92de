/**
 * A wire-level bot for the games scenario: the scripted strategy of
 * `examples/bot_agent.ts` (`agents/bot_strategy.ts`, the same seeded
 * decisions) and the same turn rules as the agent loop
 * (`agents/agent_loop.ts`: a refused move is asked again twice, then the
 * failure is declared; actionIds `turn-SEQ-ROUND-INDEX`; a `TIMEOUT` is
 * sent again), but speaking tRPC's JSON-RPC frames with superjson's
 * `{"json": ...}` envelope directly on one plain TCP WebSocket
 * (`_wire_socket.ts`), so that many bots per load process cost well below
 * the server's CPU per game. A dropped socket is reconnected as the
 * official client does (`_wire_seat.ts`), and counted.
 * @module
 */
import type { GameEvent, PlayerId, Role } from "../src/mod.ts";
import { botStrategy } from "../agents/bot_strategy.ts";
import type { Strategy } from "../agents/agent_loop.ts";
import type { BotResult } from "../examples/bot_agent.ts";
import type { Move, Turn } from "../agents/moves.ts";
import { type Reply, WireSeat } from "./_wire_seat.ts";

/** Options of {@linkcode runWireBot}. */
export interface WireBotOptions {
  /** The server's tRPC WebSocket URL. */
  url: string;
  gameId: string;
  name: string;
  /** The seat to take (1 to the game's players). */
  seat?: number;
  /** Seeds the strategy, as `runBot`'s `seed`. */
  seed: number;
  /** Aborting it makes the bot leave (its promise rejects). */
  signal?: AbortSignal;
  /** Called when each mutation settles: path, round trip (ms), answered. */
  onCallTimed?: (path: string, ms: number, ok: boolean) => void;
}

/** How many times a refused turn is asked again before the default (as the agent loop). */
const REFUSAL_RETRIES = 2;
/** `TIMEOUT` answers sent again at most (as the agent loop: about 30 s). */
const TIMEOUT_RETRIES = 40;

/** A refusal: the tRPC error's `data.code` and its message. */
type Refusal = { code: string; message: string };

/** The refusal of a reply, or null for an answer. */
function refusalOf(reply: Reply): Refusal | null {
  if (!("error" in reply)) return null;
  const error = (reply.error as { json?: unknown }).json as {
    message?: string;
    data?: { code?: string };
  };
  return {
    code: error?.data?.code ?? "UNKNOWN",
    message: error?.message ?? "",
  };
}

/** The procedure and input of one move. */
function callOf(move: Move, base: { gameId: string; actionId: string }) {
  switch (move.kind) {
    case "say":
      return { path: "game.say", input: { ...base, text: move.text } };
    case "vote":
      return { path: "game.vote", input: { ...base, target: move.target } };
    case "act":
      return { path: "game.act", input: { ...base, action: move.action } };
    case "bid":
      return { path: "game.bid", input: { ...base, amount: move.amount } };
  }
}

/** The procedure that declares a failure for `request` (as `sendFailure`). */
function failurePath(request: Turn["request"]): string {
  if (request === "speak") return "game.say";
  if (request === "vote") return "game.vote";
  if (request === "bid") return "game.bid";
  return "game.act";
}

/** What one seat's turns share. */
interface Play {
  seat: WireSeat;
  options: WireBotOptions;
  strategy: Strategy;
  me: PlayerId;
  events: GameEvent[];
}

/** Sends one mutation, again while the answer is `TIMEOUT`; the refusal or null. */
async function send(
  play: Play,
  path: string,
  input: unknown,
): Promise<Refusal | null> {
  for (let attempt = 0;; attempt++) {
    const began = performance.now();
    const refusal = refusalOf(await play.seat.mutate(path, input));
    play.options.onCallTimed?.(path, performance.now() - began, !refusal);
    if (refusal?.code !== "TIMEOUT" || attempt >= TIMEOUT_RETRIES) {
      return refusal;
    }
    await new Promise((r) =>
      setTimeout(r, Math.min(100 * 1.5 ** attempt, 1000))
    );
  }
}

/** Answers one turn as the agent loop's `playTurn` does. */
async function playTurn(play: Play, turn: Turn): Promise<void> {
  const { gameId } = play.options;
  const refusals: string[] = [];
  for (let round = 0; round <= REFUSAL_RETRIES; round++) {
    const context = { turn, me: play.me, events: play.events, refusals };
    if (round === REFUSAL_RETRIES) {
      const actionId = `turn-${turn.seq}-failed`;
      await send(play, failurePath(turn.request), {
        gameId,
        actionId,
        failed: "invalid_output",
      });
      return;
    }
    const { moves } = await play.strategy.answer(context);
    let refused: Refusal | null = null;
    let accepted = 0;
    for (const [index, move] of moves.entries()) {
      const actionId = `turn-${turn.seq}-${round}-${index}`;
      const { path, input } = callOf(move, { gameId, actionId });
      refused = await send(play, path, input);
      if (refused !== null) break;
      accepted++;
    }
    // a turn that ended by itself (the witch's last potion) needs no more
    if (refused === null) return;
    if (refused.code === "PRECONDITION_FAILED" && accepted > 0) return;
    refusals.push(refused.message);
    if (refused.code !== "BAD_REQUEST" || Date.now() >= turn.deadline) return;
  }
}

/** Joins `gameId` at `seat` and plays until `game_over`; see the module's doc. */
export async function runWireBot(
  options: WireBotOptions,
): Promise<BotResult & { reconnects: number }> {
  const slug = options.name.replace(/[^A-Za-z0-9_.:-]/g, "").slice(0, 40);
  const seat = await WireSeat.open(
    options.url,
    `wire-${slug}-${options.seed.toString(36)}`,
  );
  try {
    const began = performance.now();
    const joined = await seat.mutate("lobby.join", {
      gameId: options.gameId,
      name: options.name,
      ...(options.seat === undefined ? {} : { seat: options.seat }),
      actionId: crypto.randomUUID(),
    });
    const refused = refusalOf(joined);
    options.onCallTimed?.("lobby.join", performance.now() - began, !refused);
    if (refused !== null) {
      throw new Error(
        `lobby.join refused (${refused.code}): ${refused.message}`,
      );
    }
    const output = (joined.result as {
      data: { json: { playerId: string; seatToken: string } };
    }).data.json;
    seat.token = output.seatToken; // sent again on a reconnection
    const play: Play = {
      seat,
      options,
      strategy: botStrategy(options.seed),
      me: output.playerId as PlayerId,
      events: [],
    };
    let role: Role | null = null;
    const handled = new Set<number>();
    const turns = new Set<Promise<void>>();
    const winner = await new Promise<BotResult["winner"]>((resolve, reject) => {
      seat.onEnd = reject;
      options.signal?.addEventListener(
        "abort",
        () => reject(new Error("the bot was stopped")),
        { once: true },
      );
      seat.onEvent = (event) => {
        play.events.push(event);
        if (event.type === "role_assigned" && event.player_id === play.me) {
          role = event.role;
        } else if (
          event.type === "your_turn" && event.player_id === play.me &&
          !handled.has(event.seq) && event.deadline > Date.now()
        ) {
          handled.add(event.seq);
          const turn = playTurn(play, event).catch(reject)
            .finally(() => turns.delete(turn));
          turns.add(turn);
        } else if (event.type === "game_over") resolve(event.winner);
      };
      seat.subscribe("game.events", { gameId: options.gameId });
    });
    await Promise.allSettled([...turns]);
    const { reconnects } = seat;
    return { playerId: play.me, role, winner, events: play.events, reconnects };
  } finally {
    await seat.close();
  }
}
