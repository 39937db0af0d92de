import assert from "node:assert/strict";
import { refuseOversize, scanCallIds } from "../src/ws/_frames.ts";

const call = (id: unknown, method = "query", input: unknown = null) =>
  JSON.stringify({ id, method, params: { input, path: "p" } });

Deno.test("scanCallIds() finds the ids of the official client's calls without parsing the frame, number and string ids, no subscription.stop", () => {
  const frame = `[${call(1)},${call("a-b", "mutation")},${
    JSON.stringify({ id: 3, method: "subscription.stop" })
  },${call(4, "subscription")},{"id":5,"jsonrpc":"2.0","method":"query"}]`;
  assert.deepEqual(scanCallIds(frame, 100), [1, "a-b", 4, 5]);
});

Deno.test("scanCallIds() stops at max, counts an id once, and skips what is not a call's start", () => {
  const frame = `[${call(1)},${call(1)},${call(2)},${call(3)}]`;
  assert.deepEqual(scanCallIds(frame, 2), [1, 2]);
  // a string of the input cannot hold the pattern: its quotes are escaped
  assert.deepEqual(scanCallIds(call(7, "query", call(8)), 10), [7]);
  assert.deepEqual(
    scanCallIds(`{"id":"${"x".repeat(65)}","method":"query"}`, 10),
    [],
  );
  assert.deepEqual(scanCallIds("not json at all", 10), []);
});

Deno.test("refuseOversize() passes a frame at the limit, refuses one over it with the sizes, and scans only JSON text", () => {
  assert.equal(
    refuseOversize("x".repeat(10), { maxBytes: 10, maxIds: 5, scan: true }),
    null,
  );
  const text = call(1, "query", "é".repeat(20));
  const refused = refuseOversize(text, { maxBytes: 20, maxIds: 5, scan: true });
  assert.equal(refused?.error.code, "PAYLOAD_TOO_LARGE");
  assert.match(
    refused!.error.message,
    /^Frame of \d+ bytes refused: the limit is 20 bytes per frame/,
  );
  assert.deepEqual(refused?.ids, [1]);
  assert.deepEqual(
    refuseOversize(text, { maxBytes: 20, maxIds: 5, scan: false })?.ids,
    [],
  );
  const bytes = new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
  assert.deepEqual(
    refuseOversize(bytes, { maxBytes: 20, maxIds: 5, scan: true })?.ids,
    [],
  );
});
