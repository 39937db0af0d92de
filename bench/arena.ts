/**
 * The "arena" benchmark scenario: the prompt tokens an 8-player game of LLM
 * agents costs. Each game (default settings, seeds `seed * 1000 + i`) is
 * played by eight real agents (`runLlmAgent`: the agent loop, the `openai`
 * client over HTTP) against the stub model server answering from a script
 * that depends only on the seed and the seat (`bench/_arena_script.ts`), so
 * a run with `--record compact` (ours) and one with `--record full` (the
 * whole log in every prompt, as Werewolf Arena does) play the same games:
 * `facts` is a digest of every game's events, equal in both runs. Tokens
 * are counted with `gpt-tokenizer` (o200k_base) on every message the stub
 * received. Prints one JSON line on stdout; progress goes to stderr.
 *
 * ```sh
 * deno run -A bench/arena.ts --url ws://127.0.0.1:8000/trpc --admin-token T \
 *   --record compact --games 10 [--seed 1] [--speech-sentences 4] \
 *   [--max-seconds 600]
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import { countTokens } from "gpt-tokenizer";
import superjson from "superjson";
import { parseArgs } from "node:util";
import { RECORD_MODES, type RecordMode, runLlmAgent } from "../agents/mod.ts";
import {
  startModelStub,
  type StubRequest,
} from "../agents/testing/model_stub.ts";
import type { AppRouter, GameEvent } from "../src/mod.ts";
import {
  scriptedReply,
  SPEECH_SENTENCES,
  SPEECH_SENTENCES_MAX,
} from "./_arena_script.ts";
import { factsDigest } from "./_arena_facts.ts";
import { round } from "./_load.ts";

/** Settings of {@linkcode runArena}. */
export interface ArenaOptions {
  /** The server's tRPC WebSocket URL. */
  url: string;
  /** The server's `ADMIN_TOKEN`, to create the games and read transcripts. */
  adminToken: string;
  /** Games to play, one after the other. */
  games: number;
  /** How the agents' prompts render the record. */
  record: RecordMode;
  /** Game `i` has seed `seed * 1000 + i` (default 1). */
  seed?: number;
  /**
   * Sentences per scripted speech (default {@linkcode SPEECH_SENTENCES}:
   * about 50 words, 65 tokens).
   */
  speechSentences?: number;
  /** The run fails after this many seconds (default 600). */
  maxSeconds?: number;
  /** Where progress lines go (default: nowhere). */
  progress?: (line: string) => void;
}

/**
 * What {@linkcode runArena} measured. `prompt_tokens_per_game` sums, over
 * every request the model received, the tokens of its system and user
 * messages; `defaulted_turns` were answered by a default (want 0: then
 * every turn was the script's answer); `facts` is the digest of every
 * game's events (equal for runs that played the same games). A type, not an
 * interface, so that it is a row of the report's `Results`.
 */
export type ArenaResult = {
  scenario: "arena";
  record: RecordMode;
  games: number;
  speech_sentences: number;
  requests_per_game: number;
  prompt_tokens_per_game: number;
  tokens_per_prompt: number;
  max_prompt_tokens: number;
  days_per_game: number;
  speeches_per_game: number;
  defaulted_turns: number;
  facts: string;
  seconds: number;
};

const NAMES = [
  "Alice",
  "Bruno",
  "Chloe",
  "David",
  "Elsa",
  "Farid",
  "Gina",
  "Hugo",
];

/** The prompt tokens of one request: its messages' contents. */
function tokensOf(request: StubRequest): number {
  return request.messages.reduce(
    (sum, message) => sum + countTokens(message.content),
    0,
  );
}

/** Plays the games of `options`; rejects if one fails or runs late. */
export async function runArena(options: ArenaOptions): Promise<ArenaResult> {
  const { url, games, record } = options;
  const seed = options.seed ?? 1;
  const sentences = options.speechSentences ?? SPEECH_SENTENCES;
  const maxSeconds = options.maxSeconds ?? 600;
  const signal = AbortSignal.timeout(maxSeconds * 1000);
  const admin = createWSClient({
    url,
    connectionParams: { clientType: "ui", token: options.adminToken },
  });
  const client = createTRPCClient<AppRouter>({
    links: [wsLink({ client: admin, transformer: superjson })],
  });
  const started = performance.now();
  const prompts: number[] = [];
  const logs: GameEvent[][] = [];
  let defaulted = 0;

  async function playOne(gameSeed: number): Promise<void> {
    await using stub = startModelStub({
      reply: scriptedReply(gameSeed, { sentences }),
    });
    const { gameId } = await client.lobby.createGame.mutate({
      players: 8,
      seed: gameSeed,
    });
    const agents: Promise<unknown>[] = [];
    for (const [index, name] of NAMES.entries()) {
      // one at a time, so that every run seats the same name in each seat
      const joined = Promise.withResolvers<void>();
      const agent = runLlmAgent({
        url,
        gameId,
        name,
        model: "arena-script",
        mode: "json_schema",
        record,
        access: { baseUrl: stub.baseUrl, apiKey: "bench" },
        seed: index + 1,
        signal,
        onAck: ({ path }) => path === "lobby.join" && joined.resolve(),
        onTurn: (turn) => void (turn.failed ? defaulted++ : 0),
      });
      agents.push(agent);
      await Promise.race([joined.promise, agent]);
    }
    await Promise.all(agents);
    prompts.push(...stub.requests.map(tokensOf));
    const transcript = await client.game.transcript.query({ gameId });
    logs.push(transcript.events as GameEvent[]);
  }

  try {
    for (let index = 0; index < games; index++) {
      if (signal.aborted) {
        throw new Error(`the run exceeded --max-seconds ${maxSeconds}`);
      }
      await playOne(seed * 1000 + index);
      const s = (performance.now() - started) / 1000;
      options.progress?.(
        `${record}: ${index + 1}/${games} games, ${s.toFixed(1)} s`,
      );
    }
  } finally {
    await admin.close();
  }
  const total = prompts.reduce((a, b) => a + b, 0);
  const count = (type: string) =>
    logs.flat().filter((event) => event.type === type).length;
  const days = logs.map((log) =>
    Math.max(
      0,
      ...log.map((event) => event.type === "phase_update" ? event.day : 0),
    )
  );
  return {
    scenario: "arena",
    record,
    games,
    speech_sentences: sentences,
    requests_per_game: round(prompts.length / games, 1),
    prompt_tokens_per_game: Math.round(total / games),
    tokens_per_prompt: Math.round(total / Math.max(1, prompts.length)),
    max_prompt_tokens: Math.max(0, ...prompts),
    days_per_game: round(days.reduce((a, b) => a + b, 0) / games, 2),
    speeches_per_game: round(count("agent_message") / games, 1),
    defaulted_turns: defaulted,
    facts: await factsDigest(logs),
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

if (import.meta.main) {
  const text = { type: "string" } as const;
  const { values: flags } = parseArgs({
    args: Deno.args,
    options: {
      url: text,
      "admin-token": text,
      record: text,
      games: text,
      seed: text,
      "speech-sentences": text,
      "max-seconds": text,
    },
  });
  const whole = (
    name: keyof typeof flags,
    fallback: number,
    { min = 1, max = Infinity } = {},
  ) => {
    const value = flags[name] === undefined ? fallback : Number(flags[name]);
    if (!Number.isInteger(value) || value < min || value > max) {
      console.error(`--${name} takes a whole number from ${min} to ${max}`);
      Deno.exit(2);
    }
    return value;
  };
  const record = flags.record ?? "compact";
  if (!(RECORD_MODES as readonly string[]).includes(record)) {
    console.error(`--record takes one of ${RECORD_MODES.join(", ")}`);
    Deno.exit(2);
  }
  if (!flags.url || !flags["admin-token"]) {
    console.error("--url and --admin-token are required");
    Deno.exit(2);
  }
  try {
    const result = await runArena({
      url: flags.url,
      adminToken: flags["admin-token"],
      record: record as RecordMode,
      games: whole("games", 10),
      seed: whole("seed", 1, { min: 0 }),
      speechSentences: whole("speech-sentences", SPEECH_SENTENCES, {
        max: SPEECH_SENTENCES_MAX,
      }),
      maxSeconds: whole("max-seconds", 600),
      progress: (line) => console.error(line),
    });
    console.log(JSON.stringify(result));
    Deno.exit(0);
  } catch (error) {
    console.error(`arena: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
