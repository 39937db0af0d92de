/**
 * Five hand-written games between the agents `alpha` and `beta` (7 seats:
 * p1 p2 werewolves, p3 seer, p4 witch, p5 guard, p6 hunter, p7 villager),
 * shared by the scoring and results tests. What each holds is written next
 * to it; the tests' expected numbers are counted from these comments.
 * @module
 */
import type { Role } from "../src/contract/mod.ts";
import type { GameInput } from "../tournament/mod.ts";
import { GameLog } from "./_game_log.ts";

/** The roles by seat of every game here. */
export const ROLES: Record<string, Role> = {
  p1: "werewolf",
  p2: "werewolf",
  p3: "seer",
  p4: "witch",
  p5: "guard",
  p6: "hunter",
  p7: "villager",
};

/** `wolves` holds p1 p2, `village` p3 to p7. */
export function teams(wolves: string, village: string): Record<string, string> {
  return Object.fromEntries(
    Object.keys(ROLES).map((
      id,
    ) => [id, ROLES[id] === "werewolf" ? wolves : village]),
  );
}

/**
 * G1: alpha's werewolves beat beta's village on day 2. Night 1: the seer
 * finds p1; the guard protects p7, the victim (a guard save); the witch
 * passes. Day 1: p1 speaks 15 characters (alpha: 300 ms, 100+20 tokens,
 * $0.002), p3 16 (beta: 200 ms, 80+10 tokens); the village votes p1 p1 p3
 * (abstains: p6) p2, so 3 of 4 on werewolves; p3 (seer) is voted out.
 * Night 2: the witch saves herself (a witch save); the guard protects p6,
 * not the victim. Day 2: the village votes p1 p1 (p6: deadline default) p5:
 * 2 of 3; p5 (guard) is voted out.
 */
export function game1(): GameInput {
  const log = new GameLog("g-game1", ROLES, 101)
    .phase("night", 1).inspect("p3", "p1")
    .act("p1", "wolf_kill", "p7").act("p2", "wolf_kill", "p7")
    .act("p5", "guard_protect", "p7")
    .phase("witch", 1).witchInfo("p4", "p7").act("p4", "witch_pass", null)
    .phase("dawn", 1).phase("discussion", 1)
    .say("p1", "I am a villager", {
      usage: {
        latencyMs: 300,
        promptTokens: 100,
        completionTokens: 20,
        costUsd: 0.002,
      },
    })
    .say("p3", "p1 is a werewolf", {
      usage: { latencyMs: 200, promptTokens: 80, completionTokens: 10 },
    })
    .vote(1, {
      p1: "p3",
      p2: "p3",
      p3: "p1",
      p4: "p1",
      p5: "p3",
      p6: null,
      p7: "p2",
    })
    .phase("night", 2)
    .act("p1", "wolf_kill", "p4").act("p2", "wolf_kill", "p4")
    .act("p5", "guard_protect", "p6")
    .phase("witch", 2).witchInfo("p4", "p4").act("p4", "witch_save", "p4")
    .phase("dawn", 2).phase("discussion", 2)
    .vote(2, {
      p1: "p5",
      p2: "p5",
      p4: "p1",
      p5: "p1",
      p6: "deadline",
      p7: "p5",
    });
  return { events: log.end("werewolves"), seats: teams("alpha", "beta") };
}

/**
 * G2: beta's werewolves lose to alpha's village on day 2. Night 1: the seer
 * inspects p4 (clear); the guard protects p3; p7 dies. Day 1: p3 speaks 11
 * characters (alpha: 500 ms, 200+40 tokens, $0.004), p2 7 (beta: 100 ms,
 * 60+5 tokens); p6's turn defaults (invalid_output); the village votes p1
 * four times and p1 is voted out. Night 2: the seer finds p2; the witch
 * saves p3 (a witch save). Day 2: four votes on p2; p2 is voted out.
 */
export function game2(): GameInput {
  const log = new GameLog("g-game2", ROLES, 102)
    .phase("night", 1).inspect("p3", "p4")
    .act("p1", "wolf_kill", "p7").act("p2", "wolf_kill", "p6")
    .act("p5", "guard_protect", "p3")
    .phase("witch", 1).witchInfo("p4", "p7").act("p4", "witch_pass", null)
    .phase("dawn", 1).died("p7", "werewolves").phase("discussion", 1)
    .say("p3", "p4 is clear", {
      usage: {
        latencyMs: 500,
        promptTokens: 200,
        completionTokens: 40,
        costUsd: 0.004,
      },
    })
    .say("p2", "vote p3", {
      usage: { latencyMs: 100, promptTokens: 60, completionTokens: 5 },
    })
    .act("p6", "pass", null, { default: "invalid_output" })
    .vote(1, { p1: "p3", p2: "p3", p3: "p1", p4: "p1", p5: "p1", p6: "p1" })
    .phase("night", 2).inspect("p3", "p2")
    .act("p2", "wolf_kill", "p3").act("p5", "guard_protect", "p4")
    .phase("witch", 2).witchInfo("p4", "p3").act("p4", "witch_save", "p3")
    .phase("dawn", 2).phase("discussion", 2)
    .vote(2, { p2: "p3", p3: "p2", p4: "p2", p5: "p2", p6: "p2" });
  return { events: log.end("village"), seats: teams("beta", "alpha") };
}

/**
 * G3: alpha's werewolves lose to beta's village on day 1. Night 1: the seer
 * finds p2; the guard protects p7, the victim, and the witch saves p7 too
 * (a save for each). Day 1: p1 passes; the village votes p2 p2 p2 p2 p1:
 * 5 of 5 on werewolves; p2 is voted out.
 */
export function game3(): GameInput {
  const log = new GameLog("g-game3", ROLES, 103)
    .phase("night", 1).inspect("p3", "p2")
    .act("p1", "wolf_kill", "p7").act("p2", "wolf_kill", "p7")
    .act("p5", "guard_protect", "p7")
    .phase("witch", 1).witchInfo("p4", "p7").act("p4", "witch_save", "p7")
    .phase("dawn", 1).phase("discussion", 1).act("p1", "pass", null)
    .vote(1, {
      p1: "p3",
      p2: "p3",
      p3: "p2",
      p4: "p2",
      p5: "p2",
      p6: "p2",
      p7: "p1",
    });
  return { events: log.end("village"), seats: teams("alpha", "beta") };
}

/**
 * G4, voided: beta's seer gives up on its inspection (model_error, 900 ms,
 * 10+0 tokens); p7 dies; p1 speaks 5 characters (alpha: 700 ms, 30+3
 * tokens, $0.001); alpha's werewolves win on day 1.
 */
export function game4(): GameInput {
  const log = new GameLog("g-game4", ROLES, 104)
    .phase("night", 1)
    .act("p3", "seer_inspect", null, {
      default: "model_error",
      usage: { latencyMs: 900, promptTokens: 10 },
    })
    .act("p1", "wolf_kill", "p7").act("p2", "wolf_kill", "p7")
    .act("p5", "guard_protect", "p3")
    .phase("witch", 1).witchInfo("p4", "p7").act("p4", "witch_pass", null)
    .phase("dawn", 1).died("p7", "werewolves").phase("discussion", 1)
    .say("p1", "hello", {
      usage: {
        latencyMs: 700,
        promptTokens: 30,
        completionTokens: 3,
        costUsd: 0.001,
      },
    });
  return { events: log.end("werewolves"), seats: teams("alpha", "beta") };
}

/**
 * G5, self-play: alpha holds p1 p4 p6, beta p2 p3 p5 p7, so each is on both
 * sides. p7 dies at night; the village votes p1 out and wins on day 1.
 */
export function game5(): GameInput {
  const log = new GameLog("g-game5", ROLES, 105)
    .phase("night", 1).act("p1", "wolf_kill", "p7").act("p2", "wolf_kill", "p7")
    .phase("witch", 1).witchInfo("p4", "p7").act("p4", "witch_pass", null)
    .phase("dawn", 1).died("p7", "werewolves").phase("discussion", 1)
    .vote(1, { p1: "p3", p2: "p3", p3: "p1", p4: "p1", p5: "p1", p6: "p1" });
  const seats = {
    p1: "alpha",
    p2: "beta",
    p3: "beta",
    p4: "alpha",
    p5: "beta",
    p6: "alpha",
    p7: "beta",
  };
  return { events: log.end("village"), seats };
}

/** The five games, in order. */
export function allGames(): GameInput[] {
  return [game1(), game2(), game3(), game4(), game5()];
}
