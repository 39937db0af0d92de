/**
 * The page's model under each turn and vote policy: whole house-bot games
 * folded as the public and the god view saw them live (redacted as it
 * happened), checked event by event against the log.
 * @module
 */
import assert from "node:assert/strict";
import { type Viewer, viewerLog } from "../src/engine/mod.ts";
import { GameService, seatHouseBots } from "../src/game/mod.ts";
import type {
  GameEvent,
  GameEventOf,
  TurnPolicy,
  VotePolicy,
} from "../src/mod.ts";
import { applyEvent, emptyGame, foldGame } from "../web/model.ts";
import type { ChatLine, GameModel } from "../web/model.ts";
import {
  currentOf,
  describe,
  nextStop,
  previousStop,
  stopsAt,
} from "../web/replay_step.ts";
import { within } from "./_helpers.ts";
import { newGame, night, send } from "./engine_helpers_test.ts";

/** A whole house-bot game under the policies, as each viewer saw it live. */
async function playedGame(
  policies: { turnPolicy: TurnPolicy; votePolicy?: VotePolicy },
): Promise<{ public: GameEvent[]; god: GameEvent[] }> {
  const games = new GameService();
  try {
    const { gameId } = await games.create({
      players: 8,
      seed: 21,
      actionTimeoutMs: 10_000,
      turnPolicy: policies.turnPolicy,
      votePolicy: policies.votePolicy ?? "sequential",
      ...(policies.turnPolicy === "bidding" ? {} : { discussionRounds: 2 }),
    });
    const room = games.room(gameId);
    const viewers: Viewer[] = [{ kind: "public" }, { kind: "god" }];
    const streams = viewers.map(async (viewer) => {
      const seen: GameEvent[] = [];
      for await (const { event } of room.subscribe(viewer)) {
        seen.push(event);
        if (event.type === "game_over") break;
      }
      return seen;
    });
    const bots = await seatHouseBots(games, gameId, {
      count: 8,
      thinkMs: 0,
      seed: 5,
    });
    const [seenPublic, seenGod] = await within(
      Promise.all(streams),
      20_000,
      "game_over",
    );
    await within(bots.finished, 5000, "the bots leave");
    return { public: seenPublic!, god: seenGod! };
  } finally {
    games.close();
  }
}

/** Folds `log`, calling `check` with the model before and after each event. */
function stepThrough(
  log: readonly GameEvent[],
  check: (event: GameEvent, before: GameModel, after: GameModel) => void,
): GameModel {
  let model = emptyGame();
  for (const event of log) {
    const before = model;
    model = applyEvent(model, event);
    check(event, before, model);
  }
  return model;
}

const of = <T extends GameEvent["type"]>(log: readonly GameEvent[], type: T) =>
  log.filter((event): event is GameEventOf<T> => event.type === type);

const bidding = await playedGame({ turnPolicy: "bidding" });
const parallel = await playedGame({
  turnPolicy: "parallel",
  votePolicy: "simultaneous",
});
const randomOrder = await playedGame({ turnPolicy: "random_order" });

Deno.test("foldGame() keeps the game's announced rules and policies, and an older log without them reads as round_robin and sequential", () => {
  const created = bidding.public[0] as GameEventOf<"game_created">;
  const model = foldGame(bidding.public);
  assert.equal(model.turnPolicy, "bidding");
  assert.equal(model.votePolicy, "sequential");
  assert.ok(created.rulesText !== undefined && created.rulesText.length > 0);
  assert.equal(model.rulesText, created.rulesText);
  assert.equal(foldGame(parallel.god).votePolicy, "simultaneous");
  const {
    turnPolicy: _t,
    votePolicy: _v,
    rules: _r,
    rulesText: _x,
    ...older
  } = created;
  const old = foldGame([older as GameEvent]);
  assert.equal(old.turnPolicy, "round_robin");
  assert.equal(old.votePolicy, "sequential");
  assert.equal(old.rulesText, null);
});

Deno.test("applyEvent(bids_revealed) puts one line in the square per bidding turn: every bid in seat order, who speaks and how the tie was broken; the public sees no bid before it", () => {
  const reveals = of(bidding.public, "bids_revealed");
  assert.ok(reveals.length >= 3, `${reveals.length} turns`);
  const model = stepThrough(bidding.public, (event, before, after) => {
    if (event.type === "player_action") assert.notEqual(event.action, "bid");
    if (event.type !== "bids_revealed") return;
    assert.equal(after.chat.length, before.chat.length + 1);
    const line = after.chat.at(-1)!;
    assert.equal(line.kind, "bids");
    assert.equal(line.seq, event.seq);
    assert.deepEqual(line.bids, {
      turn: event.turn,
      bids: Object.entries(event.bids).map(([player, amount]) => ({
        player,
        amount,
        cause: null,
        reasoning: null,
      })),
      revealed: true,
      speaker: event.speaker,
      tieBreak: event.tie_break,
    });
    assert.match(line.text, new RegExp(`^Bids for turn ${event.turn}: `));
    if (event.speaker === null) assert.match(line.text, /the talk ends$/);
  });
  assert.equal(
    model.chat.filter((line) => line.kind === "bids").length,
    reveals.length,
  );
  assert.ok(model.chat.every((line) => line.held !== true));
  assert.deepEqual(model.secrets, []);
});

Deno.test("applyEvent(bid) shows the god view each bid as it comes, held, on the turn's line; bids_revealed replaces that line with the revealed one", () => {
  let held: string[] = [];
  let reveals = 0;
  const model = stepThrough(bidding.god, (event, before, after) => {
    if (event.type === "player_action" && event.action === "bid") {
      held.push(`${event.player_id}:${event.amount}`);
      const line = after.chat.at(-1)!;
      assert.equal(line.bids?.revealed, false);
      assert.deepEqual(
        line.bids?.bids.map((bid) => `${bid.player}:${bid.amount}`),
        held,
      );
      assert.match(line.text, /held until the turn is decided/);
      return;
    }
    if (event.type !== "bids_revealed") return;
    reveals++;
    assert.equal(after.chat.length, before.chat.length, "replaced, not added");
    assert.equal(after.chat.at(-1)?.bids?.revealed, true);
    assert.equal(after.chat.at(-1)?.bids?.turn, event.turn);
    assert.deepEqual(
      held.sort(),
      Object.entries(event.bids).map(([id, n]) => `${id}:${n}`).sort(),
    );
    held = [];
  });
  assert.ok(reveals > 0);
  assert.ok(model.secrets.every((line) => !/\bbid\b/.test(line.text)));
});

/** The round blocks of the square. */
const blocks = (model: GameModel): ChatLine[] =>
  model.chat.filter((line) => line.kind === "round");

Deno.test("applyEvent() gathers a parallel round into one block under its speaking_order: its speeches and passes in seat order, revealed together", () => {
  const orders = of(parallel.public, "speaking_order");
  assert.ok(orders.length >= 2);
  const model = foldGame(parallel.public);
  const rounds = blocks(model);
  assert.equal(rounds.length, orders.length);
  for (const [i, order] of orders.entries()) {
    const block = rounds[i]!;
    assert.equal(block.seq, order.seq);
    assert.equal(block.round?.round, order.round);
    assert.equal(block.round?.parallel, true);
    const at = parallel.public.indexOf(order);
    const end = parallel.public.findIndex((e, n) =>
      n > at && (e.type === "speaking_order" || e.type === "phase_update")
    );
    const said = parallel.public.slice(at, end).filter((e) =>
      (e.type === "agent_message" && e.channel === "public") ||
      (e.type === "player_action" && e.action === "pass")
    );
    assert.deepEqual(
      block.round?.lines.map((line) => line.seq),
      said.map((e) => e.seq),
    );
    assert.equal(said.length, order.order.length);
  }
  // no speech of a parallel game is outside its round's block
  assert.ok(model.chat.every((line) => line.kind !== "speech"));
});

Deno.test("applyEvent(speech_held) shows the god view each held speech in the round's block, marked held, and the reveal replaces each with the public line", () => {
  stepThrough(parallel.god, (event, _before, after) => {
    const block = after.chat.findLast((line) => line.kind === "round");
    if (event.type === "speech_held") {
      const held = block?.round?.lines.find((line) => line.seq === event.seq);
      assert.equal(held?.held, true);
      assert.equal(held?.speaker?.id, event.player_id);
    }
    if (event.type === "phase_update" && event.new_phase === "vote") {
      for (const round of blocks(after)) {
        assert.ok(round.round!.lines.every((line) => line.held !== true));
        assert.equal(round.round!.lines.length, round.round!.order.length);
      }
    }
  });
});

Deno.test("a parallel round's revealed speech keeps the reasoning its held speech carried (the god view, and a replay)", () => {
  const run = newGame({
    players: 6,
    seed: 3,
    roles: { werewolf: 1, villager: 5 },
    turnPolicy: "parallel",
    rounds: 1,
  });
  night(run, {
    kill: run.state.players.find((s) => s.role === "villager")!.id,
  });
  const speakers = run.state.pending.map((p) => p.player_id);
  for (const [i, player_id] of speakers.entries()) {
    send(run, {
      type: "say",
      player_id,
      text: i === 0 ? "" : `hello from ${player_id}`,
      reasoning: `why ${player_id}`,
    });
  }
  const god = foldGame(run.log);
  const block = blocks(god)[0]!;
  assert.deepEqual(
    block.round!.lines.map((line) => [line.held ?? false, line.reasoning]),
    speakers.map((id) => [false, `why ${id}`]),
  );
  const seen = foldGame(viewerLog(run.log, run.state, { kind: "public" }));
  assert.ok(blocks(seen)[0]!.round!.lines.every((l) => l.reasoning === null));
});

Deno.test("applyEvent(speaking_order) under random_order puts the round's order in the square, and the speeches follow one by one", () => {
  const orders = of(randomOrder.public, "speaking_order");
  assert.ok(orders.length >= 2);
  const model = foldGame(randomOrder.public);
  const lines = model.chat.filter((line) => line.kind === "order");
  assert.deepEqual(lines.map((line) => line.seq), orders.map((e) => e.seq));
  for (const [i, order] of orders.entries()) {
    const names = order.order.map((id) =>
      model.players.find((p) => p.id === id)!.name
    );
    assert.equal(
      lines[i]!.text,
      `Round ${order.round}'s order: ${names.join(" → ")}.`,
    );
  }
  assert.ok(model.chat.some((line) => line.kind === "speech"));
});

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
