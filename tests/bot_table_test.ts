/**
 * The house bots as a baseline, on seeded tables of the pure engine: their
 * village side's day votes hit a werewolf far more often than a random
 * bot's, over 200 games of 8 (the README's numbers come from
 * `deno run bench/bot_votes.ts`), and what they say is true of the game.
 * @module
 */
import assert from "node:assert/strict";
import type { GameEvent } from "../src/contract/mod.ts";
import { playBotTable, voteAccuracy } from "../src/game/bot_table.ts";

const GAMES = 200;

Deno.test("voteAccuracy(): over 200 seeded games of 8, the house bots' village votes hit a werewolf at least 20 points more often than a random bot's, with or without house werewolves", () => {
  const house = voteAccuracy(GAMES, { seed: 1 });
  const random = voteAccuracy(GAMES, {
    seed: 1,
    village: "random",
    werewolves: "random",
  });
  const againstRandom = voteAccuracy(GAMES, {
    seed: 1,
    village: "house",
    werewolves: "random",
  });
  assert.equal(house.games, GAMES);
  assert.ok(house.votes > 1000 && random.votes > 1000, "enough votes");
  // a random vote among the 7 others of 8 hits one of 2 werewolves ~2/7
  assert.ok(random.share > 0.25 && random.share < 0.4, `${random.share}`);
  assert.ok(house.share > random.share + 0.2, `${house.share}`);
  assert.ok(againstRandom.share > random.share + 0.1, `${againstRandom.share}`);
  assert.ok(house.villageWins > random.villageWins);
});

Deno.test("playBotTable() is deterministic: the same seed and options play the same game", () => {
  for (const seed of [3, 4]) {
    const a = playBotTable(seed, { votePolicy: "simultaneous" });
    const b = playBotTable(seed, { votePolicy: "simultaneous" });
    assert.deepEqual(a, b);
  }
  assert.notDeepEqual(playBotTable(3).events, playBotTable(4).events);
});

/** The public speech of a log, with the day it was said on. */
function speeches(events: readonly GameEvent[]) {
  const said: { day: number; speaker: string; text: string }[] = [];
  let day = 0;
  for (const event of events) {
    if (event.type === "phase_update") day = event.day;
    if (event.type === "agent_message" && event.channel === "public") {
      said.push({ day, speaker: event.agent_id, text: event.message_text });
    }
  }
  return said;
}

Deno.test("the house bots' lines are true of the game: no vote 'yesterday' on day 1, every vote they cite was cast, every seer claim is the seer's and right, and werewolves never vote a packmate", () => {
  let cited = 0;
  let claimed = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const { events, votes } = playBotTable(seed);
    const over = events.at(-1);
    assert.equal(over?.type, "game_over");
    const roles = over?.type === "game_over" ? over.roles : {};
    const start = events.find((e) => e.type === "game_started");
    const idOf = new Map(
      start?.type === "game_started"
        ? start.players.map((p) => [p.name, p.id])
        : [],
    );
    for (const { day, speaker, text } of speeches(events)) {
      if (day === 1) assert.doesNotMatch(text, /yesterday/, text);
      for (
        const [, x, y, when] of text.matchAll(
          /(\S+) (?:voted against|put) (\S+) (?:to the vote )?(yesterday|on day \d+)/g,
        )
      ) {
        const on = when === "yesterday" ? day - 1 : Number(when!.slice(7));
        assert.ok(
          votes.some((v) =>
            v.day === on && v.voter === idOf.get(x!) &&
            v.target === idOf.get(y!)
          ),
          `${text} (day ${day})`,
        );
        cited++;
      }
      for (
        const [, x, what] of text.matchAll(
          /I inspected (\S+): (a|not a) werewolf/g,
        )
      ) {
        assert.equal(roles[speaker], "seer", text);
        assert.equal(roles[idOf.get(x!)!] === "werewolf", what === "a", text);
        claimed++;
      }
    }
    for (const v of votes) {
      if (v.voterRole === "werewolf") assert.notEqual(v.targetRole, "werewolf");
    }
  }
  assert.ok(
    cited > 20 && claimed > 20,
    `${cited} votes cited, ${claimed} claims`,
  );
});
