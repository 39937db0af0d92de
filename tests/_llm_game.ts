/**
 * Plays one 8-player game with LLM agents (the real `openai` client against
 * the stub model server, over real HTTP) on an in-process test server, or on
 * a server in its own process (`process: true`), and returns what every
 * agent did and the game's complete log.
 * @module
 */
import {
  type AgentResult,
  runLlmAgent,
  type TurnRecord,
} from "../agents/mod.ts";
import type { OutputMode } from "../agents/mod.ts";
import {
  startModelStub,
  type StubOptions,
  type StubRequest,
} from "../agents/testing/model_stub.ts";
import {
  type GameEvent,
  type Locale,
  PLAYER_NAMES,
  type TurnPolicy,
} from "../src/mod.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";
import { ServerProcess } from "./_server_process.ts";

const ADMIN = "admin-secret";
const NAMES = PLAYER_NAMES.slice(0, 8);

/** What {@linkcode playLlmGame} returns. */
export interface LlmGame {
  results: AgentResult[];
  /** Each agent's answered turns, by seat. */
  turns: Map<string, TurnRecord[]>;
  /** The stub's requests, in arrival order. */
  requests: StubRequest[];
  /** The ended game's whole log (its transcript). */
  log: GameEvent[];
}

/** Plays a game; every agent uses `mode` and the stub answers with `stub`. */
export async function playLlmGame(options: {
  mode: OutputMode;
  stub?: StubOptions;
  actionTimeoutMs?: number;
  seed?: number;
  names?: readonly string[];
  /** The game's language (default: the server's, en). */
  locale?: Locale;
  /** The game's turn policy (default round_robin, with one round a day). */
  turnPolicy?: TurnPolicy;
  /** Play on a server process of its own (`main.ts`'s configuration). */
  process?: boolean;
}): Promise<LlmGame> {
  await using server = options.process
    ? await ServerProcess.start({ ADMIN_TOKEN: ADMIN })
    : await startTestServer({ adminToken: ADMIN });
  await using stub = startModelStub(options.stub);
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 8,
    seed: options.seed ?? 7,
    actionTimeoutMs: options.actionTimeoutMs ?? 3000,
    ...(options.turnPolicy === "bidding"
      ? { turnPolicy: "bidding" } // counts turns (maxTurns), not rounds
      : { discussionRounds: 1, turnPolicy: options.turnPolicy }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  });
  const turns = new Map<string, TurnRecord[]>();
  const names = options.names ?? NAMES;
  const results = await within(
    Promise.all(names.map((name, index) =>
      runLlmAgent({
        url: server.wsUrl,
        gameId,
        name,
        model: "stub",
        mode: options.mode,
        access: { baseUrl: stub.baseUrl, apiKey: "test" },
        seed: index + 1,
        onTurn: (record) => {
          const seat = record.turn.player_id;
          turns.set(seat, [...(turns.get(seat) ?? []), record]);
        },
      })
    )),
    120_000,
    "the LLM agents finish the game",
  );
  const transcript = await admin.trpc.game.transcript.query({ gameId });
  return {
    results,
    turns,
    requests: stub.requests,
    log: transcript.events as GameEvent[],
  };
}
