/**
 * The limits of one frame, against our adapter and tRPC's Node adapter:
 * `maxBatchSize` as tRPC applies it (every call answered under its id), and
 * our defaults where they deliberately differ from tRPC's (no batch limit,
 * `ws`'s 100 MiB frames): a call over them still gets a TRPCClientError
 * with a code, and the connection goes on (README, "Conformance with
 * tRPC's adapter").
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import {
  DEFAULT_MAX_BATCH_SIZE,
  DEFAULT_MAX_MESSAGE_BYTES,
} from "../src/ws/_message_limits.ts";
import { conformance } from "./_conformance.ts";

const ADAPTER = "adapters/ws.ts";
const greeting = (id: number) => ({
  id,
  method: "query",
  params: { path: "greeting", input: null },
});

conformance(
  ADAPTER,
  "a batch over maxBatchSize gets the error under every call's id (BAD_REQUEST), and the connection goes on",
  { maxBatchSize: 2 },
  async (s) => {
    const raw = await s.raw();
    raw.send([
      greeting(1),
      greeting(2),
      { id: 9, method: "subscription.stop" },
      greeting(3),
    ]);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await raw.nextMessage());
    assert.deepEqual(answers.map((it) => it.id), [1, 2, 3]);
    for (const answer of answers) {
      const { error } = answer as { error: { data: { code: string } } };
      assert.equal(error.data.code, "BAD_REQUEST");
    }
    raw.send([greeting(4), greeting(5)]);
    assert.equal((await raw.nextMessage()).id, 4);
    assert.equal((await raw.nextMessage()).id, 5);
  },
);

conformance(
  ADAPTER,
  "the official client's calls of one tick beyond our default batch limit",
  {},
  async (s) => {
    const { client } = s.connect();
    const calls = DEFAULT_MAX_BATCH_SIZE + 50;
    const results = await Promise.allSettled(
      Array.from({ length: calls }, (_, i) => client.greeting.query(`${i}`)),
    );
    if (s.adapter === "trpc") {
      // tRPC has no batch limit by default
      assert.ok(results.every((it) => it.status === "fulfilled"));
      return;
    }
    for (const result of results) {
      assert.equal(result.status, "rejected");
      const error = (result as PromiseRejectedResult).reason;
      assert.ok(error instanceof TRPCClientError);
      assert.equal(error.data?.code, "BAD_REQUEST");
      assert.match(
        error.message,
        new RegExp(
          `1 to ${DEFAULT_MAX_BATCH_SIZE} calls; this one has ${calls}`,
        ),
      );
    }
    assert.equal(await client.greeting.query("after"), "hello after");
  },
);

conformance(
  ADAPTER,
  "a call larger than our default frame limit",
  {},
  async (s) => {
    const { client } = s.connect();
    const message = "x".repeat(DEFAULT_MAX_MESSAGE_BYTES + 1024);
    const outcome = await client.echo.mutate({ message }).then(
      (value) => ({ value }),
      (error) => ({ error }),
    );
    if (s.adapter === "trpc") {
      // `ws` takes frames up to 100 MiB by default
      assert.deepEqual(outcome, { value: { received: message } });
      return;
    }
    const { error } = outcome as { error: unknown };
    assert.ok(error instanceof TRPCClientError, String(error));
    assert.equal(error.data?.code, "PAYLOAD_TOO_LARGE");
    assert.match(
      error.message,
      new RegExp(`the limit is ${DEFAULT_MAX_MESSAGE_BYTES} bytes per frame`),
    );
    assert.equal(await client.greeting.query("after"), "hello after");
  },
);

conformance(
  ADAPTER,
  "an empty batch",
  {},
  async (s) => {
    const raw = await s.raw();
    raw.send([]);
    raw.send(greeting(1));
    if (s.adapter === "ours") {
      // tRPC ignores it; we say what a batch must hold
      const { id, error } = await raw.nextMessage() as {
        id: unknown;
        error: { data: { code: string } };
      };
      assert.deepEqual([id, error.data.code], [null, "BAD_REQUEST"]);
    }
    assert.equal((await raw.nextMessage()).id, 1);
  },
);
