import assert from "node:assert/strict";
import {
  MAX_UPGRADE_HEAD_BYTES,
  readUpgradeHead,
  responseBytes,
} from "../src/server/_http_head.ts";

const encoder = new TextEncoder();
const UPGRADE = [
  "GET /trpc?connectionParams=1 HTTP/1.1",
  "Host: 127.0.0.1:8000",
  "Upgrade: websocket",
  "Connection: Upgrade",
  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
  "Sec-WebSocket-Version: 13",
  "Origin: http://127.0.0.1:8000",
];
const head = (lines: readonly string[]) => encoder.encode(lines.join("\r\n"));

Deno.test("readUpgradeHead() reads a WebSocket upgrade's head into a GET Request with its headers", () => {
  const read = readUpgradeHead(head(UPGRADE));
  assert.ok(read !== null);
  const { request } = read;
  assert.equal(request.method, "GET");
  assert.equal(request.url, "http://127.0.0.1:8000/trpc?connectionParams=1");
  assert.equal(request.headers.get("upgrade"), "websocket");
  assert.equal(request.headers.get("origin"), "http://127.0.0.1:8000");
  assert.equal(
    request.headers.get("sec-websocket-key"),
    "dGhlIHNhbXBsZSBub25jZQ==",
  );
  const spaced = readUpgradeHead(head([...UPGRADE, "X-Note:   a b  "]));
  assert.equal(spaced?.request.headers.get("x-note"), "a b", "trimmed");
  assert.ok(
    readUpgradeHead(head([...UPGRADE.slice(0, 2), "upgrade: WebSocket"])),
  );
});

Deno.test("readUpgradeHead() leaves every other head to Deno.serve (null)", () => {
  const cases: Record<string, string[]> = {
    "not GET": ["POST /trpc HTTP/1.1", ...UPGRADE.slice(1)],
    "HTTP/1.0": ["GET /trpc HTTP/1.0", ...UPGRADE.slice(1)],
    "absolute form": ["GET http://x/trpc HTTP/1.1", ...UPGRADE.slice(1)],
    "no upgrade": UPGRADE.filter((l) => !l.startsWith("Upgrade")),
    "another upgrade": [...UPGRADE.slice(0, 2), "Upgrade: h2c"],
    "no Host": UPGRADE.filter((l) => !l.startsWith("Host")),
    "two Hosts": [...UPGRADE, "Host: evil.example"],
    "a Host that is no host": [UPGRADE[0]!, "Host: a b", ...UPGRADE.slice(2)],
    "a body": [...UPGRADE, "Content-Length: 5"],
    "chunked": [...UPGRADE, "Transfer-Encoding: chunked"],
    "a folded line": [...UPGRADE, " folded"],
    "no colon": [...UPGRADE, "Broken"],
    "a bad name": [...UPGRADE, "Bad Name: x"],
    "a bad value": [...UPGRADE, "X-Nul: a\0b"],
    "a target with a space": ["GET /a b HTTP/1.1", ...UPGRADE.slice(1)],
  };
  for (const [name, lines] of Object.entries(cases)) {
    assert.equal(readUpgradeHead(head(lines)), null, name);
  }
  const long = [...UPGRADE, `X-Long: ${"a".repeat(MAX_UPGRADE_HEAD_BYTES)}`];
  assert.equal(readUpgradeHead(head(long)), null, "longer than the limit");
});

Deno.test("responseBytes() writes a response as HTTP/1.1 with its length and connection: close", async () => {
  const response = new Response(JSON.stringify({ error: "no" }), {
    status: 403,
    headers: { "content-type": "application/json", "retry-after": "1" },
  });
  const text = new TextDecoder().decode(await responseBytes(response));
  const [top, body] = text.split("\r\n\r\n");
  const lines = top!.split("\r\n");
  assert.equal(lines[0], "HTTP/1.1 403 Forbidden");
  assert.deepEqual(lines.slice(1).sort(), [
    "connection: close",
    "content-length: 14",
    "content-type: application/json",
    "retry-after: 1",
  ]);
  assert.equal(body, '{"error":"no"}');
  const odd = await responseBytes(new Response(null, { status: 418 }));
  assert.match(new TextDecoder().decode(odd), /^HTTP\/1\.1 418 Error\r\n/);
});
