/**
 * `PublishInputSchema`: what the server fills in (client_id, timestamp), the
 * routing fields in their allowed forms, and bad input refused at the field.
 * @module
 */
import assert from "node:assert/strict";
import { PublishInputSchema } from "../src/contract/mod.ts";
import { assertIssueAt, assertValid, base, VALID } from "./_contract.ts";

const talk = {
  message_type: "agent_message",
  agent_name: "Alice",
  message_text: "Bonjour",
};

Deno.test("PublishInputSchema lets the server fill client_id and timestamp", () => {
  const cases: { name: string; input: unknown }[] = [
    { name: "agent_message bare", input: { message: talk } },
    {
      name: "agent_message with sender",
      input: { message: { ...talk, ...base } },
    },
    {
      name: "player_action bare",
      input: {
        message: {
          message_type: "player_action",
          action_type: "vote",
          target_id: "p1",
        },
      },
    },
    {
      name: "game_state bare",
      input: {
        message: {
          message_type: "game_state",
          phase: "day",
          players: [],
          current_turn: 1,
          alive_count: 0,
          dead_count: 0,
        },
      },
    },
    {
      name: "phase_update bare",
      input: {
        message: {
          message_type: "phase_update",
          old_phase: "day",
          new_phase: "night",
        },
      },
    },
  ];
  for (const { name, input } of cases) {
    assertValid(PublishInputSchema, input, name);
  }
  const parsed = PublishInputSchema.parse({ message: talk });
  assert.equal(parsed.message.client_id, undefined);
  assert.equal(parsed.message.timestamp, undefined);
});

Deno.test("PublishInputSchema accepts the routing fields in their allowed forms", () => {
  const cases: { name: string; input: unknown }[] = [
    {
      name: "target_type string",
      input: { message: talk, target_type: "agent" },
    },
    {
      name: "target_type array",
      input: { message: talk, target_type: ["ui", "observer"] },
    },
    {
      name: "target_type all three",
      input: { message: talk, target_type: ["agent", "ui", "observer"] },
    },
    {
      name: "exclude_client",
      input: { message: talk, exclude_client: "agent_1" },
    },
    {
      name: "target_type + exclude_client",
      input: { message: talk, target_type: "agent", exclude_client: "agent_1" },
    },
    { name: "to_client alone", input: { message: talk, to_client: "agent_1" } },
  ];
  for (const { name, input } of cases) {
    assertValid(PublishInputSchema, input, name);
  }
  assert.deepEqual(
    PublishInputSchema.parse({ message: talk, target_type: ["ui"] })
      .target_type,
    ["ui"],
  );
});

Deno.test("PublishInputSchema refuses bad input with an issue at the field", () => {
  const cases: { name: string; input: unknown; path: PropertyKey[] }[] = [
    {
      name: "to_client with target_type",
      input: { message: talk, to_client: "a1", target_type: "ui" },
      path: ["to_client"],
    },
    {
      name: "to_client with exclude_client",
      input: { message: talk, to_client: "a1", exclude_client: "a2" },
      path: ["to_client"],
    },
    {
      name: "ping is not publishable",
      input: { message: { message_type: "ping" } },
      path: ["message", "message_type"],
    },
    {
      name: "connection is not publishable",
      input: { message: VALID["connection"] },
      path: ["message", "message_type"],
    },
    {
      name: "message text too long",
      input: { message: { ...talk, message_text: "x".repeat(4001) } },
      path: ["message", "message_text"],
    },
    {
      name: "bad sender id",
      input: { message: { ...talk, client_id: "bad id" } },
      path: ["message", "client_id"],
    },
    { name: "no message", input: {}, path: ["message"] },
    {
      name: "empty target_type array",
      input: { message: talk, target_type: [] },
      path: ["target_type"],
    },
    {
      name: "unknown target_type",
      input: { message: talk, target_type: "admin" },
      path: ["target_type"],
    },
    {
      name: "too many target types",
      input: { message: talk, target_type: ["ui", "ui", "ui", "ui"] },
      path: ["target_type"],
    },
    {
      name: "bad exclude_client",
      input: { message: talk, exclude_client: "a b" },
      path: ["exclude_client"],
    },
    {
      name: "bad to_client",
      input: { message: talk, to_client: "" },
      path: ["to_client"],
    },
  ];
  for (const { name, input, path } of cases) {
    assertIssueAt(PublishInputSchema, input, path, name);
  }
  const result = PublishInputSchema.safeParse({
    message: talk,
    to_client: "a1",
    target_type: "ui",
  });
  assert.equal(result.success, false);
  assert.deepEqual(result.error?.issues.map((i) => i.path), [["to_client"]]);
  assert.match(result.error?.issues[0]?.message ?? "", /target_type/);
});
