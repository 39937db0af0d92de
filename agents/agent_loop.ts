/**
 * The one agent loop every strategy plays through: join (or resume a seat
 * with its token), follow `game.events` (the WebSocket client resubscribes
 * with `lastEventId` after a drop), answer each `your_turn` with the
 * strategy's moves, retry a move with the same `actionId` while the socket is
 * down, and ask the strategy again with the server's sentence when a move is
 * refused.
 * @module
 */
import { type createWSClient, TRPCClientError } from "@trpc/client";
import type { GameEvent, PlayerId, Role } from "../src/mod.ts";
import { type AgentClient, type CallHooks, connectAgent } from "./_client.ts";
import { sendFailure, sendMove } from "./_mutation.ts";
import { joinOnce } from "./_join.ts";
import { type Answer, type Failure, type Move, type Turn } from "./moves.ts";

/** What a strategy gets to answer one turn: only the agent's own view. */
export interface TurnContext {
  turn: Turn;
  me: PlayerId;
  /** Every event this seat received, in order, up to the turn. */
  events: readonly GameEvent[];
  /** The server's sentences refusing earlier answers to this turn. */
  refusals: readonly string[];
}

/** How an agent chooses its moves. */
export interface Strategy {
  /** Chooses the moves of a turn; a throw makes the agent send `fallback`. */
  answer(context: TurnContext): Promise<Answer>;
  /** The moves the agent sends itself when `answer` failed. */
  fallback(context: TurnContext): Move[];
}

/** How one turn was answered (tests and the CLI read it). */
export interface TurnRecord {
  turn: Turn;
  /** The moves the server accepted, in order (none for a declared failure). */
  moves: Move[];
  reasoning?: string;
  usage?: Answer["usage"];
  failed?: Failure;
  /** The server's refusals met on the way. */
  refusals: string[];
  /** The agent's clock when the last move was accepted (epoch ms). */
  answeredAt: number;
}

/** Options of {@linkcode runAgent}. */
export interface AgentOptions extends CallHooks {
  /**
   * The server's tRPC WebSocket URL, e.g. `ws://localhost:8000/trpc`; a
   * function is asked again on every (re)connection (another instance of
   * the same cluster after a drop).
   */
  url: string | (() => string);
  gameId: string;
  /** The player's name (ignored when resuming with `seatToken`). */
  name: string;
  /** The seat to take (1 to the game's players; default the lowest free). */
  seat?: number;
  /** The label of what plays the seat, kept in the log (`lobby.join`'s `agent`). */
  agent?: string;
  strategy: Strategy;
  /** Resumes this seat instead of joining. */
  seatToken?: string;
  /** Where log lines go (default: nowhere). */
  log?: (line: string) => void;
  /** Aborting it makes the agent leave. */
  signal?: AbortSignal;
  /** Called with the WebSocket client (tests use it to cut the socket). */
  onClient?: (client: ReturnType<typeof createWSClient>) => void;
  /** Called once per answered turn. */
  onTurn?: (record: TurnRecord) => void;
  /** The clock, epoch ms (default `Date.now`). */
  now?: () => number;
  /** Makes the client id unique (default: random). */
  seed?: number;
}

/** How an agent's game ended. */
export interface AgentResult {
  playerId: PlayerId;
  role: Role | null;
  winner: "village" | "werewolves";
  /** Every event the agent saw, in order. */
  events: GameEvent[];
  /** The seat token (to resume the seat). */
  seatToken: string;
}

/** How many times a refused turn is asked again before the default. */
const REFUSAL_RETRIES = 2;

/** A client id from a name: the allowed characters, a random suffix. */
function clientIdOf(name: string, seed: number): string {
  const slug = name.normalize("NFD").replace(/[^A-Za-z0-9_.:-]/g, "")
    .slice(0, 40);
  return `bot-${slug}-${Math.floor(seed * 1e9).toString(36)}`;
}

/** What the turn helpers share for one seat. */
interface Seat {
  trpc: AgentClient["trpc"];
  options: AgentOptions;
  me: PlayerId;
  events: GameEvent[];
  now: () => number;
  log: (line: string) => void;
}

/** Sends one mutation; retries the same actionId while the socket is down. */
async function send(
  seat: Seat,
  call: (trpc: Seat["trpc"], gameId: string) => Promise<unknown>,
): Promise<{ code: string; message: string } | null> {
  for (let attempt = 0;; attempt++) {
    try {
      await call(seat.trpc, seat.options.gameId);
      return null;
    } catch (error) {
      if (error instanceof TRPCClientError) {
        const code = error.data?.code as string | undefined;
        // TIMEOUT: the game's owner did not answer (it changed): ask again
        if (code !== undefined && code !== "TIMEOUT") {
          return { code, message: error.message };
        }
      }
      if (attempt >= 40) throw error; // about 30 s: a server restart
      const wait = Math.min(100 * 1.5 ** attempt, 1000);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * Declares the answer's failure instead of a move: the server applies the
 * turn's default at once and records why (`player_action.default.cause`).
 */
async function declareFailure(
  seat: Seat,
  turn: Turn,
  answer: Answer & { failed: Failure },
): Promise<void> {
  const actionId = `turn-${turn.seq}-failed`;
  const refused = await send(
    seat,
    (trpc, gameId) =>
      sendFailure(trpc, turn.request, {
        gameId,
        actionId,
        answer,
        failed: answer.failed,
      }),
  );
  if (refused !== null) {
    seat.log(
      `${seat.options.name}: failure refused (${refused.code}): ${refused.message}`,
    );
    return;
  }
  const { moves: _, ...rest } = answer;
  seat.options.onTurn?.({
    turn,
    moves: [],
    refusals: [],
    answeredAt: seat.now(),
    ...rest,
  });
}

/** Answers one turn: the strategy's moves, asked again after a refusal. */
async function playTurn(seat: Seat, turn: Turn): Promise<void> {
  const { strategy, name, onTurn } = seat.options;
  const refusals: string[] = [];
  for (let round = 0; round <= REFUSAL_RETRIES; round++) {
    const context = { turn, me: seat.me, events: [...seat.events], refusals };
    let answer: Answer;
    if (round === REFUSAL_RETRIES) {
      answer = { moves: strategy.fallback(context), failed: "invalid_output" };
    } else {
      answer = await strategy.answer(context).catch(
        (error: unknown): Answer => {
          seat.log(`${name}: strategy failed: ${String(error)}`);
          return { moves: strategy.fallback(context), failed: "model_error" };
        },
      );
    }
    if (answer.failed !== undefined) {
      return declareFailure(seat, turn, { ...answer, failed: answer.failed });
    }
    const accepted: Move[] = [];
    let refused: { code: string; message: string } | null = null;
    for (const [index, move] of answer.moves.entries()) {
      const actionId = `turn-${turn.seq}-${round}-${index}`;
      const first = index === 0;
      refused = await send(
        seat,
        (trpc, gameId) =>
          sendMove(trpc, move, { gameId, actionId, answer, first }),
      );
      if (refused !== null) break;
      accepted.push(move);
    }
    // a turn that ended by itself (the witch's last potion) needs no more
    const ended = refused?.code === "PRECONDITION_FAILED" &&
      accepted.length > 0;
    if (refused === null || ended) {
      const { moves: _, ...rest } = answer;
      onTurn?.({
        turn,
        moves: accepted,
        refusals,
        answeredAt: seat.now(),
        ...rest,
      });
      return;
    }
    seat.log(`${name}: refused (${refused.code}): ${refused.message}`);
    refusals.push(refused.message);
    // only a bad move is worth asking again: not your turn, dead… are final
    if (refused.code !== "BAD_REQUEST" || seat.now() >= turn.deadline) return;
  }
}

/** Joins (or resumes) `gameId` and plays until the game is over. */
export async function runAgent(options: AgentOptions): Promise<AgentResult> {
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const auth: { token?: string | undefined } = { token: options.seatToken };
  const seed = options.seed === undefined
    ? Math.random()
    : (options.seed * 0.6180339887) % 1;
  const { ws, trpc } = connectAgent(options.url, {
    ...options,
    clientId: clientIdOf(options.name, seed),
    token: () => auth.token,
  });
  options.onClient?.(ws);
  try {
    let me: PlayerId;
    if (auth.token === undefined) {
      const seat = await joinOnce(trpc, options);
      auth.token = seat.seatToken;
      me = seat.playerId as PlayerId;
    } else {
      const view = await trpc.game.state.query({ gameId: options.gameId });
      if (view.you === null) throw new Error("the seat token names no seat");
      me = view.you.player_id as PlayerId;
    }
    const events: GameEvent[] = [];
    const handled = new Set<number>();
    let role: Role | null = null;

    const inFlight = new Set<Promise<void>>();
    const seat: Seat = { trpc, options, me, events, now, log };

    const winner = await new Promise<"village" | "werewolves">(
      (resolve, reject) => {
        const subscription = trpc.game.events.subscribe({
          gameId: options.gameId,
        }, {
          onData({ data: event }) {
            events.push(event);
            if (event.type === "role_assigned" && event.player_id === me) {
              role = event.role;
            }
            if (
              event.type === "your_turn" && event.player_id === me &&
              !handled.has(event.seq) && event.deadline > now()
            ) {
              handled.add(event.seq);
              const playing = playTurn(seat, event).catch((error) =>
                log(`${options.name}: turn ${event.seq}: ${String(error)}`)
              ).finally(() => inFlight.delete(playing));
              inFlight.add(playing);
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
          reject(new Error("the agent was stopped"));
        }, { once: true });
      },
    );
    await Promise.allSettled([...inFlight]); // the last move's answer, if any
    log(`${options.name} (${me}, ${role}): ${winner} won`);
    return { playerId: me, role, winner, events, seatToken: auth.token };
  } finally {
    await ws.close();
  }
}
