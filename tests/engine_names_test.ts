import assert from "node:assert/strict";
import { ROLES } from "../src/contract/mod.ts";
import { nameRefusal, summaryOf } from "../src/engine/mod.ts";
import { ROLE_WORDS } from "../src/engine/roles.ts";
import { AUTHORITY_WORDS } from "../src/engine/_authority.ts";
import { newGame, refused, send } from "./engine_helpers_test.ts";

const SEATED = [{ id: "p1", name: "Alice" }, { id: "p2", name: "Bruno" }];

/** Names refused next to Alice (p1) and Bruno (p2), and why. */
const REFUSED: [name: string, why: RegExp][] = [
  // the five
  ["\u0410lice", /is taken in this game: it reads like "Alice" \(p1\)/],
  ["p1", /is shaped like a player id \(p and a number, as in p1\)/],
  ["p3 (seer)", /carries the role name "seer"/],
  [
    "Moderat0r",
    /reads as "moderator", a word of the game's or the system's voice/,
  ],
  ["Narrator - p1", /reads as "narrator"/],
  // taken, whatever the spelling
  ["alice", /reads like "Alice" \(p1\)/],
  ["ALICE", /reads like "Alice"/],
  ["A l i c e", /reads like "Alice"/],
  ["Al1ce", /reads like "Alice"/],
  ["Alicé", /reads like "Alice"/],
  ["ＡＬＩＣＥ", /reads like "Alice"/],
  ["AIice", /reads like "Alice"/],
  ["A1ice", /reads like "Alice"/],
  ["A|ice", /reads like "Alice"/],
  ["Brun0", /reads like "Bruno" \(p2\)/],
  ["Вruno", /reads like "Bruno" \(p2\)/],
  // shaped like a player id
  ["P 12", /shaped like a player id/],
  ["p\uFF11", /shaped like a player id/],
  ["p-3", /shaped like a player id/],
  ["Bob p2", /shaped like a player id/],
  ["\u04404", /shaped like a player id/],
  // a role's name, English or French
  ["Werewolf", /role name "werewolf"/],
  ["The Seer", /role name "seer"/],
  ["Witchy Witch", /role name "witch"/],
  ["Hunter", /role name "hunter"/],
  ["Guard", /role name "guard"/],
  ["V1llager", /role name "villager"/],
  ["Loup-Garou", /role name "loup-garou"/],
  ["LoupGarou", /role name "loup-garou"/],
  ["Voyante", /role name "voyante"/],
  ["Sorcière", /role name "sorcière"/],
  ["Chasseur", /role name "chasseur"/],
  ["Salvateur", /role name "salvateur"/],
  ["Villageois", /role name "villageois"/],
  ["SeerBot", /role name "seer"/],
  ["Wolves", /role name "wolves"/],
  // a word of the game's or the system's voice
  ["SYSTEM", /reads as "system"/],
  ["Syst3m", /reads as "system"/],
  ["Ꮪystem", /reads as "system"/],
  ["S.Y.S.T.E.M", /reads as "system"/],
  ["Narrateur", /reads as "narrateur"/],
  ["MJ", /reads as "mj"/],
  ["Maître du jeu", /reads as "maître du jeu"/],
  ["GameMaster", /reads as "game master"/],
  ["Game Master", /reads as "game master"/],
  ["Admin", /reads as "admin"/],
  ["@dmin", /reads as "admin"/],
  ["Server", /reads as "server"/],
  ["Host", /reads as "host"/],
  ["Human", /reads as "human"/],
  ["Assistant", /reads as "assistant"/],
  ["The Moderator", /reads as "moderator"/],
];

Deno.test("nameRefusal() refuses look-alikes of seated names, player ids, role names and the voice of the game", () => {
  for (const [name, why] of REFUSED) {
    const refusal = nameRefusal(name, SEATED);
    assert.ok(refusal !== null, `${name} was accepted`);
    assert.match(refusal, why, name);
    assert.match(refusal, /choose a(nother)? name/, name);
  }
});

/** Names that pass next to Alice and Bruno. */
const ALLOWED = [
  "Alicia",
  "Alise",
  "Bruna",
  "Zoé",
  "李雷",
  "O'Brien",
  "Player 7",
  "Agent One",
  "Bot 3",
  "Wolfgang",
  "Switch",
  "Guardian",
  "Hostess",
  "Userland",
  "Systematic Sam",
  "Modeste",
  "Gamer",
  "gpt-4o",
  "claude-3-opus",
  "llama-3.1-8b",
  "Qwen2.5",
  "Ines",
  "Iris",
  "P",
  "Pierre",
  "Paul 2",
];

Deno.test("nameRefusal() lets ordinary names, model names and near-words pass", () => {
  for (const name of ALLOWED) {
    assert.equal(nameRefusal(name, SEATED), null, name);
  }
});

Deno.test("nameRefusal() refuses every role word of the roles table and every authority word", () => {
  for (const role of ROLES) {
    for (const word of ROLE_WORDS[role]) {
      assert.match(nameRefusal(`Sam ${word}`, []) ?? "", /role name/, word);
    }
  }
  for (const word of AUTHORITY_WORDS) {
    assert.match(
      nameRefusal(`Sam ${word}`, []) ?? "",
      /the game's or the system's voice/,
      word,
    );
  }
});

Deno.test("decide() refuses an impersonating join with BAD_REQUEST and seats the rest", () => {
  const run = newGame({ players: 8, join: 0 });
  for (const seat of SEATED) send(run, { type: "join", name: seat.name });
  for (const [name, why] of REFUSED) {
    const violation = refused(run, { type: "join", name });
    assert.equal(violation.code, "BAD_REQUEST", name);
    assert.ok(
      violation.message.startsWith(`the name ${JSON.stringify(name)} `),
    );
    assert.match(violation.message, why, name);
  }
  for (const name of ALLOWED.slice(0, 6)) send(run, { type: "join", name });
  assert.equal(summaryOf(run.state).joined, 8);
});
