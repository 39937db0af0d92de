/**
 * Our adapter serving the benchmark router: `Deno.serve` and
 * `upgradeTRPCWebSocket`, as an application would wire them. Prints
 * `{"port": N}` once listening on 127.0.0.1 (an ephemeral port). With
 * `--front`, behind a ConnectionFront as the server runs it by default
 * (a 10 s header timeout, plain connections counted per address). With
 * `--metrics`, with the server's metrics observer (`ServerMetrics`) inside
 * the operator's registry of live connections (`LiveClients`), as
 * `startServer` wires them.
 * @module
 */
import { type AnyRouter, initTRPC, tracked } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { createBenchRouter } from "../bench_router.js";
import {
  ConnectionFront,
  LiveClients,
  ServerMetrics,
  upgradeTRPCWebSocket,
  type WSContextOptions,
} from "../../src/server/mod.ts";

const router: AnyRouter = createBenchRouter({
  initTRPC,
  tracked,
  z,
  superjson,
});
const metered = Deno.args.includes("--metrics");
const procedures = new Set(Object.keys(router._def.procedures));
// a context from the client's connectionParams, as an application makes one
const createContext = (
  { connectionParams }: { connectionParams: Record<string, unknown> | null },
) => ({ token: connectionParams?.token ?? null });
// as startServer: the operator's registry of live connections around the
// metrics' observer, each socket registered when its context is made
const live = new LiveClients(procedures, Date.now);
const options = metered
  ? {
    router,
    observer: live.observe(new ServerMetrics(procedures).wsObserver("trpc_ws")),
    createContext: (opts: WSContextOptions) => {
      const who = { client_id: "bench", client_type: "agent" as const };
      const ctx = {
        ...createContext(opts),
        who,
        seats: new Map(),
        watching: new Map(),
      };
      live.addSocket(opts.socket, { protocol: "trpc_ws", ctx, address: "" });
      return ctx;
    },
  }
  : { router, createContext };

const front = Deno.args.includes("--front");
const announce = (port: number) => console.log(JSON.stringify({ port }));
const server = Deno.serve({
  hostname: "127.0.0.1",
  port: 0,
  onListen: ({ port }) => front || announce(port),
}, (req) => upgradeTRPCWebSocket(req, options));
if (front) {
  const listening = await ConnectionFront.open({
    hostname: "127.0.0.1",
    port: 0,
    tls: null,
    headerTimeoutMs: 10_000,
    maxConnectionsPerIp: 0, // counted, not capped: every client is on 127.0.0.1
    targetPort: server.addr.port,
    handler: (req) => upgradeTRPCWebSocket(req, options),
  });
  announce(listening.addr.port);
}

// a clean exit on SIGTERM, so `--cpu-prof` can write its profile
Deno.addSignalListener("SIGTERM", () => Deno.exit(0));
