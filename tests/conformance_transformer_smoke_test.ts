/**
 * The WebSocket parts of tRPC's `packages/tests/server/transformer.test.ts`
 * (superjson both ways through `wsLink`) and `smoke.test.ts` (over
 * `wsLink`: middlewares, NOT_FOUND, the error formatter, a subscription),
 * against our adapter and tRPC's Node adapter.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { waitFor } from "./_helpers.ts";
import { conformance, until } from "./_conformance.ts";

const TRANSFORMER = "transformer.test.ts";
const SMOKE = "smoke.test.ts";
const SUPERJSON = { superjson: true };
const FORMATTER = { formatter: true };

conformance(
  TRANSFORMER,
  "wsLink: empty superjson up and down",
  SUPERJSON,
  async (s) => {
    const { client } = s.connect();
    assert.equal(await client.emptyUp.query(), "hello world");
    assert.equal(await client.emptyDown.query(""), "hello world");
  },
);

conformance(TRANSFORMER, "transformer on router › ws", SUPERJSON, async (s) => {
  const { client } = s.connect();
  const date = new Date();
  const res = await client.hello.query(date);
  assert.ok(res instanceof Date);
  assert.equal(res.getTime(), date.getTime());
});

conformance(
  TRANSFORMER,
  "transformer on router › subscription",
  SUPERJSON,
  async (s) => {
    const { client } = s.connect();
    const date = new Date();
    const data = await new Promise<Date>((resolve) => {
      const subscription = client.helloSub.subscribe(date, {
        onData: (value) => {
          subscription.unsubscribe();
          resolve(value as unknown as Date); // typed as JSON: the types know no transformer
        },
      });
    });
    assert.ok(data instanceof Date);
    assert.equal(data.getTime(), date.getTime());
  },
);

conformance(SMOKE, "very happy path", FORMATTER, async (s) => {
  const { client } = s.connect();
  assert.equal(await client.smokeGreeting.query("KATT"), "hello KATT");
});

conformance(SMOKE, "middleware", FORMATTER, async (s) => {
  const { client } = s.connect();
  assert.equal(await client.smokeMiddleware.query(), "hello KATT");
});

conformance(SMOKE, "sad path", FORMATTER, async (s) => {
  const { client } = s.connect();
  const untyped = client as unknown as {
    not: { found: { query(): Promise<unknown> } };
  };
  const error = await untyped.not.found.query().catch((e) => e);
  assert.ok(error instanceof TRPCClientError);
  assert.equal(error.message, 'No "query"-procedure on path "not.found"');
  // the router's errorFormatter shaped it
  assert.equal(error.shape?.data.foo, "bar");
  assert.equal(error.shape?.data.code, "NOT_FOUND");
});

conformance(SMOKE, "call a mutation as a query", FORMATTER, async (s) => {
  const { client } = s.connect();
  const untyped = client as unknown as {
    smokeMiddleware: { mutate(): Promise<unknown> };
  };
  const error = await untyped.smokeMiddleware.mutate().catch((e) => e);
  assert.ok(error instanceof TRPCClientError);
  assert.equal(
    error.message,
    'No "mutation"-procedure on path "smokeMiddleware"',
  );
});

conformance(SMOKE, "subscriptions", FORMATTER, async (s) => {
  const { client } = s.connect();
  let started = 0;
  let completed = 0;
  const data: number[] = [];
  const subscription = client.onEvent.subscribe(10, {
    onStarted: () => started++,
    onData: (value) => data.push(value),
    onComplete: () => completed++,
  });
  await waitFor(() => started === 1, "onStarted");
  await until(async () => {
    await s.control.control.emit.mutate({ event: "data:number", data: 20 });
    return data.length > 0;
  }, "a value");
  assert.equal(data[0], 30);
  subscription.unsubscribe();
  await waitFor(() => completed === 1, "onComplete");
});
