/**
 * The conformance suite's peer: tRPC's official Node adapter
 * (`applyWSSHandler` on the `ws` package) serving the suite's router
 * (`tests/_conformance_router.mjs`) with the scenario's settings, given as
 * JSON in the first argument. Prints `{"port": N}` once listening on
 * 127.0.0.1 (an ephemeral port); SIGTERM stops it. Run with `--expose-gc`
 * for the memory scenario.
 */
import * as trpc from "@trpc/server";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import { observable } from "@trpc/server/observable";
import { decode, encode } from "@msgpack/msgpack";
import { EventEmitter, on } from "node:events";
import superjson from "superjson";
import { WebSocketServer } from "ws";
import { z } from "zod";
import {
  conformanceEncoder,
  createConformanceRouter,
} from "../../tests/_conformance_router.mjs";

const config = JSON.parse(process.argv[2] ?? "{}");
const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
/** The control connection (`?control=1`) is left out of "every connection". */
const controls = new WeakSet();
wss.on("connection", (ws, req) => {
  if (req.url?.includes("control=1")) controls.add(ws);
});
const served = () => [...wss.clients].filter((ws) => !controls.has(ws));
/** @type {{ broadcastReconnectNotification(): void }} */
const handler = {
  broadcastReconnectNotification: () =>
    wssHandler.broadcastReconnectNotification(),
};
const { router, createContext } = createConformanceRouter(
  { trpc, observable, z, on, EventEmitter, superjson },
  config,
  {
    connections: () => served().length,
    destroyConnections: () => served().forEach((ws) => ws.terminate()),
    closeConnections: () => served().forEach((ws) => ws.close()),
    broadcastReconnect: () => handler.broadcastReconnectNotification(),
  },
);
const encoder = conformanceEncoder(config.encoder, { encode, decode });
const wssHandler = applyWSSHandler({
  wss,
  router,
  createContext: ({ info, res }) =>
    createContext({ ...info, control: controls.has(res) }),
  ...(config.keepAlive ? { keepAlive: config.keepAlive } : {}),
  ...(config.maxBatchSize ? { maxBatchSize: config.maxBatchSize } : {}),
  ...(encoder ? { experimental_encoder: encoder } : {}),
});
wss.on("listening", () => {
  console.log(JSON.stringify({ port: wss.address().port }));
});
process.on("SIGTERM", () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  process.exit(0);
});
