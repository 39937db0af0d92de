/**
 * The README's game settings table and protocol tables say what the code
 * defines: the same settings, ranges and defaults, every `/ws` message and
 * the `game.bid` procedure.
 * @module
 */
import assert from "node:assert/strict";
import {
  BID_AMOUNTS,
  CreateGameInputSchema,
  DEFAULT_LOCALE,
  DISCUSSION_ROUNDS,
  HOUSE_BOT_THINK_MS,
  HOUSE_BOTS_FILL,
  LEGACY_CLIENT_MESSAGE_TYPES,
  LOCALES,
  MAX_TURNS,
  TALK_CAP,
  TURN_POLICIES,
  VOTE_POLICIES,
} from "../src/contract/mod.ts";
import { GAME_DEFAULTS } from "../src/game/mod.ts";

const README = await Deno.readTextFile(
  new URL("../README.md", import.meta.url),
);

/** The rows of the table under `heading`: first cell → the other cells. */
function table(heading: string): Map<string, string[]> {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has ${heading}`);
  const rows = new Map<string, string[]>();
  const lines = README.slice(start).split("\n").slice(2);
  const first = lines.findIndex((line) => line.startsWith("|"));
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    const [name, ...rest] = line.split("|").slice(1, -1).map((c) => c.trim());
    rows.set(name!.replaceAll("`", ""), rest);
  }
  return rows;
}

const code = (values: readonly (string | number)[]) =>
  values.map((v) => `\`${v}\``).join(", ");

Deno.test("README's game settings table lists exactly lobby.createGame's settings, with the contract's ranges and defaults", () => {
  const rows = table("### Game settings");
  assert.deepEqual(
    [...rows.keys()].sort(),
    Object.keys(CreateGameInputSchema.shape).sort(),
  );
  const range = (r: { min: number; max: number }) =>
    `\`${r.min}\` to \`${r.max}\``;
  assert.deepEqual(rows.get("turnPolicy")!.slice(0, 2), [
    code(TURN_POLICIES),
    `\`${TURN_POLICIES[0]}\``,
  ]);
  assert.deepEqual(rows.get("votePolicy")!.slice(0, 2), [
    code(VOTE_POLICIES),
    `\`${VOTE_POLICIES[0]}\``,
  ]);
  assert.deepEqual(rows.get("discussionRounds")!.slice(0, 2), [
    range(DISCUSSION_ROUNDS),
    `\`${DISCUSSION_ROUNDS.default}\``,
  ]);
  assert.equal(rows.get("maxTurns")![0], range(MAX_TURNS));
  assert.equal(
    rows.get("talkCapPerDay")![0],
    `${range(TALK_CAP)}, or \`null\``,
  );
  assert.equal(
    rows.get("actionTimeoutMs")![1],
    `\`${GAME_DEFAULTS.actionTimeoutMs}\``,
  );
  assert.deepEqual(rows.get("locale")!.slice(0, 2), [
    code(LOCALES),
    `\`${DEFAULT_LOCALE}\``,
  ]);
  assert.equal(rows.get("autoStart")![1], `\`${GAME_DEFAULTS.autoStart}\``);
  assert.deepEqual(rows.get("houseBots")!.slice(0, 2), [
    `\`0\` to \`players\`, or \`"${HOUSE_BOTS_FILL}"\``,
    "`0`",
  ]);
  assert.deepEqual(rows.get("houseBotThinkMs")!.slice(0, 2), [
    range(HOUSE_BOT_THINK_MS),
    `\`${HOUSE_BOT_THINK_MS.default}\``,
  ]);
  assert.ok(
    README.includes(`amounts: [${BID_AMOUNTS.join(", ")}]`),
    "the bid amounts",
  );
});

Deno.test("README's /ws table lists every message a legacy client may send, and the procedures table game.bid", () => {
  const rows = table("### What a client sends");
  assert.deepEqual(
    [...rows.keys()].sort(),
    [...LEGACY_CLIENT_MESSAGE_TYPES].sort(),
  );
  const procedures = table("## Endpoints and procedures");
  assert.ok(procedures.has("game.bid"));
});
