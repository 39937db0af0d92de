/**
 * `deno task dev` (the server under `deno run --watch`) ends, watcher and
 * all, when it is told to stop: a watched program's `Deno.exit` alone would
 * leave the watcher waiting for a file change.
 * @module
 */
import assert from "node:assert/strict";
import { within } from "./_helpers.ts";

Deno.test("deno task dev stops, watcher included, on SIGTERM after its graceful shutdown", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "dev"],
    env: { NO_COLOR: "1", WS_PORT: "0", DATA_DIR: ":memory:" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream())
    .getReader();
  let output = "";
  let ended = false;
  try {
    while (!/listening on/.test(output)) {
      const { value, done } = await within(reader.read(), 30_000, "listen");
      if (done) throw new Error(`dev exited early: ${output}`);
      output += value;
    }
    child.kill("SIGTERM");
    const rest = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        output += value;
      }
    })();
    const status = await within(child.status, 20_000, "deno task dev to end");
    ended = true;
    await rest;
    assert.match(output, /SIGTERM: shutting down/);
    assert.doesNotMatch(output, /Restarting on file change/);
    assert.notEqual(status.code, undefined);
  } finally {
    // Should it have failed, the watcher may outlive the task: kill it
    // (pkill -P: the task's children) so the pipes close and the test ends
    // instead of hanging.
    if (!ended) {
      await new Deno.Command("pkill", {
        args: ["-KILL", "-P", String(child.pid)],
      }).output().catch(() => {});
      try {
        child.kill("SIGKILL");
      } catch {
        // ended
      }
    }
    await child.status;
    await reader.cancel().catch(() => {});
    await stderr;
  }
});
