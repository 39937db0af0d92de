// @ts-check
/**
 * The router of the conformance suite, written once in plain JavaScript so
 * that our adapter (Deno) and tRPC's own Node adapter serve exactly the
 * same code. Each side passes in its own copy of tRPC, zod and
 * `node:events`, and the hooks of its server (`Host`).
 *
 * It mirrors the factories of tRPC's `packages/tests/server/` tests
 * (websockets, websockets.encoder, websockets.memory, transformer, smoke):
 * what those tests do in-process with an `EventEmitter` or a mock, a
 * scenario here does over the wire through the `control` procedures, so the
 * same scenario runs against a server in another process.
 * @module
 */

/**
 * What a server lends the router: its connections, seen without the
 * control connection (`?control=1`).
 * @typedef {object} Host
 * @property {() => number} connections open connections
 * @property {() => void} destroyConnections ends every connection at once
 * @property {() => void} closeConnections closes every connection (a close frame)
 * @property {() => void} broadcastReconnect sends tRPC's reconnect notification
 */

/**
 * How a server is set up for one scenario; both hosts read it the same way.
 * @typedef {object} HostConfig
 * @property {"plain" | "slow" | "throws" | "auth"} [context] the
 *   `createContext`: `{}` at once, `{}` after 50 ms, UNAUTHORIZED after
 *   20 ms, or the user of the `token` connection param
 * @property {{ enabled: boolean, pingMs?: number, pongWaitMs?: number }} [keepAlive]
 * @property {"json" | "binary" | "msgpack"} [encoder] `experimental_encoder`
 *   (unset: the adapter's default)
 * @property {boolean} [superjson] superjson as the router's transformer
 * @property {boolean} [formatter] smoke.test.ts's `errorFormatter` (adds
 *   `data.foo = "bar"`)
 * @property {number} [maxBatchSize] the adapter's `maxBatchSize`
 */

/**
 * @template T
 * @typedef {import("@trpc/server/observable").Observer<T, unknown>} Observer
 */
/** @typedef {{ user: { id: string, username: string } | null }} Context */

/** The user the `auth` context gives the right token (websockets.test.ts). */
export const USER_MOCK = Object.freeze({ id: "123", username: "KATT" });
/** The token of {@linkcode USER_MOCK}. */
export const USER_TOKEN = "supersecret";

/**
 * Builds the router and the `createContext` a host needs for `config`.
 * @param {{
 *   trpc: typeof import("@trpc/server"),
 *   observable: typeof import("@trpc/server/observable").observable,
 *   z: typeof import("zod").z,
 *   on: typeof import("node:events").on,
 *   EventEmitter: typeof import("node:events").EventEmitter,
 *   superjson: typeof import("superjson").default,
 * }} deps
 * @param {HostConfig} config
 * @param {Host} host
 */
export function createConformanceRouter(deps, config, host) {
  const { trpc, observable, z, on, EventEmitter, superjson } = deps;
  const ee = new EventEmitter();
  ee.setMaxListeners(1000);
  const stats = {
    createContextCalls: 0,
    subscriptionEnded: 0,
    newSubscriptions: 0,
    mutCalls: 0,
  };
  /** @type {{ complete(): void } | null} */
  let lastObserver = null;
  /** @type {WeakRef<object>[]} */
  const dataRefs = [];
  let release = () => {};
  /** @type {Promise<void>} */
  let iterableGate = new Promise((resolve) => (release = resolve));
  const nextIterable = () => {
    const open = release;
    iterableGate = new Promise((resolve) => (release = resolve));
    open();
  };

  const options = {
    ...(config.superjson ? { transformer: superjson } : {}),
    ...(config.formatter
      ? {
        errorFormatter: (/** @type {{ shape: any }} */ { shape }) => ({
          ...shape,
          data: { ...shape.data, foo: "bar" },
        }),
      }
      : {}),
  };
  // typed as `initTRPC.context<Context>().create()`: the options vary by
  // scenario, the procedures do not
  const t =
    /** @type {import("@trpc/server").TRPCRootObject<Context, object, {}>} */ (
      /** @type {unknown} */ (trpc.initTRPC.create(options))
    );

  const router = t.router({
    // websockets.test.ts
    greeting: t.procedure.input(z.string().nullish()).query(({ input }) =>
      `hello ${input ?? "world"}`
    ),
    mut: t.procedure.mutation(() => {
      stats.mutCalls++;
      return "mutation resolved";
    }),
    postEdit: t.procedure
      .input(z.object({
        id: z.string(),
        data: z.object({ title: z.string(), text: z.string() }),
      }))
      .mutation(({ input }) => ({ id: input.id, ...input.data })),
    iterable: t.procedure
      .input(z.object({ lastEventId: z.coerce.number().nullish() }).nullish())
      .subscription(async function* (opts) {
        let from = opts.input?.lastEventId ?? 0;
        // as tRPC's, but it stops waiting when stopped: an iterator that
        // cannot end would hold our adapter's bounded dispose (1 s) open
        const stopped = new Promise((resolve) =>
          opts.signal?.addEventListener("abort", resolve, { once: true })
        );
        while (!opts.signal?.aborted) {
          from++;
          await Promise.race([iterableGate, stopped]);
          if (opts.signal?.aborted) return;
          yield trpc.tracked(String(from), {
            id: String(from),
            title: `hello ${from}`,
          });
        }
      }),
    onMessageObservable: t.procedure.input(z.string().nullish())
      .subscription(() => {
        const sub = observable((
          /** @type {Observer<{ id: string }>} */ emit,
        ) => {
          lastObserver = emit;
          /** @param {{ id: string }} data */
          const onMessage = (data) => emit.next(data);
          /** @param {string} message */
          const onError = (message) => emit.error(new Error(message));
          ee.on("server:msg", onMessage);
          ee.on("observable:error", onError);
          return () => {
            stats.subscriptionEnded++;
            ee.off("server:msg", onMessage);
            ee.off("observable:error", onError);
          };
        });
        stats.newSubscriptions++;
        return sub;
      }),
    onMessageIterable: t.procedure.input(z.string().nullish())
      .subscription(async function* (opts) {
        stats.newSubscriptions++;
        for await (
          const data of on(ee, "server:msg", { signal: opts.signal })
        ) {
          yield /** @type {{ id: string }} */ (data[0]);
        }
      }),
    /** A generator that yields one value, then throws (the case). */
    throwingIterable: t.procedure.subscription(async function* () {
      yield { id: "1" };
      throw new trpc.TRPCError({ code: "FORBIDDEN", message: "MyError" });
    }),
    whoami: t.procedure.query((opts) => opts.ctx.user),
    /** Never yields: a subscription that stays open (auth tests). */
    pending: t.procedure.subscription(async function* (opts) {
      await new Promise((resolve) =>
        opts.signal?.addEventListener("abort", resolve, { once: true })
      );
      yield null;
    }),

    // websockets.encoder.test.ts
    echo: t.procedure.input(z.object({ message: z.string() }))
      .mutation(({ input }) => ({ received: input.message })),

    // websockets.memory.test.ts: yields what `control.emitData` emits
    onData: t.procedure.subscription((opts) =>
      on(ee, "data", { signal: opts.signal })
    ),

    // transformer.test.ts
    hello: t.procedure.input(z.date()).query(({ input }) => input),
    emptyUp: t.procedure.query(() => "hello world"),
    emptyDown: t.procedure.input(z.string()).query(() => "hello world"),
    helloSub: t.procedure.input(z.date()).subscription(({ input }) =>
      observable((/** @type {Observer<Date>} */ emit) => {
        emit.next(input);
        return () => {};
      })
    ),

    // smoke.test.ts
    smokeGreeting: t.procedure.input(z.string())
      .use(({ next }) => next())
      .query(({ input }) => `hello ${input}`),
    smokeMiddleware: t.procedure
      .use(({ next }) => next({ ctx: { prefix: "hello" } }))
      .use(({ next }) => next({ ctx: { who: "KATT" } }))
      .query(({ ctx }) => `${ctx.prefix} ${ctx.who}`),
    onEvent: t.procedure.input(z.number()).subscription(({ input }) =>
      observable((/** @type {Observer<number>} */ emit) => {
        /** @param {number} data */
        const onData = (data) => emit.next(data + input);
        ee.on("data:number", onData);
        return () => ee.off("data:number", onData);
      })
    ),

    // what the scenarios do in-process in tRPC's tests
    control: t.router({
      emit: t.procedure
        .input(z.object({ event: z.string(), data: z.unknown() }))
        .mutation(({ input }) => ee.emit(input.event, input.data)),
      error: t.procedure.input(z.string()).mutation(({ input }) =>
        ee.emit("observable:error", input)
      ),
      complete: t.procedure.mutation(() => {
        lastObserver?.complete();
        return lastObserver !== null;
      }),
      nextIterable: t.procedure.mutation(() => nextIterable()),
      /** Emits a value of `bytes` on `data`, remembered by a WeakRef. */
      emitData: t.procedure.input(z.number()).mutation(({ input }) => {
        const data = { blob: "x".repeat(input) };
        dataRefs.push(new WeakRef(data));
        ee.emit("data", data);
        return dataRefs.length - 1;
      }),
      /** After a full collection: which emitted values are still alive. */
      alive: t.procedure.query(() => {
        const gc = /** @type {{ gc?: () => void }} */ (globalThis).gc;
        if (gc === undefined) {
          throw new trpc.TRPCError({
            code: "PRECONDITION_FAILED",
            message: "run the server with --expose-gc",
          });
        }
        gc();
        return dataRefs.map((ref) => ref.deref() !== undefined);
      }),
      stats: t.procedure.query(() => ({
        ...stats,
        listeners: ee.listenerCount("server:msg"),
        dataListeners: ee.listenerCount("data"),
        connections: host.connections(),
      })),
      destroyConnections: t.procedure.mutation(() => {
        setTimeout(() => host.destroyConnections(), 1);
      }),
      closeConnections: t.procedure.mutation(() => {
        setTimeout(() => host.closeConnections(), 1);
      }),
      broadcastReconnect: t.procedure.mutation(() => {
        host.broadcastReconnect();
      }),
    }),
  });

  /**
   * The `createContext` of `config.context`; the control connection always
   * gets the plain one.
   * @param {{ connectionParams: Record<string, string | undefined> | null, control: boolean }} opts
   */
  async function createContext(opts) {
    if (opts.control) return { user: null };
    stats.createContextCalls++;
    switch (config.context ?? "plain") {
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { user: null };
      case "throws":
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new trpc.TRPCError({ code: "UNAUTHORIZED", message: "test" });
      case "auth":
        return {
          user: opts.connectionParams?.["token"] === USER_TOKEN
            ? USER_MOCK
            : null,
        };
      default:
        return { user: null };
    }
  }

  return { router, createContext };
}

/**
 * The encoders of websockets.encoder.test.ts: a mock binary one
 * (`BINARY:` + JSON, as bytes; it reads text frames as JSON) and
 * MessagePack (tRPC's example), given `@msgpack/msgpack`.
 * @param {"json" | "binary" | "msgpack" | undefined} name
 * @param {{ encode(value: unknown, options: { ignoreUndefined: boolean }): Uint8Array, decode(data: ArrayBuffer | Uint8Array): unknown }} msgpack
 * @returns {{ encode(data: unknown): string | Uint8Array<ArrayBuffer>, decode(data: string | ArrayBuffer | Uint8Array): unknown } | undefined}
 */
export function conformanceEncoder(name, msgpack) {
  switch (name) {
    case "json":
      return {
        encode: (data) => JSON.stringify(data),
        decode: (data) => {
          if (typeof data !== "string") {
            throw new Error("jsonEncoder received binary data");
          }
          return JSON.parse(data);
        },
      };
    case "binary":
      return {
        encode: (data) =>
          new TextEncoder().encode(`BINARY:${JSON.stringify(data)}`),
        decode: (data) => {
          const text = typeof data === "string"
            ? data
            : new TextDecoder().decode(data);
          return JSON.parse(text.startsWith("BINARY:") ? text.slice(7) : text);
        },
      };
    case "msgpack":
      return {
        // undefined fields left out, as JSON does (`lastEventId: undefined`)
        encode: (
          data,
        ) => /** @type {Uint8Array<ArrayBuffer>} */ (msgpack.encode(data, {
          ignoreUndefined: true,
        })),
        decode: (data) => {
          if (typeof data === "string") {
            throw new Error("MessagePack frames are binary");
          }
          return msgpack.decode(data);
        },
      };
    default:
      return undefined;
  }
}
