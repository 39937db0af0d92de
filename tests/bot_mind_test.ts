/**
 * The house bots' mind on hand-written games (`tests/_game_log.ts`): a
 * villager believes a seer claim made in free text and votes the named
 * werewolf, suspects who voted out a villager and says so (never
 * "yesterday" on day 1), and a werewolf follows its packmate's vote and
 * never votes a packmate.
 * @module
 */
import assert from "node:assert/strict";
import type { GameEvent, GameEventOf, PlayerId } from "../src/contract/mod.ts";
import { seededRandom } from "../src/engine/mod.ts";
import { BotMind, type BotMove } from "../src/game/_bot_mind.ts";
import { GameLog } from "./_game_log.ts";

const ROLES = {
  p1: "villager",
  p2: "werewolf",
  p3: "werewolf",
  p4: "villager",
  p5: "seer",
  p6: "villager",
  p7: "witch",
  p8: "hunter",
} as const;

/** What seat `me` sees of a god-view log (enough for these games). */
function seen(events: readonly GameEvent[], me: PlayerId): GameEvent[] {
  return events.filter((e) =>
    e.type === "role_assigned"
      ? e.player_id === me
      : e.type !== "seer_result" &&
        e.type !== "witch_info" &&
        !(e.type === "agent_message" && e.channel === "werewolves") &&
        !(e.type === "player_action" && e.action !== "vote")
  );
}

/** A mind of seat `me` that has seen `log`, asked `request` among `options`. */
function ask(
  log: GameLog,
  me: PlayerId,
  turn: { request: "vote" | "speak"; options?: PlayerId[] },
  seed = 1,
): BotMove[] {
  const mind = new BotMind(me, seededRandom(seed));
  for (const event of seen(log.events, me)) mind.learn(event);
  const yourTurn = {
    type: "your_turn",
    seq: log.events.length + 1,
    at: 0,
    player_id: me,
    request: turn.request,
    options: turn.options ?? [],
    deadline: 1,
  } as GameEventOf<"your_turn">;
  return mind.movesFor(yourTurn);
}

const OTHERS = (me: PlayerId, dead: PlayerId[] = []) =>
  (Object.keys(ROLES) as PlayerId[]).filter((id) =>
    id !== me && !dead.includes(id)
  );

Deno.test("BotMind: a villager believes a seer claim made in free text and votes the werewolf it names, whatever its seed", () => {
  const log = new GameLog("g-mind1", ROLES).phase("night", 1).phase("dawn", 1)
    .died("p1", "werewolves").phase("discussion", 1)
    .say(
      "p5",
      "As the seer, I checked Seat p3 last night: Seat p3 is a werewolf.",
    )
    .say("p2", "Seat p6 looks nervous to me.");
  for (let seed = 1; seed <= 20; seed++) {
    assert.deepEqual(
      ask(log, "p4", { request: "vote", options: OTHERS("p4", ["p1"]) }, seed),
      [{ type: "vote", target: "p3" }],
    );
  }
  const [speech] = ask(log, "p4", { request: "speak" }, 2);
  assert.equal(speech?.type, "say");
  assert.match(
    speech?.type === "say" ? speech.text : "",
    /^Seat p3 (is a werewolf, says|was named a werewolf by our seer) Seat p5/,
  );
});

Deno.test("BotMind: on day 2 a villager suspects those who voted out a villager and says what they did yesterday; on day 1 it cites no vote", () => {
  const day1 = new GameLog("g-mind2", ROLES).phase("night", 1)
    .phase("dawn", 1).died("p8", "werewolves").phase("discussion", 1);
  for (let seed = 1; seed <= 20; seed++) {
    const [line] = ask(day1, "p4", { request: "speak" }, seed);
    const text = line?.type === "say" ? line.text : "";
    assert.doesNotMatch(text, /yesterday|voted/, text);
  }
  const day2 = day1.vote(1, {
    p1: "p6",
    p2: "p6",
    p3: "p6",
    p4: "p1",
    p5: "p1",
    p6: "p1",
    p7: "p6",
  }).phase("night", 2).phase("dawn", 2).phase("discussion", 2);
  const voters = new Set(["p1", "p2", "p3", "p7"]);
  const texts: string[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    const [vote] = ask(day2, "p4", {
      request: "vote",
      options: OTHERS("p4", ["p6", "p8"]),
    }, seed);
    assert.ok(vote?.type === "vote" && voters.has(vote.target!), `${seed}`);
    const [line] = ask(day2, "p4", { request: "speak" }, seed);
    if (line?.type === "say") texts.push(line.text);
  }
  assert.ok(
    texts.some((t) =>
      /^Seat p[1237] (voted against|put) Seat p6 (to the vote )?yesterday/.test(
        t,
      )
    ),
    texts.join("\n"),
  );
});

Deno.test("BotMind: a werewolf never votes its packmate, even one the seer named, and follows its packmate's vote", () => {
  const log = new GameLog("g-mind3", ROLES).phase("night", 1).phase("dawn", 1)
    .phase("discussion", 1)
    .say("p5", "I am the seer. I inspected Seat p2: a werewolf. Vote Seat p2!")
    .phase("vote", 1).act("p3", "vote", "p5");
  for (let seed = 1; seed <= 20; seed++) {
    assert.deepEqual(
      ask(log, "p2", { request: "vote", options: OTHERS("p2") }, seed),
      [{ type: "vote", target: "p5" }],
    );
  }
  const alone = new GameLog("g-mind4", ROLES).phase("night", 1)
    .phase("dawn", 1).phase("discussion", 1)
    .say("p5", "I am the seer. I inspected Seat p3: a werewolf. Vote Seat p3!")
    .phase("vote", 1);
  for (let seed = 1; seed <= 20; seed++) {
    const [vote] = ask(
      alone,
      "p2",
      { request: "vote", options: OTHERS("p2") },
      seed,
    );
    assert.ok(vote?.type === "vote" && vote.target !== "p3", `${seed}`);
  }
});
