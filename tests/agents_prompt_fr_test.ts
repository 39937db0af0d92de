/**
 * The LLM agent's prompt of a French game: the French snapshots hold none
 * of the English prompt's fixed text, older speech is digested in French,
 * and the turn policies' public facts (a round's order, the bids, a
 * simultaneous vote's votes) are in the French record in both modes, the
 * same facts as `agents_prompt_policies_test.ts` checks in English.
 * @module
 */
import assert from "node:assert/strict";
import { renderPrompt } from "../agents/mod.ts";
import { played, T0, View } from "./_prompt_fixture.ts";

const SNAPSHOTS = new URL("./snapshots/", import.meta.url);

/** Fixed text of the English prompt that a French prompt must not hold. */
const ENGLISH = [
  "=== RULES",
  "=== YOU",
  "=== PLAYERS",
  "=== RECORD",
  "=== REQUEST",
  "You are ",
  "Your role",
  "Alive: ",
  "Dead: ",
  "Allowed targets",
  "Allowed amounts",
  "Answer within",
  " said: ",
  " to the werewolves",
  " voted ",
  " died ",
  "-- day ",
  "(now: ",
  "Names and speech",
  "earlier speech",
];

Deno.test("renderPrompt() of a French game (tests/snapshots/prompt_fr_*.txt): none of the English prompt's fixed text", async () => {
  const files: string[] = [];
  for await (const entry of Deno.readDir(SNAPSHOTS)) {
    if (entry.name.startsWith("prompt_fr_")) files.push(entry.name);
  }
  assert.ok(files.length >= 9, files.join(", "));
  for (const file of files) {
    // the fixed text: without the players' quoted names and speech
    const text = (await Deno.readTextFile(new URL(file, SNAPSHOTS)))
      .replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const words of ENGLISH) {
      assert.ok(!text.includes(words), `${file}: ${words}`);
    }
  }
});

Deno.test("renderPrompt() of a French game digests older speech in French and keeps the last round verbatim", () => {
  const view = new View("p3", { locale: "fr" }).phase(1, "lobby", "night")
    .say("p1", "p2 est la voyante", "werewolves")
    .phase(1, "dawn", "discussion");
  for (const round of [1, 2]) {
    for (const who of ["p1", "p2", "p3", "p4", "p5", "p6"]) {
      view.say(who, `tour ${round} de ${who} : je soupçonne p${round + 4}.`);
    }
  }
  const user = renderPrompt(view.turn("vote", ["p1"]), { now: T0 })[1]!
    .content;
  assert.match(
    user,
    /^\(paroles antérieures ; l'orateur d'abord, puis les places qu'il a le plus nommées : p1 p5; p2 p5; .*; aux loups-garous : p1 p2\)$/m,
  );
  assert.match(user, /^p2 : "tour 2 de p2 : je soupçonne p6\."$/m);
  assert.doesNotMatch(user, /tour 1 de p2/);
});

/** The record of `played()`'s French view, in `record` mode. */
function frenchRecord(record: "compact" | "full"): string {
  const context = played({ locale: "fr" }).turn("vote", ["p1", "p2", "p3"]);
  return renderPrompt(context, { now: context.turn.at, record })
    .map((message) => message.content).join("\n");
}

Deno.test("renderPrompt() of a French game records a round's order, the bids and their outcome, the seat's bid and a simultaneous vote's votes (compact)", () => {
  const text = frenchRecord("compact");
  assert.match(text, /ordre du tour 1 : p3, p1, p5/);
  assert.match(text, /p5 \(vous\) a enchéri 3/);
  assert.match(
    text,
    /enchères pour la prise de parole 2 : p1 0, p3 4, p5 \(vous\) 3 ; p3 parle \(plus forte enchère\)/,
  );
  assert.match(
    text,
    /^vote : p1 \(p3, p5 \(vous\)\) ; abstentions \(p1\) ; éliminé : p1$/m,
  );
});

Deno.test("renderPrompt() of a French game records the same facts in the full log", () => {
  const text = frenchRecord("full");
  assert.match(text, /^ordre du tour 1 : p3, p1, p5$/m);
  assert.match(text, /^p5 \(vous\) a enchéri 3$/m);
  assert.match(
    text,
    /^enchères pour la prise de parole 2 : p1 0, p3 4, p5 \(vous\) 3 ; p3 parle \(plus forte enchère\)$/m,
  );
  assert.match(text, /votes : p1 abstention, p3 p1, p5 p1$/m);
});
