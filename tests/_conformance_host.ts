/**
 * The conformance router served by our adapter (`upgradeTRPCWebSocket` on
 * `Deno.serve`), in this process; `tests/_conformance_server.ts` runs it in
 * a process of its own. The control connection (`?control=1`) has a
 * socket set of its own, so that closing "every connection" leaves it be.
 * @module
 */
import * as trpc from "@trpc/server";
import { observable } from "@trpc/server/observable";
import { decode, encode } from "@msgpack/msgpack";
import { EventEmitter, on } from "node:events";
import superjson from "superjson";
import { z } from "zod";
import {
  SocketSet,
  upgradeTRPCWebSocket,
  type WSAdapterOptions,
} from "../src/server/mod.ts";
import {
  conformanceEncoder,
  createConformanceRouter,
  type HostConfig,
} from "./_conformance_router.mjs";

export type { HostConfig };

/** The router the scenarios call. */
export type ConformanceRouter = ReturnType<
  typeof createConformanceRouter
>["router"];

/** A server of the conformance router; `await using` stops it. */
export interface ConformanceServer extends AsyncDisposable {
  /** `ws://127.0.0.1:PORT`. */
  url: string;
  /** The port. */
  port: number;
}

/** The encoder a config names, made with `@msgpack/msgpack`. */
export function encoderOf(
  config: HostConfig,
): ReturnType<typeof conformanceEncoder> {
  return conformanceEncoder(config.encoder, { encode, decode });
}

/** Serves the conformance router with our adapter on 127.0.0.1, `port` 0: a free one. */
export function serveOurs(config: HostConfig, port = 0): ConformanceServer {
  const sockets = new SocketSet();
  const controls = new SocketSet();
  const { router, createContext } = createConformanceRouter(
    { trpc, observable, z, on, EventEmitter, superjson },
    config,
    {
      connections: () => sockets.size,
      destroyConnections: () => void sockets.closeAll(1001, "destroyed", 0),
      closeConnections: () => void sockets.closeAll(1000, "closed", 0),
      broadcastReconnect: () => void sockets.broadcastReconnectNotification(),
    },
  );
  const encoder = encoderOf(config);
  const base: Omit<WSAdapterOptions<typeof router>, "sockets"> = {
    router,
    createContext: ({ req, connectionParams }) =>
      createContext({
        connectionParams,
        control: new URL(req.url).searchParams.has("control"),
      }),
    ...(config.keepAlive ? { keepAlive: config.keepAlive } : {}),
    ...(config.maxBatchSize ? { maxBatchSize: config.maxBatchSize } : {}),
    ...(encoder ? { experimental_encoder: encoder } : {}),
  };
  const served = { ...base, sockets };
  const control = { ...base, sockets: controls };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port, onListen() {} },
    (req) =>
      upgradeTRPCWebSocket(
        req,
        new URL(req.url).searchParams.has("control") ? control : served,
      ),
  );
  return {
    url: `ws://127.0.0.1:${server.addr.port}`,
    port: server.addr.port,
    async [Symbol.asyncDispose]() {
      await Promise.all([
        sockets.closeAll(1001, "test over"),
        controls.closeAll(1001, "test over"),
      ]);
      await server.shutdown();
    },
  };
}
