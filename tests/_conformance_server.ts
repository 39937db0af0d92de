/**
 * The conformance router served by our adapter in a process of its own
 * (the memory scenario runs it with `--v8-flags=--expose-gc`), with the
 * settings given as JSON in the first argument. Prints `{"port": N}` once
 * listening on 127.0.0.1; SIGTERM stops it.
 * @module
 */
import { serveOurs } from "./_conformance_host.ts";

const server = serveOurs(JSON.parse(Deno.args[0] ?? "{}"));
console.log(JSON.stringify({ port: server.port }));
Deno.addSignalListener("SIGTERM", async () => {
  await server[Symbol.asyncDispose]();
  Deno.exit(0);
});
