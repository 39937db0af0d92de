/**
 * The open development mode (no `ADMIN_TOKEN`) stays on this machine unless
 * `WS_HOST` opens it, and says so in its log.
 * @module
 */
import assert from "node:assert/strict";
import { startMain } from "./_main_process.ts";
import { waitFor } from "./_helpers.ts";

Deno.test("main.ts without ADMIN_TOKEN or WS_HOST listens on 127.0.0.1 only and says how to open it", async () => {
  await using main = await startMain({ WS_PORT: "0", DATA_DIR: ":memory:" });
  await waitFor(() => main.output().includes("ADMIN_TOKEN"), "the warning");
  assert.match(main.output(), /listening on http:\/\/127\.0\.0\.1:\d+/);
  assert.match(
    main.output(),
    /ADMIN_TOKEN is unset: open development mode, .* It listens on 127\.0\.0\.1 only \(this machine\); set ADMIN_TOKEN \(then it listens on every interface\) or WS_HOST to open it to the network\./,
  );
  const health = await fetch(`http://127.0.0.1:${main.port}/health`);
  assert.equal(health.status, 200);
  await health.body?.cancel();
  assert.equal((await main.stop("SIGTERM")).code, 0);
});

Deno.test("main.ts without ADMIN_TOKEN but WS_HOST=0.0.0.0 warns that anyone on the network may play the admin", async () => {
  await using main = await startMain({
    WS_HOST: "0.0.0.0",
    WS_PORT: "0",
    DATA_DIR: ":memory:",
  });
  await waitFor(() => main.output().includes("ADMIN_TOKEN"), "the warning");
  assert.match(
    main.output(),
    /WARNING: ADMIN_TOKEN is unset: .* It listens on 0\.0\.0\.0, reachable from the network: set ADMIN_TOKEN before exposing it\./,
  );
  assert.equal((await main.stop("SIGTERM")).code, 0);
});

Deno.test("main.ts with ADMIN_TOKEN listens on every interface and gives no open-mode warning", async () => {
  await using main = await startMain({
    ADMIN_TOKEN: "secret-admin",
    WS_PORT: "0",
    DATA_DIR: ":memory:",
  });
  assert.match(main.output(), /listening on http:\/\/localhost:\d+/);
  const health = await fetch(`http://127.0.0.1:${main.port}/health`);
  await health.body?.cancel();
  assert.equal((await main.stop("SIGTERM")).code, 0);
  assert.doesNotMatch(main.output(), /open development mode/);
});
