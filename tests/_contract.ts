/**
 * Shared checks and examples for the contract's schema tests: the issue paths of
 * a failed parse, assertions at a field, and a valid example of every hub
 * message type.
 * @module
 */
import assert from "node:assert/strict";
import type { z } from "zod";

/** The issue paths of a failed parse; fails the test when it succeeds. */
export function issuePaths(schema: z.ZodType, input: unknown): PropertyKey[][] {
  const result = schema.safeParse(input);
  assert.equal(
    result.success,
    false,
    `expected a failure: ${JSON.stringify(input)}`,
  );
  return result.error?.issues.map((issue) => issue.path) ?? [];
}

/** Asserts a parse fails with an issue at exactly `path`. */
export function assertIssueAt(
  schema: z.ZodType,
  input: unknown,
  path: PropertyKey[],
  name: string,
): void {
  const paths = issuePaths(schema, input);
  assert.ok(
    paths.some((p) => JSON.stringify(p) === JSON.stringify(path)),
    `${name}: expected an issue at ${JSON.stringify(path)}, got ${
      JSON.stringify(paths)
    }`,
  );
}

export function assertValid(
  schema: z.ZodType,
  input: unknown,
  name: string,
): void {
  const result = schema.safeParse(input);
  assert.ok(
    result.success,
    `${name}: ${JSON.stringify(result.error?.issues ?? [])}`,
  );
}

/** The fields every example message shares. */
export const base = { client_id: "ui_client_1", timestamp: 1706580000.0 };

/** A valid example of every message type (and variants), keyed by name. */
export const VALID: Record<string, unknown> = {
  connection: {
    message_type: "connection",
    ...base,
    data: { client_type: "ui", connected_at: 1706580000.5, reconnected: false },
  },
  "connection with a message": {
    message_type: "connection",
    ...base,
    data: {
      client_type: "agent",
      connected_at: 0,
      reconnected: true,
      message: "Bienvenue",
    },
  },
  disconnection: {
    message_type: "disconnection",
    ...base,
    data: { client_type: "observer", reason: "closed (code 1000)" },
  },
  ping: { message_type: "ping", ...base },
  "ping with data": {
    message_type: "ping",
    ...base,
    data: { seq: 3, nested: { a: [1] } },
  },
  pong: { message_type: "pong", ...base },
  game_state: {
    message_type: "game_state",
    ...base,
    phase: "night",
    players: [{ id: "p1", name: "Alice", alive: false, role: "werewolf" }],
    current_turn: 0,
    alive_count: 0,
    dead_count: 1,
  },
  "game_state without players": {
    message_type: "game_state",
    ...base,
    phase: "setup",
    players: [],
    current_turn: 0,
    alive_count: 0,
    dead_count: 0,
  },
  agent_message: {
    message_type: "agent_message",
    ...base,
    agent_name: "Alice",
    message_text: "x".repeat(4000),
  },
  player_action: {
    message_type: "player_action",
    ...base,
    agent_id: "agent_1",
    action_type: "vote",
    target_id: "p2",
    phase: "vote",
  },
  "player_action with a null target": {
    message_type: "player_action",
    ...base,
    action_type: "skip",
    target_id: null,
  },
  phase_update: {
    message_type: "phase_update",
    ...base,
    old_phase: null,
    new_phase: "day",
    day: 1,
  },
  error: {
    message_type: "error",
    ...base,
    error: "Unknown message type",
    code: "BAD",
  },
  "error without code": { message_type: "error", ...base, error: "" },
};

/** A valid example with some fields changed (undefined removes a field). */
export function variant(
  name: string,
  changes: Record<string, unknown>,
): unknown {
  const copy: Record<string, unknown> = structuredClone(
    VALID[name] as Record<string, unknown>,
  );
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  }
  return copy;
}
