import assert from "node:assert/strict";
import { renderPrompt } from "../agents/mod.ts";
import { render, snapshots } from "./_prompt_cases.ts";
import { T0, View } from "./_prompt_fixture.ts";

const SNAPSHOTS = new URL("./snapshots/", import.meta.url);

for (const [file, context] of snapshots()) {
  Deno.test(`renderPrompt() matches its snapshot (tests/snapshots/${file}.txt)`, async () => {
    const expected = await Deno.readTextFile(
      new URL(`${file}.txt`, SNAPSHOTS),
    );
    assert.equal(render(file, context), expected);
  });
}

Deno.test("renderPrompt: speech of older days is digested in one line, every death, vote and private result is kept (the result once), and the prompt grows far slower than the log", () => {
  const view = new View("p2").phase(1, "lobby", "night")
    .add({
      type: "seer_result",
      seer_id: "p2",
      target: "p1",
      is_werewolf: true,
    });
  const long = "I keep thinking about who did it and why, day after day. "
    .repeat(4);
  for (let day = 1; day <= 5; day++) {
    view.phase(day, "night", "discussion");
    for (const who of ["p1", "p3", "p5", "p6"]) {
      view.say(who, `day ${day}: ${long} (${who})`);
    }
    view.phase(day, "discussion", "vote")
      .add({
        type: "player_action",
        player_id: "p3",
        action: "vote",
        target: "p1",
        timed_out: false,
      })
      .add({
        type: "vote_result",
        day,
        tally: { p1: 1 },
        abstentions: 4,
        eliminated: null,
      })
      .add({
        type: "player_died",
        player_id: `p${day === 2 ? 4 : 5}`,
        cause: "werewolves",
        role: "villager",
      });
  }
  const prompt = renderPrompt(view.turn("seer_inspect", ["p3"]), { now: T0 })
    .map((m) => m.content).join("\n");
  const blocks = prompt.split(/^-- day (\d+) --$/m);
  for (let day = 1; day <= 5; day++) {
    const block = blocks[blocks.indexOf(String(day)) + 1] ?? "";
    assert.match(
      block,
      /^vote: p1 \(p3\); abstained 4; eliminated: nobody; p\d died \(werewolves\), was villager$/m,
      `the vote of day ${day}`,
    );
    assert.equal(block.includes(`day ${day}: I keep`), day === 5, `day ${day}`);
    // one digest for days 1 to 4, where their last speech was
    assert.equal(
      block.includes(
        "(earlier speech; speaker first, then the seats it named most: p1; p3; p5; p6)",
      ),
      day === 4,
      `the digest in day ${day}'s block`,
    );
  }
  assert.equal(prompt.match(/^\(earlier speech/gm)?.length, 1, "one digest");
  // the private result is said once, in its day's block
  assert.ok(!prompt.includes("Private result"));
  assert.ok(prompt.includes("\nnight: you learned p1 is a werewolf\n"));
  assert.ok(prompt.includes("p4 died (werewolves), was villager"));
  const logSize = JSON.stringify(view.events).length;
  assert.ok(prompt.length < logSize / 2, `${prompt.length} vs ${logSize}`);
});

Deno.test("renderPrompt: compact keeps the current day's last round (one line per living player) verbatim and digests the earlier one; full keeps every line", () => {
  const view = new View("p3").phase(1, "lobby", "night")
    .add({
      type: "player_died",
      player_id: "p4",
      cause: "werewolves",
      role: "hunter",
    })
    .phase(1, "dawn", "discussion");
  const living = ["p1", "p2", "p3", "p5", "p6"];
  for (const round of [1, 2]) {
    for (const who of living) {
      view.say(who, `round ${round} from ${who}: I suspect p${round + 4}.`);
    }
  }
  const context = view.phase(1, "discussion", "vote").turn("vote", living);
  const user = (record?: "full" | "compact") =>
    renderPrompt(context, { now: T0, ...(record ? { record } : {}) })[1]!
      .content;
  const compact = user();
  assert.equal(user("compact"), compact, "compact is the default");
  for (const who of living) {
    assert.ok(!compact.includes(`round 1 from ${who}`), `round 1 of ${who}`);
    assert.ok(compact.includes(`\n${who}: "round 2 from ${who}: `));
  }
  assert.match(
    compact,
    /^\(earlier speech; speaker first, then the seats it named most: p1 p5; p2 p5; p3 p5; p5; p6 p5\)$/m,
  );
  const full = user("full");
  for (const who of living) {
    for (const round of [1, 2]) {
      assert.ok(full.includes(`${who} said: "round ${round} from ${who}: `));
    }
  }
  assert.ok(!full.includes("earlier speech"));
  assert.match(
    compact,
    /^-- day 1 --\nnight: p4 died \(werewolves\), was hunter$/m,
  );
  assert.match(full, /^p4 died \(werewolves\); role: hunter$/m);
});

Deno.test("renderPrompt: compact puts a past day's vote on one line (each target with its voters, the count only where they do not say it, abstentions, timed-out votes, the eliminated player's role), and the hunter's shot and the seer's result with their phases", () => {
  const vote = (who: string, target: string | null, timedOut = false) => ({
    type: "player_action",
    player_id: who,
    action: "vote",
    target,
    timed_out: timedOut,
  });
  const view = new View("p2").phase(1, "lobby", "night")
    .add({
      type: "player_action",
      player_id: "p2",
      action: "seer_inspect",
      target: "p4",
      timed_out: false,
    })
    .add({
      type: "seer_result",
      seer_id: "p2",
      target: "p4",
      is_werewolf: false,
    })
    .phase(1, "night", "witch").phase(1, "witch", "dawn")
    .phase(1, "dawn", "discussion").phase(1, "discussion", "vote")
    .add(vote("p1", "p4")).add(vote("p2", "p4")).add(vote("p3", "p1"))
    .add(vote("p4", null, true)).add(vote("p5", "p4")).add(vote("p6", null))
    .add({
      type: "vote_result",
      day: 1,
      tally: { p4: 3, p1: 1 },
      abstentions: 2,
      eliminated: "p4",
    })
    .add({
      type: "player_died",
      player_id: "p4",
      cause: "vote",
      role: "hunter",
    })
    .phase(1, "vote", "hunter")
    .add({
      type: "player_action",
      player_id: "p4",
      action: "hunter_shoot",
      target: "p6",
      timed_out: false,
    })
    .add({
      type: "player_died",
      player_id: "p6",
      cause: "hunter",
      role: "werewolf",
    })
    .phase(2, "hunter", "night");
  const user = (record: "compact" | "full") =>
    renderPrompt(view.turn("seer_inspect", ["p1", "p3", "p5"]), {
      now: T0,
      record,
    })[1]!.content;
  const record = (text: string) =>
    text.slice(
      text.indexOf("=== RECORD ===\n") + 15,
      text.indexOf("\n=== REQUEST"),
    );
  assert.equal(
    record(user("compact")),
    [
      // the players' lines open the compact record
      'Alive: p1 "Alice", p2 "Bruno", p3 "Chloé", p5 "Elsa"',
      'Dead: p4 "Dav\\"id", p6 "Farid"',
      "-- day 1 --",
      "night: you seer_inspect p4: not a werewolf",
      "vote: p4 (p1, you, p5); p1 (p3); abstained (p4 timed out, p6); eliminated: p4, was hunter",
      "hunter: p4 hunter_shoot p6; p6 died (hunter), was werewolf",
      "-- day 2 --",
    ].join("\n"),
  );
  assert.match(user("compact"), /^Dead: p4 "Dav\\"id", p6 "Farid"$/m);
  const full = user("full");
  assert.match(
    full,
    /^Dead: p4 "Dav\\"id" \(hunter\), p6 "Farid" \(werewolf\)$/m,
  );
  for (
    const line of [
      "p4 voted to abstain (deadline passed)",
      "vote of day 1: p4 3, p1 1; 2 abstained; eliminated: p4",
      "p4 died (vote); role: hunter",
      "p6 died (hunter); role: werewolf",
    ]
  ) assert.ok(full.split("\n").includes(line), line);
});

if (import.meta.main) {
  // deno run --allow-read --allow-write=tests/snapshots tests/agents_prompt_render_test.ts
  for (const [file, context] of snapshots()) {
    await Deno.writeTextFile(
      new URL(`${file}.txt`, SNAPSHOTS),
      render(file, context),
    );
  }
}
