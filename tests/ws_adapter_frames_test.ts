/**
 * upgradeTRPCWebSocket() on frames it cannot serve: an oversize frame
 * (PAYLOAD_TOO_LARGE, then close 1009 when its calls cannot be read), and
 * non-JSON, binary and unknown-method frames (PARSE_ERROR), serving on.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { RawSocket, within } from "./_helpers.ts";
import { serveTestRouter } from "./_test_router.ts";
import { call, client, errorOf } from "./_ws_adapter_helpers.ts";

Deno.test("upgradeTRPCWebSocket() answers each call of an oversize frame with PAYLOAD_TOO_LARGE under its id and keeps serving; one whose calls cannot be read gets an error and close code 1009, others unaffected", async () => {
  await using server = serveTestRouter({ maxMessageBytes: 1024 });
  await using other = client(server.url);
  await using raw = await RawSocket.open(server.url);
  const big = { text: "é".repeat(1000) }; // > 1024 bytes in UTF-8
  raw.send([call(1, "query", "echo", big), call("b", "query", "echo", big)]);
  for (const id of [1, "b"]) {
    const reply = await raw.nextJson();
    assert.equal(reply.id, id);
    const replyError = errorOf(reply);
    assert.equal(replyError.data.code, "PAYLOAD_TOO_LARGE");
    assert.match(replyError.message, /limit is 1024 bytes per frame/);
  }
  raw.send(call(2, "mutation", "add", { a: 1, b: 1 }));
  assert.equal((await raw.nextJson()).id, 2, "still serving");

  // the official client sees a TRPCClientError with the code, not a close
  await using official = client(server.url);
  const refused = await official.trpc.echo.query(big).catch((e) => e);
  assert.ok(refused instanceof TRPCClientError);
  assert.equal(refused.data?.code, "PAYLOAD_TOO_LARGE");
  assert.equal(await official.trpc.add.mutate({ a: 2, b: 2 }), 4);

  raw.send(JSON.stringify({ calls: "x".repeat(2000) })); // no call to answer
  const reply = await raw.nextJson();
  assert.equal(reply.id, null);
  assert.equal(errorOf(reply).data.code, "PAYLOAD_TOO_LARGE");
  assert.equal((await within(raw.closed, 5000, "close")).code, 1009);
  assert.equal(await other.trpc.add.mutate({ a: 20, b: 22 }), 42);
});

Deno.test("upgradeTRPCWebSocket() answers non-JSON, binary and unknown-method frames with tRPC's codes (PARSE_ERROR) and keeps serving", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send("this is not json");
  const notJson = await raw.nextJson();
  const notJsonError = errorOf(notJson);
  assert.equal(notJson.id, null);
  assert.equal(notJsonError.data.code, "PARSE_ERROR");
  assert.match(notJsonError.message, /not JSON/);

  raw.ws.send(new Uint8Array([1, 2, 3]));
  const binary = await raw.nextJson();
  const binaryError = errorOf(binary);
  assert.equal(binaryError.data.code, "PARSE_ERROR");
  assert.match(binaryError.message, /experimental_encoder/);

  raw.send({ id: 5, method: "teleport", params: { path: "add", input: null } });
  const unknown = await raw.nextJson();
  const unknownError = errorOf(unknown);
  assert.equal(unknown.id, 5);
  assert.equal(unknownError.data.code, "PARSE_ERROR");
  assert.match(unknownError.message, /Malformed tRPC message/);

  raw.send(call(6, "query", "nowhere", null));
  const missing = await raw.nextJson();
  const missingError = errorOf(missing);
  assert.equal(missingError.data.code, "NOT_FOUND");

  raw.send(call(7, "mutation", "add", { a: 1, b: 2 }));
  const ok = await raw.nextJson() as { id: number; result: { data: never } };
  assert.equal(ok.id, 7);
  assert.equal(superjson.deserialize(ok.result.data), 3);
});
