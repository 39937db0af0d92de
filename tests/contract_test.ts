import assert from "node:assert/strict";
import type { z } from "zod";
import {
  ClientIdSchema,
  ConnectionParamsSchema,
  HubEventsInputSchema,
  HubMessageSchema,
  PublishInputSchema,
} from "../src/contract/mod.ts";

/** The issue paths of a failed parse; fails the test when it succeeds. */
function issuePaths(schema: z.ZodType, input: unknown): PropertyKey[][] {
  const result = schema.safeParse(input);
  assert.equal(
    result.success,
    false,
    `expected a failure: ${JSON.stringify(input)}`,
  );
  return result.error?.issues.map((issue) => issue.path) ?? [];
}

/** Asserts a parse fails with an issue at exactly `path`. */
function assertIssueAt(
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

function assertValid(schema: z.ZodType, input: unknown, name: string): void {
  const result = schema.safeParse(input);
  assert.ok(
    result.success,
    `${name}: ${JSON.stringify(result.error?.issues ?? [])}`,
  );
}

const base = { client_id: "ui_client_1", timestamp: 1706580000.0 };

// ---------------------------------------------------------------------------
// The original protocol's examples
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Every message type: valid and invalid examples
// ---------------------------------------------------------------------------

const VALID: Record<string, unknown> = {
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

/** A valid example with some fields changed (undefined removes a field). */
function variant(name: string, changes: Record<string, unknown>): unknown {
  const copy: Record<string, unknown> = structuredClone(
    VALID[name] as Record<string, unknown>,
  );
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  }
  return copy;
}

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

// ---------------------------------------------------------------------------
// PublishInputSchema
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// ConnectionParamsSchema, ClientIdSchema, HubEventsInputSchema
// ---------------------------------------------------------------------------

Deno.test("ClientIdSchema accepts 1 to 128 safe characters only", () => {
  const valid = [
    "a",
    "c".repeat(128),
    "agent_alice",
    "ui-client.1",
    "game:engine",
    "A9_.:-",
  ];
  for (const id of valid) assert.ok(ClientIdSchema.safeParse(id).success, id);
  const invalid: [unknown, RegExp][] = [
    ["", /at least 1/],
    ["c".repeat(129), /at most 128/],
    ["ui client", /only letters/],
    ["a/b", /only letters/],
    ["élodie", /only letters/],
    ["a\nb", /only letters/],
    ["a?b=c", /only letters/],
    [12, /./],
    [null, /./],
  ];
  for (const [id, message] of invalid) {
    const result = ClientIdSchema.safeParse(id);
    assert.equal(result.success, false, JSON.stringify(id));
    assert.ok(
      result.error?.issues.some((i) => message.test(i.message)),
      `${JSON.stringify(id)}: ${JSON.stringify(result.error?.issues)}`,
    );
  }
});

Deno.test("ConnectionParamsSchema checks clientId, clientType and token", () => {
  const valid: unknown[] = [
    {},
    { clientId: "agent_1" },
    { clientType: "observer" },
    { clientId: "ui_1", clientType: "ui", token: "s3cret" },
    { token: "t".repeat(512) },
    { token: "" },
  ];
  for (const input of valid) {
    assertValid(ConnectionParamsSchema, input, JSON.stringify(input));
  }
  const cases: { name: string; input: unknown; path: PropertyKey[] }[] = [
    { name: "empty clientId", input: { clientId: "" }, path: ["clientId"] },
    {
      name: "clientId too long",
      input: { clientId: "c".repeat(129) },
      path: ["clientId"],
    },
    {
      name: "clientId bad characters",
      input: { clientId: "a b" },
      path: ["clientId"],
    },
    {
      name: "unknown clientType",
      input: { clientType: "admin" },
      path: ["clientType"],
    },
    {
      name: "token too long",
      input: { token: "t".repeat(513) },
      path: ["token"],
    },
    { name: "token not a string", input: { token: 1 }, path: ["token"] },
  ];
  for (const { name, input, path } of cases) {
    assertIssueAt(ConnectionParamsSchema, input, path, name);
  }
});

Deno.test("HubEventsInputSchema accepts no input, null or a short lastEventId", () => {
  for (
    const input of [undefined, {}, { lastEventId: null }, {
      lastEventId: "t1-5",
    }]
  ) {
    assertValid(
      HubEventsInputSchema,
      input,
      JSON.stringify(input) ?? "undefined",
    );
  }
  assertValid(
    HubEventsInputSchema,
    { lastEventId: "x".repeat(32) },
    "32 characters",
  );
  assertIssueAt(HubEventsInputSchema, { lastEventId: "x".repeat(33) }, [
    "lastEventId",
  ], "33");
  assertIssueAt(
    HubEventsInputSchema,
    { lastEventId: 5 },
    ["lastEventId"],
    "number",
  );
});

Deno.test("HubEventsInputSchema takes presence and observers as booleans only", () => {
  assertValid(
    HubEventsInputSchema,
    { presence: true, observers: true },
    "both true",
  );
  assertValid(HubEventsInputSchema, { observers: false }, "observers false");
  assertIssueAt(
    HubEventsInputSchema,
    { observers: "yes" },
    ["observers"],
    "a string",
  );
  assertIssueAt(HubEventsInputSchema, { presence: 1 }, ["presence"], "1");
});
