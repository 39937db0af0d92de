/**
 * HTTP `/trpc` for clients not written in TypeScript: a plain JSON input is
 * read as that input (not silently as `undefined`), beside superjson's
 * envelope, in GET queries, POST mutations and batches.
 * @module
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { appRouter } from "../src/api/mod.ts";
import { ENVELOPE_FIELDS } from "../src/server/_plain_input.ts";
import { startTestServer, type TestServer } from "./_helpers.ts";

const ADMIN = "admin-secret";
const auth = { authorization: `Bearer ${ADMIN}` };

type Summary = { id: string; status: string };

async function get(server: TestServer, path: string): Promise<unknown> {
  const response = await fetch(`${server.httpUrl}/trpc/${path}`, {
    headers: auth,
  });
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  return body;
}

async function post(
  server: TestServer,
  path: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.httpUrl}/trpc/${path}`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function games(body: unknown): Summary[] {
  return (body as { result: { data: { json: Summary[] } } }).result.data.json;
}

Deno.test('HTTP /trpc reads a plain JSON input as the input: GET lobby.listGames?input={"status":…} filters, POST lobby.createGame with a plain body creates', async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  const created = await post(server, "lobby.createGame", {
    players: 5,
    name: "plain",
    autoStart: false,
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const all = games(await get(server, "lobby.listGames"));
  assert.equal(all.length, 1);
  const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
  const ended = await get(
    server,
    `lobby.listGames?input=${input({ status: "ended" })}`,
  );
  assert.deepEqual(games(ended), [], "the plain filter is applied");
  const enveloped = await get(
    server,
    `lobby.listGames?input=${input({ json: { status: "ended" } })}`,
  );
  assert.deepEqual(games(enveloped), [], "the envelope still works");
  const lobby = await get(
    server,
    `lobby.listGames?input=${input({ status: all[0]!.status })}`,
  );
  assert.equal(games(lobby).length, 1);
  const bad = await fetch(
    `${server.httpUrl}/trpc/lobby.listGames?input=${input({ status: "nope" })}`,
  );
  const refused = await bad.json() as { error: { json: { message: string } } };
  assert.equal(bad.status, 400, "a wrong plain input is refused, not ignored");
  assert.match(refused.error.json.message, /status/);
});

Deno.test("HTTP /trpc batches mix plain and enveloped inputs call by call", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await post(server, "lobby.createGame", { players: 5, autoStart: false });
  const input = encodeURIComponent(JSON.stringify({
    0: { status: "ended" },
    1: { json: { status: "ended" } },
    2: {},
  }));
  const body = await get(
    server,
    `lobby.listGames,lobby.listGames,lobby.listGames?batch=1&input=${input}`,
  ) as unknown[];
  assert.deepEqual(body.map(games).map((list) => list.length), [0, 0, 1]);
});

/** The top-level field names of a JSON schema (its branches included). */
function fieldsOf(schema: Record<string, unknown>): string[] {
  const own = Object.keys(
    (schema["properties"] ?? {}) as Record<string, unknown>,
  );
  const branches = [
    ...((schema["anyOf"] ?? []) as Record<string, unknown>[]),
    ...((schema["oneOf"] ?? []) as Record<string, unknown>[]),
    ...((schema["allOf"] ?? []) as Record<string, unknown>[]),
  ];
  return [...own, ...branches.flatMap(fieldsOf)];
}

Deno.test("no procedure's input has a field named like superjson's envelope (json, meta), so plain and enveloped inputs cannot be confused", () => {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { inputs: z.ZodType[] } }
  >;
  let checked = 0;
  for (const [path, procedure] of Object.entries(procedures)) {
    for (const input of procedure._def.inputs) {
      const schema = z.toJSONSchema(input, {
        io: "input",
        unrepresentable: "any",
      }) as Record<string, unknown>;
      for (const field of fieldsOf(schema)) {
        assert.ok(!ENVELOPE_FIELDS.includes(field), `${path} has ${field}`);
      }
      checked++;
    }
  }
  assert.ok(checked > 10, `only ${checked} inputs were checked`);
});
