import assert from "node:assert/strict";
import { type BotResult, runBot } from "../examples/bot_agent.ts";
import { FrameMaker, Rng } from "./_fuzz.ts";
import type { FuzzTargets } from "./_fuzz_contract.ts";
import { FuzzLane } from "./_fuzz_lane.ts";
import { connectClient, waitFor, within } from "./_helpers.ts";
import { ServerProcess } from "./_server_process.ts";
import { PLAYER_NAMES } from "../src/mod.ts";

const ADMIN = "fuzz-admin-secret";
const FRAMES = 10_000;
const LANES = 12;
/** Room for 100,000 levels of `[[[…]]]` in one frame (the default is 64 KiB). */
const MAX_BYTES = 256 * 1024;
const NAMES = PLAYER_NAMES.slice(0, 8);

/** The seed: FUZZ_SEED replays a run. */
function seedOf(): number {
  const raw = Deno.env.get("FUZZ_SEED");
  return raw === undefined || raw === "" ? 20_260_130 : Number(raw);
}

/** Distinct problems with how often each came (lane names and ids folded). */
function distinct(problems: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const problem of problems) {
    const key = problem.replace(/fz\d+(-\d+)?/g, "fz").slice(0, 400);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Sums the lanes' counters. */
function merge(records: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const record of records) {
    for (const [key, n] of Object.entries(record)) {
      total[key] = (total[key] ?? 0) + n;
    }
  }
  return total;
}

/** The bots' game and three games the fuzzer may do anything to. */
async function createGames(url: string, seed: number): Promise<FuzzTargets> {
  await using admin = connectClient(url, { clientType: "ui", token: ADMIN });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 8,
    seed,
    actionTimeoutMs: 15_000, // a loaded machine answers late; the bots answer at once
    discussionRounds: 1,
  });
  const fuzzGames = [];
  for (let i = 0; i < 3; i++) {
    const game = await admin.trpc.lobby.createGame.mutate({
      players: 5,
      actionTimeoutMs: 50,
    });
    fuzzGames.push(game.gameId);
  }
  return { botGame: gameId, fuzzGames };
}

/** Eight bots play `gameId` to the end; every refused or failed call is an error. */
async function playBots(
  url: string,
  gameId: string,
  seed: number,
): Promise<{ results: (BotResult | null)[]; errors: string[] }> {
  const errors: string[] = [];
  const results = await Promise.all(NAMES.map((name, i) =>
    runBot({
      url,
      gameId,
      name,
      seed: seed + i,
      log: (line) => {
        if (line.includes("refused")) errors.push(line);
      },
      onCallTimed: (path, _ms, ok) => {
        if (!ok) errors.push(`${name}: ${path} failed`);
      },
    }).catch((error) => {
      errors.push(`${name}: ${error}`);
      return null;
    })
  ));
  return { results, errors };
}

Deno.test("fuzz: 10,000 random and malformed frames while 8 bots play a game: the server stays up, answers only well-formed tRPC, the game ends", async () => {
  const seed = seedOf();
  console.log(
    `fuzz seed ${seed} (replay: FUZZ_SEED=${seed} deno task test tests/fuzz_test.ts)`,
  );
  const started = performance.now();
  await using server = await ServerProcess.start({
    ADMIN_TOKEN: ADMIN,
    WS_MAX_MESSAGE_BYTES: String(MAX_BYTES),
    WS_RATE_LIMIT: "100",
    WS_RATE_BURST: "50",
  });
  const targets = await createGames(server.wsUrl, seed);
  const lanes = Array.from({ length: LANES }, (_, i) => {
    const name = `fz${i}`;
    const rng = new Rng(seed * 100 + i);
    const admin = i === 0; // the admin lane never learns the bots' game
    const maker = new FrameMaker(rng, {
      lane: name,
      profile: { admin, maxBytes: MAX_BYTES },
      targets,
    });
    return new FuzzLane(server.wsUrl, {
      name,
      rng,
      maker,
      ...(admin ? { token: ADMIN } : {}),
    });
  });

  // each lane sends its share; the bots join once the fuzzing is under way
  let sent = 0;
  let duringGame = 0;
  let gameOver = false;
  let startBots: () => void = () => {};
  const game = new Promise<void>((resolve) => (startBots = resolve))
    .then(() => playBots(server.wsUrl, targets.botGame, seed))
    .finally(() => (gameOver = true));
  const health: unknown[] = [];
  await within(
    Promise.all(lanes.map(async (lane, i) => {
      const share = Math.floor(FRAMES / LANES) + (i < FRAMES % LANES ? 1 : 0);
      for (let n = 0; n < share; n++) {
        if (++sent === 500) startBots();
        if (sent % 2500 === 0) health.push(await server.get("/health"));
        if (!gameOver && sent > 500) duringGame++;
        await lane.step();
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })),
    40_000,
    `${FRAMES} frames`,
  );
  startBots();
  const bots = await within(game, 30_000, "the bots' game to end");
  await waitFor(
    () => lanes.every((lane) => lane.unanswered.length === 0),
    "every fuzz call answered",
    5_000,
  ).catch(() => {}); // what is left is reported below

  const report = (key: "sent" | "results" | "errors" | "closes") =>
    merge(lanes.map((lane) => lane.report[key]));
  console.log(JSON.stringify({
    seed,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    sent: report("sent"),
    sent_during_game: duringGame,
    results: report("results"),
    errors: report("errors"),
    closes: report("closes"),
  }));
  assert.equal(server.exit, null, "the server process is still running");
  assert.equal(health.length, FRAMES / 2500);
  assert.equal((await server.get("/health")).status, "ok");
  assert.deepEqual(
    distinct(lanes.flatMap((lane) => lane.report.violations)),
    {},
    "frames from the server that break the protocol",
  );
  assert.deepEqual(
    distinct(lanes.flatMap((lane) => lane.unanswered)),
    {},
    "calls never answered",
  );
  assert.deepEqual(bots.errors, [], "the bots saw no error");
  const winners = new Set(bots.results.map((result) => result?.winner));
  assert.equal(winners.size, 1, "the bots agree on the winner");
  assert.ok(["village", "werewolves"].includes([...winners][0] as string));

  for (const lane of lanes) await lane.close();
  let stats = await server.stats();
  for (let i = 0; i < 100 && (stats.sockets > 0 || stats.clients > 0); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    stats = await server.stats();
  }
  const { sockets, clients, inFlight, pollution } = stats;
  assert.deepEqual(
    { sockets, clients, inFlight, pollution },
    { sockets: 0, clients: 0, inFlight: 0, pollution: [] },
  );
  assert.deepEqual(
    server.output.filter((line) => /error|uncaught|panic/i.test(line)),
    [],
    "nothing went wrong in the server's log",
  );
  assert.equal((await server.stop()).code, 0, "a graceful shutdown after it");
});
