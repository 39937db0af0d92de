/**
 * `decide()` refusing votes: from the dead, at night, twice, against the dead,
 * an unknown player or oneself, and by an unknown player.
 * @module
 */
import { one } from "./engine_helpers_test.ts";
import {
  type Case,
  dead,
  options,
  rejects,
  secondNight,
  voting,
} from "./_engine_violations.ts";

const CASES: Case[] = [
  [
    "a vote from a dead player",
    voting,
    (r) => ({ type: "vote", player_id: dead(r), target: null }),
    "FORBIDDEN",
    (r) => `${dead(r)} is dead: the dead neither speak, vote nor act`,
  ],
  [
    "a vote at night",
    secondNight,
    (r) => ({ type: "vote", player_id: one(r, "seer"), target: null }),
    "PRECONDITION_FAILED",
    () =>
      "not the time to vote: this is the night phase; the village votes by day, in the vote phase",
  ],
  [
    "a second vote",
    voting,
    (r) => ({ type: "vote", player_id: one(r, "seer"), target: null }),
    "PRECONDITION_FAILED",
    (r) =>
      `${
        one(r, "seer")
      } already voted today: one vote each, wait for the others`,
  ],
  [
    "a vote against a dead player",
    voting,
    (r) => ({ type: "vote", player_id: one(r, "witch"), target: dead(r) }),
    "BAD_REQUEST",
    (r) => `${dead(r)} is dead: choose one of ${options(r, one(r, "witch"))}`,
  ],
  [
    "a vote against an unknown player",
    voting,
    (r) => ({ type: "vote", player_id: one(r, "witch"), target: "p17" }),
    "BAD_REQUEST",
    (r) =>
      `p17 is not a player of this game: choose one of ${
        options(r, one(r, "witch"))
      }`,
  ],
  [
    "a vote against oneself",
    voting,
    (r) => ({
      type: "vote",
      player_id: one(r, "witch"),
      target: one(r, "witch"),
    }),
    "BAD_REQUEST",
    (r) =>
      `you cannot vote against yourself: choose one of ${
        options(r, one(r, "witch"))
      }`,
  ],
  [
    "a vote by an unknown player",
    voting,
    () => ({ type: "vote", player_id: "p12", target: null }),
    "NOT_FOUND",
    () =>
      "no player p12 in this game: the players are p1, p2, p3, p4, p5, p6, p7, p8, p9",
  ],
];
rejects(CASES);
