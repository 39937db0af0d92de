/**
 * Our adapter serving the benchmark router: `Deno.serve` and
 * `upgradeTRPCWebSocket`, as an application would wire them. Prints
 * `{"port": N}` once listening on 127.0.0.1 (an ephemeral port).
 * @module
 */
import { type AnyRouter, initTRPC, tracked } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { createBenchRouter } from "../bench_router.js";
import { upgradeTRPCWebSocket } from "../../src/transport/mod.ts";

const router: AnyRouter = createBenchRouter({
  initTRPC,
  tracked,
  z,
  superjson,
});
const options = { router };

Deno.serve({
  hostname: "127.0.0.1",
  port: 0,
  onListen: ({ port }) => console.log(JSON.stringify({ port })),
}, (req) => upgradeTRPCWebSocket(req, options));

// a clean exit on SIGTERM, so `--cpu-prof` can write its profile
Deno.addSignalListener("SIGTERM", () => Deno.exit(0));
