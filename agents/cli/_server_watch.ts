/**
 * The watch between a client command and its own server: runs `main.ts`
 * as its child (its output passed through) and stops it with SIGTERM when
 * its own stdin ends — the command that started it is gone, even after
 * `kill -9` — or when it gets SIGTERM itself. Imports nothing: client code
 * never imports server code.
 * @module
 */
const main = new URL("../../main.ts", import.meta.url).pathname;
const server = new Deno.Command("deno", { // on PATH: the tasks allow only --allow-run=deno
  args: [
    "run",
    "--allow-net",
    "--allow-env",
    "--allow-read",
    "--allow-write",
    main,
  ],
  stdin: "null",
  stdout: "inherit",
  stderr: "inherit",
}).spawn();
const stop = () => {
  try {
    server.kill("SIGTERM");
  } catch { /* already gone */ }
};
Deno.addSignalListener("SIGTERM", stop);
(async () => {
  for await (const _ of Deno.stdin.readable) { /* nothing is sent */ }
  stop();
})().catch(stop);
const status = await server.status;
Deno.exit(status.code);
