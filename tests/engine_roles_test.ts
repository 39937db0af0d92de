import assert from "node:assert/strict";
import type { RoleCounts } from "../src/contract/mod.ts";
import { defaultRoles, validateRoles } from "../src/engine/mod.ts";

const TABLE: [players: number, roles: RoleCounts][] = [
  [5, { werewolf: 1, seer: 1, witch: 1, villager: 2 }],
  [6, { werewolf: 2, seer: 1, witch: 1, villager: 2 }],
  [7, { werewolf: 2, seer: 1, witch: 1, hunter: 1, villager: 2 }],
  [8, { werewolf: 2, seer: 1, witch: 1, hunter: 1, villager: 3 }],
  [9, { werewolf: 2, seer: 1, witch: 1, hunter: 1, guard: 1, villager: 3 }],
  [10, { werewolf: 3, seer: 1, witch: 1, hunter: 1, guard: 1, villager: 3 }],
  [11, { werewolf: 3, seer: 1, witch: 1, hunter: 1, guard: 1, villager: 4 }],
  [12, { werewolf: 4, seer: 1, witch: 1, hunter: 1, guard: 1, villager: 4 }],
  [14, { werewolf: 4, seer: 1, witch: 1, hunter: 1, guard: 1, villager: 6 }],
  [15, { werewolf: 5, seer: 1, witch: 1, hunter: 1, guard: 1, villager: 6 }],
  [18, { werewolf: 5, seer: 1, witch: 1, hunter: 1, guard: 1, villager: 9 }],
];

for (const [players, roles] of TABLE) {
  Deno.test(`defaultRoles(${players}) follows the role table`, () => {
    assert.deepEqual(defaultRoles(players), roles);
  });
}

Deno.test("defaultRoles() is valid for every player count from 5 to 18", () => {
  for (let players = 5; players <= 18; players++) {
    assert.equal(validateRoles(players, defaultRoles(players)), null);
  }
});

Deno.test("defaultRoles() throws a RangeError outside 5 to 18 players", () => {
  assert.throws(() => defaultRoles(4), RangeError);
  assert.throws(() => defaultRoles(19), RangeError);
  assert.throws(() => defaultRoles(7.5), RangeError);
});

const INVALID: [
  name: string,
  players: number,
  roles: RoleCounts,
  message: RegExp,
][] = [
  ["no werewolf", 5, { seer: 1, villager: 4 }, /at least one werewolf/],
  [
    "as many werewolves as others",
    6,
    { werewolf: 3, villager: 3 },
    /werewolves must be fewer than the others, so at most 2 for 6 players/,
  ],
  [
    "counts that do not add up",
    8,
    { werewolf: 2, villager: 5 },
    /add up to 7 but the game has 8 players: they must add up to 8/,
  ],
  [
    "two seers",
    8,
    { werewolf: 2, seer: 2, villager: 4 },
    /at most one seer, not 2: use 0 or 1/,
  ],
  [
    "two guards",
    9,
    { werewolf: 2, guard: 2, villager: 5 },
    /at most one guard/,
  ],
  ["a negative count", 5, {
    werewolf: 2,
    villager: -1,
    seer: 1,
    witch: 1,
    hunter: 1,
    guard: 1,
  }, /villager count must be a whole number/],
  [
    "a fractional count",
    5,
    { werewolf: 1.5, villager: 3.5 },
    /werewolf count must be a whole number/,
  ],
  [
    "too few players",
    4,
    { werewolf: 1, villager: 3 },
    /5 to 18 players, not 4/,
  ],
  [
    "too many players",
    19,
    { werewolf: 5, villager: 14 },
    /5 to 18 players, not 19/,
  ],
];

for (const [name, players, roles, message] of INVALID) {
  Deno.test(`validateRoles() rejects ${name} with BAD_REQUEST`, () => {
    const violation = validateRoles(players, roles);
    assert.equal(violation?.code, "BAD_REQUEST");
    assert.match(violation.message, message);
  });
}

Deno.test("validateRoles() accepts explicit tables without some powers", () => {
  assert.equal(validateRoles(5, { werewolf: 2, villager: 3 }), null);
  assert.equal(
    validateRoles(7, { werewolf: 1, hunter: 1, guard: 1, villager: 4 }),
    null,
  );
  assert.equal(validateRoles(18, { werewolf: 8, seer: 1, villager: 9 }), null);
});
