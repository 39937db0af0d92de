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
    await rest;
    assert.match(output, /SIGTERM: shutting down/);
    assert.doesNotMatch(output, /Restarting on file change/);
    assert.notEqual(status.code, undefined);
  } finally {
    // Should it have failed, the watcher may outlive the task: kill both so
    // the pipes close and the test ends instead of hanging.
    for (const pid of [...await childrenOf(child.pid), child.pid]) {
      try {
        Deno.kill(pid, "SIGKILL");
      } catch {
        // ended
      }
    }
    await child.status;
    await reader.cancel().catch(() => {});
    await stderr;
  }
});

/** The processes whose parent is `pid` (Linux's /proc). */
async function childrenOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`).catch(
      () => "",
    );
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === pid) found.push(Number(entry.name));
  }
  return found;
}
