/**
 * The benchmark's peer: tRPC's official Node adapter (`applyWSSHandler` on
 * the `ws` package) serving the benchmark router, as a Node user would run
 * it. Prints `{"port": N}` once listening on 127.0.0.1 (an ephemeral port).
 */
import { initTRPC, tracked } from "@trpc/server";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import superjson from "superjson";
import { WebSocketServer } from "ws";
import { z } from "zod";
import { createBenchRouter } from "../bench_router.js";

const router = createBenchRouter({ initTRPC, tracked, z, superjson });
const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
// a context from the client's connectionParams, as an application makes one
const handler = applyWSSHandler({
  wss,
  router,
  createContext: ({ info }) => ({
    token: info.connectionParams?.token ?? null,
  }),
});
wss.on("listening", () => {
  console.log(JSON.stringify({ port: wss.address().port }));
});
process.on("SIGTERM", () => {
  handler.broadcastReconnectNotification();
  wss.close();
  process.exit(0);
});
