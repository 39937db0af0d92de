/**
 * `HubMessageSchema` on valid input: the original protocol's JSON examples, a
 * valid example of every message type, and the boundary lengths.
 * @module
 */
import assert from "node:assert/strict";
import { HubMessageSchema } from "../src/contract/mod.ts";
import { assertValid, VALID, variant } from "./_contract.ts";

Deno.test("HubMessageSchema parses the original protocol's JSON examples", () => {
  const examples = [
    `{"message_type":"ping","client_id":"ui_client_1","timestamp":1706580000.0}`,
    `{"message_type":"game_state","client_id":"game_engine","timestamp":1706580000.0,"phase":"day","players":[{"id":"p1","name":"Alice","alive":true},{"id":"p2","name":"Bob","alive":true}],"current_turn":2,"alive_count":8,"dead_count":1}`,
    `{"message_type":"agent_message","client_id":"agent_alice","timestamp":1706580000.0,"agent_id":"agent_1","agent_name":"Alice","message_text":"Je pense que Bob est le loup-garou!","phase":"discussion"}`,
    `{"message_type":"phase_update","client_id":"game_engine","timestamp":1706580000.0,"old_phase":"day","new_phase":"night","description":"La nuit tombe sur le village..."}`,
  ];
  for (const json of examples) {
    const input = JSON.parse(json);
    const result = HubMessageSchema.safeParse(input);
    assert.ok(
      result.success,
      `${json}: ${JSON.stringify(result.error?.issues)}`,
    );
    // Nothing is lost or added.
    assert.deepEqual(result.data, input);
  }
});

Deno.test("HubMessageSchema accepts a valid example of every message type", () => {
  for (const [name, input] of Object.entries(VALID)) {
    assertValid(HubMessageSchema, input, name);
  }
  const types = new Set(
    Object.values(VALID).map((v) =>
      (v as { message_type: string }).message_type
    ),
  );
  assert.deepEqual([...types].sort(), [
    "agent_message",
    "connection",
    "disconnection",
    "error",
    "game_state",
    "phase_update",
    "ping",
    "player_action",
    "pong",
  ]);
});

Deno.test("HubMessageSchema accepts the boundary lengths", () => {
  const cases: { name: string; input: unknown }[] = [
    {
      name: "client_id 128",
      input: variant("ping", { client_id: "c".repeat(128) }),
    },
    {
      name: "client_id all allowed characters",
      input: variant("ping", { client_id: "Az09_.:-" }),
    },
    { name: "timestamp 0", input: variant("ping", { timestamp: 0 }) },
    {
      name: "phase 128",
      input: variant("game_state", { phase: "p".repeat(128) }),
    },
    {
      name: "agent_name 128",
      input: variant("agent_message", { agent_name: "n".repeat(128) }),
    },
    {
      name: "description 1000",
      input: variant("phase_update", { description: "d".repeat(1000) }),
    },
    {
      name: "64 players",
      input: variant("game_state", {
        players: Array.from(
          { length: 64 },
          (_, i) => ({ id: `p${i}`, name: "P", alive: true }),
        ),
      }),
    },
  ];
  for (const { name, input } of cases) {
    assertValid(HubMessageSchema, input, name);
  }
});
