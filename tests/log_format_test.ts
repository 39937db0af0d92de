/**
 * `LOG_FORMAT=json`: main.ts writes one JSON object per line, and a whole
 * game's log carries none of its tokens (the admin's, the seats').
 * @module
 */
import assert from "node:assert/strict";
import { botStrategy, runAgent } from "../agents/mod.ts";
import { createLogger } from "../src/server/mod.ts";
import { connectClient, within } from "./_helpers.ts";
import { startMain } from "./_main_process.ts";

const ADMIN = "admin-token-that-must-not-be-logged";

Deno.test("createLogger() writes text lines as before and JSON lines with time, level, message and fields", () => {
  const lines: string[] = [];
  const at = new Date("2026-12-01T10:00:00.000Z");
  const text = createLogger((line) => lines.push(line), { format: "text" });
  text("info", "listening", { port: 8000 });
  text("error", "error in game.say: boom", { stack: "Error: boom\n  at x" });
  const json = createLogger((line) => lines.push(line), {
    format: "json",
    now: () => at,
  });
  json("warn", "open mode", { host: "127.0.0.1" });
  assert.deepEqual(lines.slice(0, 2), [
    "listening port=8000",
    "error in game.say: boom\nError: boom\n  at x",
  ]);
  assert.deepEqual(JSON.parse(lines[2]!), {
    time: "2026-12-01T10:00:00.000Z",
    level: "warn",
    message: "open mode",
    host: "127.0.0.1",
  });
});

Deno.test("main.ts with LOG_FORMAT=json logs JSON lines only, and a whole game leaves no token in the log", async () => {
  await using main = await startMain({
    ADMIN_TOKEN: ADMIN,
    LOG_FORMAT: "json",
    WS_HOST: "127.0.0.1",
    WS_PORT: "0",
    DATA_DIR: ":memory:",
  });
  const url = `ws://127.0.0.1:${main.port}/trpc`;
  await using admin = connectClient(url, { clientType: "ui", token: ADMIN });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    seed: 11,
    actionTimeoutMs: 2000,
  });
  const results = await within(
    Promise.all(
      ["Ana", "Bo", "Cy", "Di", "Ed"].map((name, index) =>
        runAgent({
          url,
          gameId,
          name,
          strategy: botStrategy(index + 1),
          log: () => {},
        })
      ),
    ),
    60_000,
    "the bots to finish",
  );
  const tokens = [ADMIN, ...results.map((result) => result.seatToken)];
  assert.equal(new Set(tokens).size, 6);
  // a bad token and a failed call, so that refusals are in the game too
  await using intruder = connectClient(url, {
    clientType: "ui",
    token: `${ADMIN}-wrong`,
  });
  await intruder.trpc.system.ping.query().catch(() => {});
  assert.equal((await main.stop("SIGTERM")).code, 0);
  const lines = main.output().split("\n").filter((line) => line !== "");
  assert.ok(lines.length >= 3, main.output());
  for (const line of lines) {
    const record = JSON.parse(line) as Record<string, unknown>;
    assert.match(String(record["time"]), /^\d{4}-\d\d-\d\dT/);
    assert.ok(["info", "warn", "error"].includes(String(record["level"])));
    assert.equal(typeof record["message"], "string");
    for (const token of tokens) {
      assert.ok(!line.includes(token), `a token in the log: ${line}`);
    }
  }
  assert.ok(lines.some((line) => line.includes("SIGTERM: shutting down")));
});
