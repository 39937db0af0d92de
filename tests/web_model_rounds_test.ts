/**
 * The web model's speaking rounds: a parallel round gathered into one block,
 * held speeches shown to the god view then revealed with their reasoning, and
 * random_order's speaking order.
 * @module
 */
import assert from "node:assert/strict";
import { viewerLog } from "../src/engine/mod.ts";
import { foldGame } from "../web/model.ts";
import { newGame, night, send } from "./engine_helpers_test.ts";
import {
  blocks,
  of,
  parallel,
  randomOrder,
  stepThrough,
} from "./_web_model_policies.ts";

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
