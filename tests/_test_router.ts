/**
 * A small router for testing the WebSocket adapter on its own: queries,
 * mutations, a tracked feed that honours `lastEventId`, a burst, a firehose
 * and a slow mutation, plus a server wrapper around `upgradeTRPCWebSocket`.
 * @module
 */
import { initTRPC, tracked, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import {
  SocketSet,
  upgradeTRPCWebSocket,
  type WSAdapterOptions,
  type WSContextOptions,
} from "../src/server/mod.ts";

/** The context the test router sees. */
export interface TestContext {
  params: Record<string, string | undefined> | null;
  url: string;
  userAgent: string | null;
}

const t = initTRPC.context<TestContext>().create({ transformer: superjson });

/** Observable state of the test router, reset per server. */
export class FeedState {
  log: number[] = [];
  inputs: unknown[] = [];
  finished = 0;
  #wakers = new Set<() => void>();
  publish(count: number): void {
    for (let i = 0; i < count; i++) this.log.push(this.log.length + 1);
    for (const wake of this.#wakers) wake();
  }
  wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.#wakers.delete(wake);
        signal?.removeEventListener("abort", wake);
        resolve();
      };
      this.#wakers.add(wake);
      signal?.addEventListener("abort", wake, { once: true });
    });
  }
}

/** Builds the test router around a feed state. */
export function testRouter(feed: FeedState) {
  return t.router({
    echo: t.procedure
      .input(z.object({ text: z.string(), at: z.date().optional() }))
      .query(({ input }) => ({
        text: input.text,
        at: input.at ?? new Date(0),
      })),
    add: t.procedure
      .input(z.object({ a: z.number(), b: z.number() }))
      .mutation(({ input }) => input.a + input.b),
    whoami: t.procedure.query(({ ctx }) => ctx),
    fail: t.procedure.query(() => {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "nope: this is forbidden",
      });
    }),
    slow: t.procedure.input(z.number()).mutation(async ({ input }) => {
      await new Promise((resolve) => setTimeout(resolve, input));
      return "done";
    }),
    publish: t.procedure.input(z.number()).mutation(({ input }) => {
      feed.publish(input);
      return feed.log.length;
    }),
    feed: t.procedure
      .input(z.object({ lastEventId: z.string().nullish() }).optional())
      .subscription(async function* ({ input, signal }) {
        feed.inputs.push(input);
        let next = input?.lastEventId ? Number(input.lastEventId) + 1 : 1;
        try {
          while (!signal?.aborted) {
            while (next <= feed.log.length) {
              yield tracked(String(next), next);
              next++;
            }
            await feed.wait(signal);
          }
        } finally {
          feed.finished++;
        }
      }),
    burst: t.procedure.input(z.number()).subscription(
      async function* ({ input }) {
        for (let i = 1; i <= input; i++) yield i;
      },
    ),
    firehose: t.procedure.subscription(async function* ({ signal }) {
      const chunk = "x".repeat(64 * 1024);
      try {
        for (let i = 0; i < 100_000 && !signal?.aborted; i++) yield chunk;
      } finally {
        feed.finished++;
      }
    }),
  });
}

/** The test router's type. */
export type TestRouter = ReturnType<typeof testRouter>;

/** A Deno.serve server that upgrades every request with the adapter. */
export interface AdapterServer extends AsyncDisposable {
  url: string;
  port: number;
  sockets: SocketSet;
  feed: FeedState;
  contexts: WSContextOptions[];
}

/** Serves the test router on 127.0.0.1 with adapter options. */
export function serveTestRouter(
  options: Partial<WSAdapterOptions<TestRouter>> = {},
): AdapterServer {
  const feed = new FeedState();
  const sockets = new SocketSet();
  const contexts: WSContextOptions[] = [];
  const router = testRouter(feed);
  const opts: WSAdapterOptions<TestRouter> = {
    router,
    sockets,
    createContext: (ctxOpts) => {
      contexts.push(ctxOpts);
      return {
        params: ctxOpts.connectionParams,
        url: ctxOpts.req.url,
        userAgent: ctxOpts.req.headers.get("user-agent"),
      };
    },
    ...options,
  };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => upgradeTRPCWebSocket(req, opts),
  );
  return {
    url: `ws://127.0.0.1:${server.addr.port}`,
    port: server.addr.port,
    sockets,
    feed,
    contexts,
    async [Symbol.asyncDispose]() {
      await sockets.closeAll(1001, "test over");
      await server.shutdown();
    },
  };
}
