/**
 * `HubMessageSchema` on invalid messages: each refused with an issue at the
 * field at fault.
 * @module
 */
import { HubMessageSchema } from "../src/contract/mod.ts";
import { assertIssueAt, base, variant } from "./_contract.ts";

Deno.test("HubMessageSchema refuses invalid messages with an issue at the field", () => {
  const long = (n: number) => "x".repeat(n);
  const cases: { name: string; input: unknown; path: PropertyKey[] }[] = [
    // base fields, on every type
    {
      name: "unknown type",
      input: { message_type: "chat", ...base },
      path: ["message_type"],
    },
    { name: "no type", input: { ...base }, path: ["message_type"] },
    {
      name: "ping client_id with a space",
      input: variant("ping", { client_id: "ui client" }),
      path: ["client_id"],
    },
    {
      name: "ping client_id with a slash",
      input: variant("ping", { client_id: "a/b" }),
      path: ["client_id"],
    },
    {
      name: "ping client_id too long",
      input: variant("ping", { client_id: long(129) }),
      path: ["client_id"],
    },
    {
      name: "ping client_id empty",
      input: variant("ping", { client_id: "" }),
      path: ["client_id"],
    },
    {
      name: "ping without client_id",
      input: variant("ping", { client_id: undefined }),
      path: ["client_id"],
    },
    {
      name: "ping timestamp string",
      input: variant("ping", { timestamp: "now" }),
      path: ["timestamp"],
    },
    {
      name: "ping timestamp negative",
      input: variant("ping", { timestamp: -1 }),
      path: ["timestamp"],
    },
    {
      name: "ping timestamp Infinity",
      input: variant("ping", { timestamp: Infinity }),
      path: ["timestamp"],
    },
    {
      name: "ping data not an object",
      input: variant("ping", { data: "x" }),
      path: ["data"],
    },
    {
      name: "pong without timestamp",
      input: variant("pong", { timestamp: undefined }),
      path: ["timestamp"],
    },
    {
      name: "pong client_id number",
      input: variant("pong", { client_id: 7 }),
      path: ["client_id"],
    },
    // connection
    {
      name: "connection without data",
      input: variant("connection", { data: undefined }),
      path: ["data"],
    },
    {
      name: "connection reconnected not boolean",
      input: variant("connection", {
        data: { client_type: "ui", connected_at: 1, reconnected: "no" },
      }),
      path: ["data", "reconnected"],
    },
    {
      name: "connection unknown client_type",
      input: variant("connection", {
        data: { client_type: "admin", connected_at: 1, reconnected: false },
      }),
      path: ["data", "client_type"],
    },
    {
      name: "connection without connected_at",
      input: variant("connection", {
        data: { client_type: "ui", reconnected: false },
      }),
      path: ["data", "connected_at"],
    },
    // disconnection
    {
      name: "disconnection without reason",
      input: variant("disconnection", { data: { client_type: "ui" } }),
      path: ["data", "reason"],
    },
    {
      name: "disconnection reason not a string",
      input: variant("disconnection", {
        data: { client_type: "ui", reason: 1000 },
      }),
      path: ["data", "reason"],
    },
    // game_state
    {
      name: "game_state player alive not boolean",
      input: variant("game_state", {
        players: [{ id: "p1", name: "Alice", alive: "yes" }],
      }),
      path: ["players", 0, "alive"],
    },
    {
      name: "game_state player name too long",
      input: variant("game_state", {
        players: [{ id: "p1", name: long(65), alive: true }],
      }),
      path: ["players", 0, "name"],
    },
    {
      name: "game_state too many players",
      input: variant("game_state", {
        players: Array.from(
          { length: 65 },
          (_, i) => ({ id: `p${i}`, name: "P", alive: true }),
        ),
      }),
      path: ["players"],
    },
    {
      name: "game_state empty phase",
      input: variant("game_state", { phase: "" }),
      path: ["phase"],
    },
    {
      name: "game_state phase too long",
      input: variant("game_state", { phase: long(129) }),
      path: ["phase"],
    },
    {
      name: "game_state current_turn fractional",
      input: variant("game_state", { current_turn: 1.5 }),
      path: ["current_turn"],
    },
    {
      name: "game_state alive_count negative",
      input: variant("game_state", { alive_count: -1 }),
      path: ["alive_count"],
    },
    {
      name: "game_state without dead_count",
      input: variant("game_state", { dead_count: undefined }),
      path: ["dead_count"],
    },
    // agent_message
    {
      name: "agent_message text too long",
      input: variant("agent_message", { message_text: long(4001) }),
      path: ["message_text"],
    },
    {
      name: "agent_message empty text",
      input: variant("agent_message", { message_text: "" }),
      path: ["message_text"],
    },
    {
      name: "agent_message without agent_name",
      input: variant("agent_message", { agent_name: undefined }),
      path: ["agent_name"],
    },
    {
      name: "agent_message agent_name too long",
      input: variant("agent_message", { agent_name: long(129) }),
      path: ["agent_name"],
    },
    {
      name: "agent_message agent_id not a string",
      input: variant("agent_message", { agent_id: 1 }),
      path: ["agent_id"],
    },
    // player_action
    {
      name: "player_action without action_type",
      input: variant("player_action", { action_type: undefined }),
      path: ["action_type"],
    },
    {
      name: "player_action target_id too long",
      input: variant("player_action", { target_id: long(129) }),
      path: ["target_id"],
    },
    {
      name: "player_action empty phase",
      input: variant("player_action", { phase: "" }),
      path: ["phase"],
    },
    // phase_update
    {
      name: "phase_update without new_phase",
      input: variant("phase_update", { new_phase: undefined }),
      path: ["new_phase"],
    },
    {
      name: "phase_update without old_phase",
      input: variant("phase_update", { old_phase: undefined }),
      path: ["old_phase"],
    },
    {
      name: "phase_update description too long",
      input: variant("phase_update", { description: long(1001) }),
      path: ["description"],
    },
    {
      name: "phase_update day negative",
      input: variant("phase_update", { day: -1 }),
      path: ["day"],
    },
    // error
    {
      name: "error message not a string",
      input: variant("error", { error: 42 }),
      path: ["error"],
    },
    {
      name: "error without error",
      input: variant("error", { error: undefined }),
      path: ["error"],
    },
    {
      name: "error code not a string",
      input: variant("error", { code: 500 }),
      path: ["code"],
    },
  ];
  for (const { name, input, path } of cases) {
    assertIssueAt(HubMessageSchema, input, path, name);
  }
});
