import assert from "node:assert/strict";
import { startTestServer } from "./_helpers.ts";

Deno.test("GET / serves the page's HTML with a Content-Security-Policy allowing only this origin and its WebSocket, and nosniff", async () => {
  await using server = await startTestServer();
  const response = await fetch(`${server.httpUrl}/`);
  const html = await response.text();
  assert.equal(response.status, 200);
  assert.equal(
    response.headers.get("content-type"),
    "text/html; charset=utf-8",
  );
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  const csp = response.headers.get("content-security-policy") ?? "";
  const host = `127.0.0.1:${server.server.port}`;
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self'(;|$)/);
  assert.ok(
    csp.includes(`connect-src 'self' ws://${host} wss://${host}`),
    csp,
  );
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(html, /<script type="module" src="\/app\.js"><\/script>/);
  assert.match(html, /<link rel="stylesheet" href="\/app\.css">/);
  assert.doesNotMatch(html, /<script>|style="/); // nothing inline
});

Deno.test("GET /app.js serves the page's script bundled from web/ as JavaScript, with an ETag that answers 304", async () => {
  await using server = await startTestServer();
  const response = await fetch(`${server.httpUrl}/app.js`);
  const js = await response.text();
  assert.equal(response.status, 200, js);
  assert.equal(
    response.headers.get("content-type"),
    "text/javascript; charset=utf-8",
  );
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  assert.ok(js.length > 10_000, "the bundle is too small to hold the page");
  assert.doesNotMatch(js, /^import /m, "the bundle still imports modules");
  assert.match(js, /game\.events|"events"/);
  const etag = response.headers.get("etag");
  assert.ok(etag !== null);
  const again = await fetch(`${server.httpUrl}/app.js`, {
    headers: { "if-none-match": etag },
  });
  await again.body?.cancel();
  assert.equal(again.status, 304);
});

Deno.test("GET /app.css and /favicon.svg serve their types; HEAD answers without a body", async () => {
  await using server = await startTestServer();
  const css = await fetch(`${server.httpUrl}/app.css`);
  assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
  assert.match(await css.text(), /:root/);
  const icon = await fetch(`${server.httpUrl}/favicon.svg`);
  assert.equal(icon.headers.get("content-type"), "image/svg+xml");
  assert.match(await icon.text(), /<svg/);
  const head = await fetch(`${server.httpUrl}/`, { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), "");
});

Deno.test("POST / answers 405 with Allow: GET, HEAD, and a 404 names the page among the routes", async () => {
  await using server = await startTestServer();
  const post = await fetch(`${server.httpUrl}/`, { method: "POST" });
  const body = await post.json() as { error: string };
  assert.equal(post.status, 405);
  assert.equal(post.headers.get("allow"), "GET, HEAD");
  assert.match(body.error, /GET only/);
  const missing = await fetch(`${server.httpUrl}/app.ts`);
  const error = await missing.json() as { error: string };
  assert.equal(missing.status, 404);
  assert.match(error.error, /spectator page at \//);
});
