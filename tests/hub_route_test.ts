/**
 * The hub's pure addressing helpers: `isAddressedTo()` (who a route reaches)
 * and `formatEventId()` / `parseEventId()` (the `<boot>-<seq>` event ids).
 * @module
 */
import assert from "node:assert/strict";
import {
  formatEventId,
  isAddressedTo,
  parseEventId,
  type Route,
  TO_EVERYONE,
} from "../src/hub/mod.ts";

Deno.test("isAddressedTo() decides who a route addresses", () => {
  const a1 = { client_id: "a1", client_type: "agent" } as const;
  const a2 = { client_id: "a2", client_type: "agent" } as const;
  const u1 = { client_id: "u1", client_type: "ui" } as const;
  const o1 = { client_id: "o1", client_type: "observer" } as const;
  const cases: {
    name: string;
    route: Route;
    expect: [boolean, boolean, boolean, boolean];
  }[] = [
    { name: "empty route", route: {}, expect: [true, true, true, true] },
    {
      name: "TO_EVERYONE",
      route: TO_EVERYONE,
      expect: [true, true, true, true],
    },
    {
      name: "to_client",
      route: { to_client: "a2" },
      expect: [false, true, false, false],
    },
    {
      name: "to_client unknown",
      route: { to_client: "zz" },
      expect: [false, false, false, false],
    },
    {
      name: "to_client wins over the other fields",
      route: { to_client: "u1", target_types: ["agent"], exclude_client: "u1" },
      expect: [false, false, true, false],
    },
    {
      name: "target_types one",
      route: { target_types: ["agent"] },
      expect: [true, true, false, false],
    },
    {
      name: "target_types two",
      route: { target_types: ["ui", "observer"] },
      expect: [false, false, true, true],
    },
    {
      name: "target_types empty",
      route: { target_types: [] },
      expect: [false, false, false, false],
    },
    {
      name: "exclude_client",
      route: { exclude_client: "a1" },
      expect: [false, true, true, true],
    },
    {
      name: "target_types + exclude_client",
      route: { target_types: ["agent"], exclude_client: "a1" },
      expect: [false, true, false, false],
    },
    {
      name: "target_types + exclude_client of another type",
      route: { target_types: ["agent"], exclude_client: "u1" },
      expect: [true, true, false, false],
    },
    {
      name: "undefined fields are ignored",
      route: {
        to_client: undefined,
        target_types: undefined,
        exclude_client: undefined,
      },
      expect: [true, true, true, true],
    },
  ];
  for (const { name, route, expect } of cases) {
    const got = [a1, a2, u1, o1].map((who) => isAddressedTo(route, who));
    assert.deepEqual(got, expect, name);
  }
  assert.ok(Object.isFrozen(TO_EVERYONE));
});

Deno.test("formatEventId() and parseEventId() round-trip and refuse garbage", () => {
  assert.equal(formatEventId("t1", 42), "t1-42");
  assert.deepEqual(parseEventId("t1-42"), { bootId: "t1", seq: 42 });
  assert.deepEqual(parseEventId("abcdef12-0"), { bootId: "abcdef12", seq: 0 });
  assert.deepEqual(parseEventId(formatEventId("Zz9", 123456789012345)), {
    bootId: "Zz9",
    seq: 123456789012345,
  });
  const bad = [
    "",
    "t1",
    "t1-",
    "-3",
    "t1-abc",
    "t1-3x",
    "t1--3",
    "a-b-3",
    "t 1-3",
    "t1-+3",
    "t1-1.5",
    `${"a".repeat(17)}-1`,
    `t1-${"9".repeat(16)}`,
  ];
  for (const id of bad) {
    assert.equal(parseEventId(id), null, JSON.stringify(id));
  }
});
