/**
 * The runner against a full server (`MAX_GAMES_IN_PLAY`): `Capacity`'s
 * queue with an injected clock and sleep (one ask at a time while games
 * wait, in order; the wait's bound; other errors at once), then a whole
 * tournament on a server that takes one game at a time.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { Capacity, isServerFull } from "../tournament/_capacity.ts";
import { type ProgressEvent, runTournament } from "../tournament/mod.ts";
import { progressReporter } from "../tournament/cli/_progress.ts";
import { houseRandomConfig, openLimits } from "./_house_random.ts";
import { startTestServer } from "./_helpers.ts";

const FULL = "This server already plays 1 games that have not ended";

/** The error the official client gives for a refusal with `code`. */
function refusedWith(code: string): TRPCClientError<never> {
  return new TRPCClientError(`${FULL} (${code})`, {
    result: { error: { code: -32603, message: FULL, data: { code } } },
  } as never);
}

/**
 * A clock that moves only when slept (each sleep ends on the next turn of
 * the event loop), the sleeps asked for, and `frees(at)` called as it moves.
 */
function fakeTime(frees: (at: number) => void = () => {}) {
  let at = 0;
  const slept: number[] = [];
  return {
    now: () => at,
    slept,
    sleep: (ms: number) => {
      slept.push(ms);
      at += ms;
      frees(at);
      return new Promise<void>((resolve) => setTimeout(resolve, 0));
    },
  };
}

Deno.test("isServerFull: only the client's SERVICE_UNAVAILABLE", () => {
  assert.equal(isServerFull(refusedWith("SERVICE_UNAVAILABLE")), true);
  assert.equal(isServerFull(refusedWith("TOO_MANY_REQUESTS")), false);
  assert.equal(isServerFull(new Error("SERVICE_UNAVAILABLE")), false);
});

Deno.test("Capacity.start: a refused game asks again every retryMs, hears the refusal once, and the games behind it ask one at a time in order", async () => {
  let room = 0; // the server's free places: two at 500 ms, one more at 750
  const time = fakeTime((at) => room += at === 500 ? 2 : at === 750 ? 1 : 0);
  const capacity = new Capacity({ retryMs: 250, maxWaitMs: 60_000, ...time });
  let asking = 0;
  let mostAsking = 0;
  const asks: string[] = [];
  const ask = (name: string) => async () => {
    asks.push(`${name}@${time.now()}`);
    mostAsking = Math.max(mostAsking, ++asking);
    await Promise.resolve();
    asking--;
    if (room === 0) throw refusedWith("SERVICE_UNAVAILABLE");
    room--;
    return name;
  };
  const heard: string[] = [];
  const startOf = (name: string) =>
    capacity.start(ask(name), (message) => heard.push(`${name}: ${message}`));
  const a = startOf("a");
  for (let i = 0; i < 100 && capacity.waiting === 0; i++) {
    await Promise.resolve();
  }
  assert.equal(capacity.waiting, 1);
  // b and c, seeing a wait, queue behind it without asking
  const started = [a, startOf("b"), startOf("c")];
  assert.deepEqual(await Promise.all(started), ["a", "b", "c"]);
  // a asks every 250 ms and gets in at 500; b follows at once; c's ask
  // finds no room left and gets in at its next ask
  assert.deepEqual(asks, ["a@0", "a@250", "a@500", "b@500", "c@500", "c@750"]);
  assert.deepEqual(time.slept, [250, 250, 250]);
  assert.equal(mostAsking, 1);
  assert.deepEqual(heard.map((h) => h.slice(0, 3)), ["a: ", "c: "]);
  assert.match(heard[0]!, /already plays 1 games/);
  assert.equal(capacity.waiting, 0);
  // no game waits now: the next one asks at once, and only once
  room = 1;
  assert.equal(await startOf("d"), "d");
  assert.equal(asks.at(-1), "d@750");
});

Deno.test("Capacity.start: past maxWaitMs the game fails with a sentence naming the bound; another error is thrown at once", async () => {
  const time = fakeTime();
  const capacity = new Capacity({ retryMs: 1000, maxWaitMs: 3000, ...time });
  const error = await capacity.start(
    () => Promise.reject(refusedWith("SERVICE_UNAVAILABLE")),
    () => {},
  ).then(() => null, (e: unknown) => e);
  assert.ok(error instanceof Error);
  assert.match(error.message, /refused this game for 3 s/);
  assert.match(error.message, /RunOptions\.maxWaitMs/);
  assert.match(error.message, /already plays 1 games/);
  assert.deepEqual(time.slept, [1000, 1000, 1000]);
  const other = refusedWith("FORBIDDEN");
  await assert.rejects(
    capacity.start(() => Promise.reject(other), () => {}),
    (e) => e === other,
  );
  assert.deepEqual(time.slept.length, 3);
  assert.equal(capacity.waiting, 0);
});

Deno.test("runTournament on a server with MAX_GAMES_IN_PLAY 1: the games the server refuses wait and are played, one at a time, none counted as failed", async () => {
  await using server = await startTestServer({
    ...openLimits("capacity-admin"),
    maxGamesInPlay: 1,
  });
  const config = houseRandomConfig({
    games: 4,
    concurrency: { games: 4 },
    actionTimeoutMs: 5000,
  });
  const events: ProgressEvent[] = [];
  const outcome = await runTournament(config, {
    url: server.wsUrl,
    adminToken: "capacity-admin",
    retryMs: 20,
    maxWaitMs: 60_000,
    onProgress: (event) => events.push(event),
  });
  assert.equal(outcome.results.counts.games, 4);
  assert.deepEqual(outcome.attempts, [1, 1, 1, 1]);
  const types = events.map((e) => e.type);
  assert.ok(types.includes("waiting"), types.join(","));
  assert.equal(types.filter((t) => t === "failed").length, 0);
  assert.equal(types.filter((t) => t === "started").length, 4);
  const waiting = events.find((e) => e.type === "waiting")!;
  assert.match(waiting.message!, /MAX_GAMES_IN_PLAY/);
  assert.equal(events.at(-1)?.errors, 0);
});

Deno.test("progressReporter: the first waiting game gets a line with the server's sentence, later ones none", () => {
  const lines: string[] = [];
  const report = progressReporter({
    text: (chunk) => lines.push(chunk),
    terminal: false,
  });
  const base = { tournamentId: "t-1", done: 0, total: 40, errors: 0 };
  for (const index of [3, 4, 5]) {
    report({ ...base, type: "waiting", index, etaMs: null, message: FULL });
  }
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^game #4 waits for room on the server/);
  assert.ok(lines[0]!.endsWith(`${FULL}\n`), lines[0]);
});
