/**
 * How an agent played, over its rated games: vote and seer accuracy,
 * key-role survival, saves, days to win and speech volume.
 * @module
 */
import type { AgentResult } from "./results.ts";
import { KEY_ROLES } from "./results.ts";
import type { GameFacts } from "./game_facts.ts";
import { rate } from "./intervals.ts";

/** `agent`'s play over `rated` games (see the README for each definition). */
export function playOf(
  rated: readonly GameFacts[],
  agent: string,
): AgentResult["play"] {
  const votes = { cast: 0, onWerewolves: 0 };
  const seer = { inspections: 0, werewolvesFound: 0 };
  const keyRoles = Object.fromEntries(
    KEY_ROLES.map((r) => [r, { games: 0, survived: 0 }]),
  ) as Record<(typeof KEY_ROLES)[number], { games: number; survived: number }>;
  const saves = { witch: 0, guard: 0 };
  const speech = { games: 0, messages: 0, chars: 0 };
  let wins = 0;
  let winDays = 0;
  for (const game of rated) {
    const mine = game.seats.filter((seat) => seat.agent === agent);
    if (mine.length === 0) continue;
    speech.games++;
    if (mine.some((seat) => seat.won)) {
      wins++;
      winDays += game.days;
    }
    for (const seat of mine) {
      if (seat.side === "village") {
        votes.cast += seat.votes;
        votes.onWerewolves += seat.votesOnWerewolves;
      }
      seer.inspections += seat.inspections;
      seer.werewolvesFound += seat.werewolvesFound;
      const key = keyRoles[seat.role as keyof typeof keyRoles];
      if (key !== undefined) {
        key.games++;
        if (seat.alive) key.survived++;
      }
      saves.witch += seat.witchSaves;
      saves.guard += seat.guardSaves;
      speech.messages += seat.messages;
      speech.chars += seat.chars;
    }
  }
  return {
    votes: { ...votes, accuracy: rate(votes.onWerewolves, votes.cast) },
    seer: { ...seer, accuracy: rate(seer.werewolvesFound, seer.inspections) },
    keyRoles: Object.fromEntries(
      Object.entries(keyRoles).map((
        [role, k],
      ) => [role, { ...k, rate: rate(k.survived, k.games) }]),
    ) as AgentResult["play"]["keyRoles"],
    saves,
    daysToWin: { wins, mean: rate(winDays, wins) },
    speech: {
      ...speech,
      messagesPerGame: rate(speech.messages, speech.games),
      charsPerGame: rate(speech.chars, speech.games),
    },
  };
}
