/**
 * The HTTP routes' edges: 404 naming the routes, `/ready` while serving and
 * draining, and 405 with `Allow: GET, HEAD` for POST.
 * @module
 */
import assert from "node:assert/strict";
import { startTestServer } from "./_helpers.ts";
import { getJson } from "./_http.ts";

Deno.test("an unknown path answers 404 JSON naming the routes", async () => {
  await using server = await startTestServer();
  const { status, type, body } = await getJson<{ error: string }>(
    `${server.httpUrl}/nope`,
  );
  assert.equal(status, 404);
  assert.match(type ?? "", /^application\/json/);
  assert.equal(typeof body.error, "string");
  assert.match(body.error, /\/nope/);
  assert.match(body.error, /\/trpc/);
  assert.match(body.error, /\/health/);
  assert.match(body.error, /\/stats/);
  assert.match(body.error, /\/ready/);
});

Deno.test("GET /ready answers 200 ready while serving and 503 draining from the moment a shutdown begins", async () => {
  await using server = await startTestServer({ shutdownGraceMs: 5000 });
  const ready = await getJson<{ status: string }>(`${server.httpUrl}/ready`);
  assert.deepEqual([ready.status, ready.body], [200, { status: "ready" }]);
  // What shutdown() does first (the HTTP server goes on until the sockets close).
  const drained = server.server.sockets.drain(5000);
  const draining = await getJson<{ status: string }>(
    `${server.httpUrl}/ready`,
  );
  assert.deepEqual([draining.status, draining.body], [503, {
    status: "draining",
  }]);
  const health = await getJson<{ status: string }>(`${server.httpUrl}/health`);
  assert.equal(health.status, 200, "health still answers: the process lives");
  assert.equal(await drained, true);
});

Deno.test("POST /health, /stats and /ready answer 405 with Allow: GET, HEAD", async () => {
  await using server = await startTestServer();
  for (const path of ["/health", "/stats", "/ready"]) {
    const response = await fetch(`${server.httpUrl}${path}`, {
      method: "POST",
    });
    const body = await response.json() as { error: string };
    assert.equal(response.status, 405, path);
    assert.equal(response.headers.get("allow"), "GET, HEAD");
    assert.match(body.error, /GET/);
  }
});
