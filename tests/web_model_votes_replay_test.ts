/**
 * The web model's simultaneous votes (no ballot until vote_result for the
 * public) and the replay's stops over parallel rounds, bids and reveals.
 * @module
 */
import assert from "node:assert/strict";
import type { GameEventOf } from "../src/mod.ts";
import { foldGame } from "../web/model.ts";
import {
  currentOf,
  describe,
  nextStop,
  previousStop,
  stopsAt,
} from "../web/replay_step.ts";
import { bidding, parallel, stepThrough } from "./_web_model_policies.ts";

Deno.test("simultaneous votes: the public's vote has no ballot until vote_result, which reveals every vote in seat order; the god view's ballots are held until then", () => {
  let checked = 0;
  stepThrough(parallel.public, (event, before, after) => {
    if (after.vote !== null) assert.equal(after.vote.hidden, true);
    if (event.type === "player_action") assert.notEqual(event.action, "vote");
    if (event.type !== "vote_result") return;
    checked++;
    assert.deepEqual(before.vote?.ballots, []);
    assert.deepEqual(
      after.vote?.ballots.map((b) => [b.voter, b.target, b.held]),
      Object.entries(event.votes!).map((
        [voter, target],
      ) => [voter, target, false]),
    );
    assert.deepEqual(after.vote?.tally, event.tally);
  });
  assert.ok(checked > 0);
  stepThrough(parallel.god, (event, before, after) => {
    if (event.type === "player_action" && event.action === "vote") {
      assert.equal(after.vote?.ballots.at(-1)?.held, true);
    }
    if (event.type === "vote_result") {
      assert.equal(
        before.vote?.ballots.length,
        Object.keys(event.votes!).length,
      );
      assert.ok(after.vote?.ballots.every((b) => !b.held));
    }
  });
  const sequential = foldGame(bidding.public);
  assert.equal(sequential.vote?.hidden, false);
  assert.ok(sequential.vote?.ballots.every((b) => !b.held));
});

Deno.test("the replay stops once for a parallel round's reveal (nextStop and previousStop step over it whole), once per bid and per bids_revealed, and says each in words", () => {
  const log = parallel.god;
  const reveal = log.findIndex((e, i) =>
    e.type === "agent_message" && e.channel === "public" &&
    log[i - 1]?.type === "speech_held"
  );
  const end = log.findIndex((e, i) =>
    i > reveal && !(e.type === "agent_message" || e.type === "player_action")
  );
  assert.ok(reveal > 0 && end - reveal >= 2, `${reveal}..${end}`);
  assert.equal(nextStop(log, reveal), end, "one step shows the whole reveal");
  assert.equal(previousStop(log, end), reveal);
  for (let step = reveal + 1; step < end; step++) {
    assert.equal(stopsAt(log, step), false, `step ${step}`);
  }
  const shown = foldGame(log.slice(0, end));
  assert.match(
    describe(shown, log[end - 1]!),
    /^round 1 is revealed: \d+ speeches and passes at once, in seat order$/,
  );
  assert.equal(currentOf(log[reveal - 1])?.doing, "writing");
  assert.match(
    describe(shown, log[reveal - 1]!),
    /held until the round is revealed$/,
  );
  // bidding: every event is a stop
  const bids = bidding.god;
  assert.ok(bids.every((_, i) => stopsAt(bids, i + 1)));
  const at = bids.findIndex((e) => e.type === "bids_revealed");
  const revealed = bids[at] as GameEventOf<"bids_revealed">;
  const model = foldGame(bids.slice(0, at + 1));
  assert.match(describe(model, revealed), /^Bids for turn 1: .* → /);
  assert.match(
    describe(model, bids[at - 1]!),
    /bids \d, held until the turn is decided$/,
  );
  assert.deepEqual(currentOf(revealed), {
    id: revealed.speaker,
    doing: "next to speak",
  });
});
