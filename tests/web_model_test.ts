import assert from "node:assert/strict";
import { type Viewer, viewerLog } from "../src/engine/mod.ts";
import { GameService, seatHouseBots } from "../src/game/mod.ts";
import type { GameEvent } from "../src/mod.ts";
import { applyEvent, emptyGame, foldGame } from "../web/model.ts";
import { within } from "./_helpers.ts";
import {
  newGame,
  night,
  one,
  send,
  witchPasses,
} from "./engine_helpers_test.ts";

/** A whole bot game as `viewer` saw it live (redacted as it happened). */
async function playedGame(viewers: Viewer[]): Promise<GameEvent[][]> {
  const games = new GameService();
  try {
    const { gameId } = await games.create({
      players: 8,
      seed: 21,
      actionTimeoutMs: 10_000,
      discussionRounds: 1,
    });
    const room = games.room(gameId);
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
    const seen = await within(Promise.all(streams), 20_000, "game_over");
    await within(bots.finished, 5000, "the bots leave");
    return seen;
  } finally {
    games.close();
  }
}

const [publicLog, godLog] = await playedGame([{ kind: "public" }, {
  kind: "god",
}]) as [GameEvent[], GameEvent[]];

Deno.test("applyEvent() ignores an event at or before the last one applied, so a resumed stream never shows a line twice", () => {
  let model = emptyGame();
  for (const event of godLog.slice(0, 40)) model = applyEvent(model, event);
  const before = model;
  for (const event of godLog.slice(20, 40)) {
    model = applyEvent(model, event); // a resend after a reconnect
  }
  assert.equal(model, before);
  const whole = godLog.reduce(applyEvent, model);
  assert.deepEqual(whole, foldGame(godLog));
  const seqs = whole.chat.map((line) => line.seq);
  assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b));
});

Deno.test("foldGame() of the god view knows every role, the werewolves' channel and the night's secrets; the winner and every role at the end", () => {
  const running = foldGame(godLog.slice(0, -2)); // before the end
  assert.ok(running.players.every((p) => p.role !== null));
  assert.ok(running.wolfChat.length > 0, "no werewolf talk");
  assert.ok(running.secrets.length > 0, "no night action");
  const over = godLog.at(-1);
  assert.equal(over?.type, "game_over");
  const ended = foldGame(godLog);
  assert.equal(ended.winner, over?.type === "game_over" ? over.winner : null);
  assert.equal(ended.phase, "ended");
  assert.equal(ended.deadline, null);
});

Deno.test("foldGame() of the public view knows the roles of the dead only, and nothing of the werewolves' channel or the night's actions, until the end", () => {
  const running = foldGame(publicLog.slice(0, -2));
  for (const player of running.players) {
    assert.equal(player.role !== null, !player.alive, player.name);
  }
  assert.deepEqual(running.wolfChat, []);
  assert.deepEqual(running.secrets, []);
  const ended = foldGame(publicLog);
  assert.ok(ended.players.every((p) => p.role !== null));
  assert.equal(ended.winner, foldGame(godLog).winner);
});

Deno.test("foldGame() counts each vote as it comes, and the tally matches the vote's result", () => {
  let model = emptyGame();
  let checked = 0;
  for (const event of publicLog) {
    const before = model;
    model = applyEvent(model, event);
    if (event.type === "vote_result") {
      assert.deepEqual(before.vote?.tally, event.tally);
      assert.equal(model.vote?.result?.eliminated, event.eliminated);
      checked++;
    }
  }
  assert.ok(checked > 0, "no vote was held");
});

Deno.test("foldGame() tells each dawn's deaths and the day it came", () => {
  const model = foldGame(publicLog);
  const dawns = publicLog.filter((e) =>
    e.type === "phase_update" && e.new_phase === "dawn"
  );
  assert.ok(dawns.length > 0);
  const last = dawns.at(-1);
  assert.equal(model.dawn?.day, last?.type === "phase_update" ? last.day : -1);
  for (const death of model.dawn?.deaths ?? []) {
    assert.equal(
      model.players.find((p) => p.id === death.player)?.alive,
      false,
    );
  }
});

Deno.test("foldGame() puts a move's reasoning under it for the god view, never for the public while it runs, and names a default's cause", () => {
  const run = newGame({ players: 8, seed: 1, rounds: 1 });
  const seer = one(run, "seer");
  send(run, {
    type: "forfeit",
    player_id: seer,
    via: "act",
    failed: "model_error",
  });
  night(run, { kill: one(run, "villager") });
  witchPasses(run);
  const speaker = run.state.pending[0]!.player_id;
  send(run, {
    type: "say",
    player_id: speaker,
    text: "hello",
    reasoning: "open softly",
  });
  while (run.state.phase === "discussion") {
    send(run, {
      type: "say",
      player_id: run.state.pending[0]!.player_id,
      text: "",
    });
  }
  const voter = run.state.pending[0]!;
  send(run, {
    type: "vote",
    player_id: voter.player_id,
    target: voter.options[0]!,
    reasoning: "they were quiet",
  });
  const god = foldGame(run.log);
  assert.equal(
    god.chat.find((line) => line.text === "hello")?.reasoning,
    "open softly",
  );
  assert.equal(god.vote?.ballots[0]?.reasoning, "they were quiet");
  assert.ok(
    god.secrets.some((line) => line.text.endsWith("(the model failed).")),
    JSON.stringify(god.secrets.map((line) => line.text)),
  );
  const seen = foldGame(viewerLog(run.log, run.state, { kind: "public" }));
  assert.equal(
    seen.chat.find((line) => line.text === "hello")?.reasoning,
    null,
  );
  assert.equal(seen.vote?.ballots[0]?.reasoning, null);
  assert.ok(seen.chat.every((line) => line.reasoning === null));
});
