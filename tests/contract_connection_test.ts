/**
 * `ClientIdSchema`, `ConnectionParamsSchema` and `HubEventsInputSchema`: the
 * ids, connection parameters and subscription input a client may send.
 * @module
 */
import assert from "node:assert/strict";
import {
  ClientIdSchema,
  ConnectionParamsSchema,
  HubEventsInputSchema,
} from "../src/contract/mod.ts";
import { assertIssueAt, assertValid } from "./_contract.ts";

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
