import assert from "node:assert/strict";
import { callTRPCProcedure, initTRPC, lazy, TRPCError } from "@trpc/server";
import { z } from "zod";
import { type CallOptions, runProcedure } from "../src/ws/_call.ts";

const t = initTRPC.context<{ user?: string; n?: number }>().meta<
  { role: string }
>().create();
const seen: unknown[] = [];
const withUser = t.middleware(({ ctx, next }) =>
  next({ ctx: { user: ctx.user ?? "anonymous" } })
);
const trace = t.middleware((opts) => {
  const { path, type, batchIndex, meta, input, signal } = opts;
  seen.push({ path, type, batchIndex, meta, input, aborted: signal?.aborted });
  return opts.next();
});
const base = t.procedure.use(withUser).use(trace);
const sub = t.router({
  hello: t.procedure.query(() => "from a lazy router"),
});
const router = t.router({
  echo: base.meta({ role: "any" }).input(z.object({ n: z.number() }))
    .output(z.object({ n: z.number(), user: z.string() }))
    .mutation(({ input, ctx }) => ({ n: input.n, user: ctx.user })),
  doubled: base.use(async ({ getRawInput, next }) => {
    const raw = await getRawInput() as { n: number };
    return next({ input: { n: raw.n * 2 } });
  }).query(({ input }) => input),
  rawSwap: t.procedure.use(({ next }) =>
    next({ getRawInput: () => Promise.resolve({ n: 7 }) })
  ).input(z.object({ n: z.number() })).query(({ input }) => input.n),
  forbidden: base.use(() => {
    throw new TRPCError({ code: "FORBIDDEN", message: "not you" });
  }).query(() => "never"),
  noNext: t.procedure.use((() => undefined) as never).query(() => "never"),
  crash: t.procedure.query(() => {
    throw new Error("boom");
  }),
  badOutput: t.procedure.output(z.string()).query(() => 42 as never),
  lazySub: lazy(() => Promise.resolve(sub)),
});

async function outcome(promise: Promise<unknown>) {
  try {
    return { ok: true, data: await promise };
  } catch (error) {
    const e = error as TRPCError;
    return { ok: false, code: e.code, message: e.message, name: e.name };
  }
}

async function both(call: Omit<CallOptions, "signal" | "batchIndex">) {
  const opts = { ...call, signal: new AbortController().signal, batchIndex: 3 };
  seen.length = 0;
  const ours = await outcome(runProcedure(router, opts));
  const oursSeen = [...seen];
  seen.length = 0;
  const theirs = await outcome(
    callTRPCProcedure({
      router,
      path: opts.path,
      type: opts.type,
      ctx: opts.ctx,
      signal: opts.signal,
      batchIndex: opts.batchIndex,
      getRawInput: () => Promise.resolve(opts.input),
    }),
  );
  assert.deepEqual(ours, theirs, `${call.path}: same outcome as tRPC`);
  assert.deepEqual(oursSeen, seen, `${call.path}: middlewares saw the same`);
  return ours;
}

Deno.test("runProcedure() runs middlewares, parsers and resolver as callTRPCProcedure does", async () => {
  const echo = await both({
    path: "echo",
    type: "mutation",
    input: { n: 1 },
    ctx: {},
  });
  assert.deepEqual(echo, { ok: true, data: { n: 1, user: "anonymous" } });
  assert.deepEqual(seen, [{
    path: "echo",
    type: "mutation",
    batchIndex: 3,
    meta: { role: "any" },
    input: undefined,
    aborted: false,
  }]);
  await both({
    path: "echo",
    type: "mutation",
    input: { n: 1 },
    ctx: { user: "ann" },
  });
  assert.deepEqual(
    (await both({ path: "doubled", type: "query", input: { n: 4 }, ctx: {} }))
      .data,
    { n: 8 },
  );
  assert.equal(
    (await both({ path: "rawSwap", type: "query", input: { n: 1 }, ctx: {} }))
      .data,
    7,
  );
});

Deno.test("runProcedure() fails exactly as callTRPCProcedure does", async () => {
  const cases: Omit<CallOptions, "signal" | "batchIndex">[] = [
    { path: "echo", type: "mutation", input: { n: "x" }, ctx: {} },
    { path: "forbidden", type: "query", input: undefined, ctx: {} },
    { path: "noNext", type: "query", input: undefined, ctx: {} },
    { path: "crash", type: "query", input: undefined, ctx: {} },
    { path: "badOutput", type: "query", input: undefined, ctx: {} },
    { path: "echo", type: "query", input: { n: 1 }, ctx: {} },
    { path: "missing", type: "query", input: undefined, ctx: {} },
    { path: "constructor", type: "query", input: undefined, ctx: {} },
    { path: "__proto__", type: "query", input: undefined, ctx: {} },
  ];
  for (const call of cases) {
    const result = await both(call);
    assert.equal(result.ok, false, `${call.path} fails`);
  }
});

Deno.test("runProcedure() loads lazy routers through tRPC", async () => {
  const result = await both({
    path: "lazySub.hello",
    type: "query",
    input: undefined,
    ctx: {},
  });
  assert.deepEqual(result, { ok: true, data: "from a lazy router" });
});
