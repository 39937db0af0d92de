import assert from "node:assert/strict";
import { z } from "zod";
import {
  describeIssues,
  type InputIssue,
  issuesOf,
} from "../src/api/_issues.ts";
import { safeEqual } from "../src/api/_auth.ts";
import { HubMessageSchema, PublishInputSchema } from "../src/contract/mod.ts";

/** The error of a parse that must fail. */
function zodError(schema: z.ZodType, input: unknown): z.ZodError {
  const result = schema.safeParse(input);
  assert.equal(result.success, false);
  return result.error as z.ZodError;
}

// ---------------------------------------------------------------------------
// issuesOf()
// ---------------------------------------------------------------------------

Deno.test("issuesOf() turns a ZodError into dotted paths and messages", () => {
  const error = zodError(PublishInputSchema, {
    message: {
      message_type: "agent_message",
      agent_name: "Alice",
      message_text: "",
    },
    exclude_client: "bad id",
  });
  const issues = issuesOf(error);
  assert.ok(issues !== null);
  assert.deepEqual(
    issues.map((i) => i.path).sort(),
    ["exclude_client", "message.message_text"],
  );
  for (const issue of issues) {
    assert.equal(typeof issue.message, "string");
    assert.ok(issue.message.length > 0);
  }
  const exclude = issues.find((i) => i.path === "exclude_client");
  assert.match(exclude?.message ?? "", /only letters/);
});

Deno.test("issuesOf() joins array indexes into the path", () => {
  const error = zodError(HubMessageSchema, {
    message_type: "game_state",
    client_id: "game_engine",
    timestamp: 1,
    phase: "day",
    players: [
      { id: "p1", name: "Alice", alive: true },
      { id: "p2", name: "Bob", alive: "yes" },
    ],
    current_turn: 1,
    alive_count: 1,
    dead_count: 0,
  });
  assert.deepEqual(issuesOf(error)?.map((i) => i.path), ["players.1.alive"]);
});

Deno.test("issuesOf() gives an empty path for a root issue", () => {
  const error = zodError(z.string(), 42);
  const issues = issuesOf(error);
  assert.equal(issues?.length, 1);
  assert.equal(issues?.[0]?.path, "");
});

Deno.test("issuesOf() reads Standard Schema issues with key objects", () => {
  const issues = issuesOf({
    issues: [
      { path: [{ key: "message" }, { key: 0 }, "text"], message: "too long" },
      { path: undefined, message: "root" },
      { path: ["a"] },
      { message: 42 },
    ],
  });
  assert.deepEqual(issues, [
    { path: "message.0.text", message: "too long" },
    { path: "", message: "root" },
    { path: "a", message: "invalid" },
    { path: "", message: "42" },
  ]);
});

Deno.test("issuesOf() returns null for what is not a validation error", () => {
  const cases: unknown[] = [
    new Error("boom"),
    null,
    undefined,
    "issues",
    42,
    {},
    { issues: "not an array" },
    { issues: null },
  ];
  for (const cause of cases) assert.equal(issuesOf(cause), null, String(cause));
  assert.deepEqual(issuesOf({ issues: [] }), []);
});

// ---------------------------------------------------------------------------
// describeIssues()
// ---------------------------------------------------------------------------

Deno.test("describeIssues() names each field and why", () => {
  const cases: { issues: InputIssue[]; expect: string }[] = [
    {
      issues: [{ path: "message.message_text", message: "Too big" }],
      expect: `Invalid input: "message.message_text": Too big`,
    },
    {
      issues: [{ path: "", message: "Expected an object" }],
      expect: "Invalid input: Expected an object",
    },
    {
      issues: [
        { path: "to_client", message: "leave target_type out" },
        { path: "players.0.alive", message: "expected boolean" },
      ],
      expect:
        `Invalid input: "to_client": leave target_type out; "players.0.alive": expected boolean`,
    },
    { issues: [], expect: "Invalid input: " },
  ];
  for (const { issues, expect } of cases) {
    assert.equal(describeIssues(issues), expect);
  }
});

Deno.test("describeIssues() names at most 5 issues and counts the rest", () => {
  const make = (n: number): InputIssue[] =>
    Array.from({ length: n }, (_, i) => ({ path: `f${i}`, message: `m${i}` }));
  const five = describeIssues(make(5));
  assert.equal(
    five,
    `Invalid input: "f0": m0; "f1": m1; "f2": m2; "f3": m3; "f4": m4`,
  );
  const seven = describeIssues(make(7));
  assert.equal(
    seven,
    `Invalid input: "f0": m0; "f1": m1; "f2": m2; "f3": m3; "f4": m4 (and 2 more)`,
  );
  assert.ok(!seven.includes("f5"));
  assert.match(describeIssues(make(6)), / \(and 1 more\)$/);
});

Deno.test("describeIssues() of issuesOf() of a real ZodError names the field", () => {
  const error = zodError(PublishInputSchema, {
    message: {
      message_type: "agent_message",
      agent_name: "A",
      message_text: "hi",
    },
    to_client: "a1",
    target_type: "ui",
  });
  const sentence = describeIssues(issuesOf(error) ?? []);
  assert.match(
    sentence,
    /^Invalid input: "to_client": to_client sends to one client/,
  );
});

// ---------------------------------------------------------------------------
// safeEqual()
// ---------------------------------------------------------------------------

Deno.test("safeEqual() is true only for identical strings", () => {
  const cases: [string, string, boolean][] = [
    ["s3cret", "s3cret", true],
    ["", "", true],
    ["s3cret", "s3creT", false],
    ["s3cret", "S3cret", false],
    ["s3cret", "", false],
    ["", "s3cret", false],
    // different lengths, one a prefix of the other
    ["s3cre", "s3cret", false],
    ["s3cret", "s3cret!", false],
    ["s3cret!", "s3cret", false],
    ["s3cret\0", "s3cret", false],
    ["s3cret", "s3cret\0", false],
    // unicode: compared as UTF-8 bytes
    ["mot de passe é", "mot de passe é", true],
    ["loup🐺garou", "loup🐺garou", true],
    ["loup🐺garou", "loup🦊garou", false],
    ["é", "e\u0301", false],
    ["é", "e", false],
    ["\u00e9", "\u00e8", false],
  ];
  for (const [given, expected, result] of cases) {
    assert.equal(
      safeEqual(given, expected),
      result,
      `${JSON.stringify(given)} vs ${JSON.stringify(expected)}`,
    );
  }
});

Deno.test("safeEqual() compares long tokens", () => {
  const token = "a".repeat(4096);
  assert.equal(safeEqual(token, token), true);
  assert.equal(safeEqual(`${token.slice(0, -1)}b`, token), false);
  assert.equal(safeEqual(token.repeat(2), token), false);
});
