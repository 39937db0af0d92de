/**
 * `deno task demo` as a user runs it (a subprocess, bounded in time): its
 * `--help`, unknown flags and bad values refused with what is allowed,
 * `--players` and `--seed` honoured (the deal is the engine's for that
 * seed), `--locale` the games' language, `--url` playing on a running
 * server and printing the game's page, and the process ending by itself
 * once the game is over.
 * @module
 */
import assert from "node:assert/strict";
import {
  DEFAULT_LOCALE,
  type GameEventOf,
  LOCALES,
  PLAYER_NAMES,
} from "../src/contract/mod.ts";
import { decide, evolve, initialState } from "../src/engine/mod.ts";
import type { GameState } from "../src/engine/mod.ts";
import { DEMO_FLAGS } from "../examples/_demo_flags.ts";
import { startTestServer, within } from "./_helpers.ts";

/**
 * Runs `deno task demo args`; its exit code and output. The demo must end
 * by itself within `boundMs` (it used to linger 18 s after its result).
 */
async function demo(args: string[], boundMs = 15_000) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", "demo", ...args],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  try {
    const output = await within(
      child.output(),
      boundMs,
      `demo ${args.join(" ")}`,
    );
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    return {
      code: output.code,
      stdout: text(output.stdout),
      stderr: text(output.stderr),
    };
  } catch (error) {
    child.kill();
    await child.status;
    throw error;
  }
}

/** The roles the engine deals to seats p1… for `players` and `seed`. */
function dealOf(players: number, seed: number): string[] {
  let state: GameState = initialState();
  const run = (command: Parameters<typeof decide>[1]) => {
    const decision = decide(state, command);
    assert.ok(decision.ok);
    state = decision.events.reduce(evolve, state);
  };
  run({
    type: "create",
    at: 0,
    gameId: "g-deal",
    name: "deal",
    seed,
    players,
    actionTimeoutMs: 2000,
    autoStart: true,
  });
  for (const name of PLAYER_NAMES.slice(0, players)) {
    run({ type: "join", at: 0, name });
  }
  return state.players.map((seat) => `${seat.id} ${seat.role}`);
}

/** The "(pN) is ROLE" lines of a narration, in seat order. */
function dealt(stdout: string): string[] {
  return [...stdout.matchAll(/^ {2}.+ \((p\d+)\) is (\w+)$/gm)]
    .map(([, id, role]) => `${id} ${role}`)
    .sort((a, b) =>
      Number(a.split(" ")[0]!.slice(1)) - Number(b.split(" ")[0]!.slice(1))
    );
}

Deno.test("deno task demo --help lists every flag and exits 0; an unknown flag or a bad value exits 2 and says what is allowed", async () => {
  const help = await demo(["--help"]);
  assert.equal(help.code, 0);
  for (
    const flag of [
      "--games",
      "--concurrency",
      "--players",
      "--seed",
      "--timeout",
      "--think",
      "--turn-policy",
      "--vote-policy",
      "--locale",
      "--url",
      "--help",
    ]
  ) {
    assert.match(help.stdout, new RegExp(`^  ${flag} `, "m"), flag);
  }
  assert.match(
    help.stdout,
    new RegExp(
      `^  --locale \\(${LOCALES.join(" \\| ")}, default ${DEFAULT_LOCALE}\\): `,
      "m",
    ),
  );
  const unknown = await demo(["--players", "6", "--bogus", "1"]);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /^unknown flag "--bogus": the flags are --games, --concurrency, --players, --seed, --timeout, --think, --turn-policy, --vote-policy, --locale, --url, --help/,
  );
  const few = await demo(["--players", "4"]);
  assert.equal(few.code, 2);
  assert.match(
    few.stderr,
    /--players "4": expected a whole number from 5 to 18/,
  );
  const german = await demo(["--locale", "de"]);
  assert.equal(german.code, 2);
  assert.match(german.stderr, /--locale "de": expected one of en, fr/);
  const url = await demo(["--url", "http://localhost:8000"]);
  assert.equal(url.code, 2);
  assert.match(
    url.stderr,
    /expected the server's tRPC WebSocket URL, ws:\/\/HOST:PORT\/trpc/,
  );
});

Deno.test("deno task demo --players 6 --seed 7: six bots on its private server, the engine's deal for seed 7, and the process exits 0 by itself", async () => {
  const played = await demo(["--players", "6", "--seed", "7"]);
  assert.equal(played.code, 0, played.stderr);
  assert.match(played.stdout, /^The game begins with 6 players\.$/m);
  assert.deepEqual(dealt(played.stdout), dealOf(6, 7));
  assert.match(played.stdout, /^\*\*\* The (village|werewolves) win! \*\*\*$/m);
  assert.match(played.stdout, /^1 game\(s\) in [\d.]+ s/m);
  const other = await demo([
    "--players",
    "7",
    "--seed",
    "8",
    "--games",
    "2",
    "--concurrency",
    "2",
  ]);
  assert.equal(other.code, 0, other.stderr);
  assert.match(
    other.stdout,
    /^2 game\(s\) in [\d.]+ s .*concurrency 2\): village \d+%, werewolves \d+%$/m,
  );
});

Deno.test("deno task demo --url plays on a running server (development mode), prints the game's page and leaves the ended game there", async () => {
  await using server = await startTestServer();
  const played = await demo([
    "--url",
    server.wsUrl,
    "--players",
    "5",
    "--seed",
    "42",
  ]);
  assert.equal(played.code, 0, played.stderr);
  const [row] = await server.server.games.list({ status: "ended" });
  assert.ok(row !== undefined, "the game ended on the server");
  assert.equal(row.name, "Demo 42");
  assert.equal(row.players, 5);
  assert.ok(
    played.stdout.includes(
      `game ${row.gameId}: watch it at ${server.httpUrl}/#/games/${row.gameId}\n`,
    ),
    played.stdout,
  );
  assert.deepEqual(dealt(played.stdout), dealOf(5, 42));
});

Deno.test("deno task demo --locale fr: the game is created in French (its game_created, the narrator's lines it prints); without the flag, in English", async () => {
  await using server = await startTestServer();
  const french = await demo([
    "--url",
    server.wsUrl,
    "--players",
    "5",
    "--seed",
    "43",
    "--locale",
    "fr",
  ]);
  assert.equal(french.code, 0, french.stderr);
  const [row] = await server.server.games.list({ status: "ended" });
  assert.ok(row !== undefined, "the game ended on the server");
  const created = server.server.games.room(row.gameId).log.find((
    event,
  ): event is GameEventOf<"game_created"> => event.type === "game_created");
  assert.equal(created?.locale, "fr");
  assert.match(created?.rulesText ?? "", /^Rôles pour 5 joueurs : /);
  assert.match(
    french.stdout,
    /^== NIGHT \(day 1\) — Nuit 1 : le village s'endort, les loups-garous se réveillent\.$/m,
  );
  const english = await demo(["--players", "5", "--seed", "43"]);
  assert.equal(english.code, 0, english.stderr);
  assert.match(
    english.stdout,
    /^== NIGHT \(day 1\) — Night 1: the village falls asleep and the werewolves wake\.$/m,
  );
});

Deno.test("README's demo paragraph names every flag of DEMO_FLAGS, with the ranges and defaults it states", async () => {
  const readme = await Deno.readTextFile(
    new URL("../README.md", import.meta.url),
  );
  const start = readme.indexOf("task demo` starts a private server");
  const paragraph = readme.slice(start, readme.indexOf("\n\n", start))
    .replaceAll("\n", " ");
  for (const name of Object.keys(DEMO_FLAGS)) {
    assert.ok(paragraph.includes(`\`--${name}`), name);
  }
  const { players, seed, timeout, think } = DEMO_FLAGS;
  assert.ok(
    paragraph.includes(
      `\`--players\` (${players.min}–${players.max}, default ${players.default})`,
    ),
  );
  assert.ok(paragraph.includes(`default ${seed.default};`));
  assert.ok(paragraph.includes(`ms, default ${timeout.default})`));
  assert.ok(paragraph.includes(`ms, default ${think.default})`));
});
