import assert from "node:assert/strict";
import { initTRPC, transformTRPCResponse } from "@trpc/server";
import type { TRPCResponseMessage } from "@trpc/server/rpc";
import superjson, { SuperJSON } from "superjson";
import { Codec } from "../src/ws/_codec.ts";
import { isPlainJson } from "../src/ws/_plain_json.ts";

function routerWith(transformer?: unknown) {
  const t = transformer === undefined
    ? initTRPC.create()
    : initTRPC.create({ transformer: transformer as typeof superjson });
  return t.router({});
}

const custom = new SuperJSON();
custom.registerCustom<string, string>({
  isApplicable: (v): v is string => typeof v === "string" && v === "secret",
  serialize: () => "***",
  deserialize: (v) => v,
}, "secret");

const ROUTERS = {
  superjson: routerWith(superjson),
  "superjson instance": routerWith(new SuperJSON()),
  "superjson with a custom type": routerWith(custom),
  none: routerWith(),
};

const holes: unknown[] = [1];
holes[2] = 3;
const shared = { a: 1 };
const nullProto = Object.assign(Object.create(null), { x: 1 });
const VALUES: Record<string, unknown> = {
  "plain object": { a: 1, b: "two", c: [true, null, { d: 1.5 }] },
  string: "hello",
  "the custom type": { s: "secret" },
  number: 42,
  null: null,
  "a Date": { at: new Date(0) },
  "undefined in an object": { a: undefined },
  undefined: undefined,
  "-0": { z: -0 },
  NaN: [NaN],
  Infinity: { i: Infinity },
  "a repeated object": { left: shared, right: shared },
  "a null-prototype object": nullProto,
  "an array with holes": holes,
  "a Map": new Map([[1, 2]]),
  "a bigint": { big: 1n },
  "a class instance": new (class Point {
    x = 1;
  })(),
  "deep nesting": JSON.parse("[".repeat(150) + "]".repeat(150)),
};

function messages(value: unknown): TRPCResponseMessage[] {
  return [
    { id: 1, result: { type: "data", data: value } },
    { id: "s", jsonrpc: "2.0", result: { type: "data", data: value } },
    {
      id: 2,
      result: { type: "data", id: "7", data: { id: "7", data: value } },
    },
  ];
}

Deno.test("Codec.encode() writes the same JSON as tRPC's transformTRPCResponse", () => {
  for (const [name, router] of Object.entries(ROUTERS)) {
    const codec = new Codec(router);
    for (const [label, value] of Object.entries(VALUES)) {
      for (const message of messages(value)) {
        if (name === "none" && typeof value === "bigint") continue;
        let expected: string;
        try {
          expected = JSON.stringify(
            transformTRPCResponse(router._def._config, message),
          );
        } catch {
          continue; // e.g. bigint with no transformer: both throw
        }
        assert.deepEqual(
          JSON.parse(codec.encode(message)),
          JSON.parse(expected),
          `${name}: ${label} (${JSON.stringify(message.id)})`,
        );
      }
    }
  }
});

Deno.test("Codec.encode() writes started, stopped and errors as tRPC does", () => {
  const router = ROUTERS.superjson;
  const codec = new Codec(router);
  const others: TRPCResponseMessage[] = [
    { id: 1, result: { type: "started" } },
    { id: 1, jsonrpc: "2.0", result: { type: "stopped" } },
    {
      id: 3,
      error: {
        code: -32600,
        message: "bad",
        data: { code: "BAD_REQUEST", httpStatus: 400, when: new Date(5) },
      },
    },
  ];
  for (const message of others) {
    assert.deepEqual(
      JSON.parse(codec.encode(message)),
      JSON.parse(
        JSON.stringify(transformTRPCResponse(router._def._config, message)),
      ),
    );
  }
});

Deno.test("Codec.encode() reads a frozen value once however many times it is sent", () => {
  const codec = new Codec(ROUTERS.superjson);
  let reads = 0;
  const event = Object.freeze({
    get text() {
      reads++;
      return "hi";
    },
  });
  const frames = new Set<string>();
  for (let id = 0; id < 100; id++) {
    frames.add(codec.encode({ id, result: { type: "data", data: event } }));
    frames.add(
      codec.encode({
        id,
        result: { type: "data", id: "9", data: { id: "9", data: event } },
      }),
    );
  }
  assert.equal(frames.size, 200);
  assert.ok(reads <= 2, `read ${reads} times`);
  const mutable = { text: "a" };
  const first = codec.encode({
    id: 1,
    result: { type: "data", data: mutable },
  });
  mutable.text = "b";
  const second = codec.encode({
    id: 1,
    result: { type: "data", data: mutable },
  });
  assert.notEqual(first, second, "an unfrozen value is serialized every time");
});

Deno.test("Codec.encode() keeps a frozen tracked value's frame per call id, tracked id and jsonrpc, each as tRPC writes it", () => {
  const router = ROUTERS.superjson;
  const codec = new Codec(router);
  const event = Object.freeze({ type: "phase_update", seq: 3 });
  const cases: TRPCResponseMessage[] = [];
  for (const id of [1, "1", 2, null]) {
    for (const jsonrpc of [undefined, "2.0"] as const) {
      for (const tracked of ["3", "4"]) {
        cases.push({
          id,
          ...(jsonrpc === undefined ? {} : { jsonrpc }),
          result: {
            type: "data",
            id: tracked,
            data: { id: tracked, data: event },
          },
        } as TRPCResponseMessage);
      }
    }
  }
  for (let round = 0; round < 3; round++) { // the later rounds hit the cache
    for (const message of cases) {
      assert.equal(
        codec.encode(message),
        JSON.stringify(transformTRPCResponse(router._def._config, message)),
        `round ${round}: ${JSON.stringify(message)}`,
      );
    }
  }
  const mismatched = {
    id: 1,
    result: { type: "data", id: "3", data: { id: "5", data: event } },
  } as TRPCResponseMessage;
  assert.equal(
    codec.encode(mismatched),
    JSON.stringify(transformTRPCResponse(router._def._config, mismatched)),
    "an envelope whose inner id differs is not taken from the cache",
  );
});

Deno.test("Codec.encode() writes a frozen tracked value for call ids past the frames it keeps from its tail, as tRPC writes it, with and without jsonrpc", () => {
  const router = ROUTERS.superjson;
  const codec = new Codec(router);
  const event = Object.freeze({ type: "agent_message", seq: 7, text: "«é»" });
  for (let round = 0; round < 2; round++) {
    for (let id = 1; id <= 12; id++) {
      for (const jsonrpc of [undefined, "2.0"] as const) {
        const message = {
          id: id % 3 === 0 ? `s${id}` : id,
          ...(jsonrpc === undefined ? {} : { jsonrpc }),
          result: { type: "data", id: "7", data: { id: "7", data: event } },
        } as TRPCResponseMessage;
        assert.equal(
          codec.encode(message),
          JSON.stringify(transformTRPCResponse(router._def._config, message)),
          `round ${round}: ${JSON.stringify(message)}`,
        );
      }
    }
  }
});

Deno.test("Codec.transformer deserializes superjson input with its annotations", () => {
  const codec = new Codec(ROUTERS.superjson);
  const wire = JSON.parse(
    JSON.stringify(superjson.serialize({ at: new Date(9), n: 1 })),
  );
  assert.deepEqual(codec.transformer.input.deserialize(wire), {
    at: new Date(9),
    n: 1,
  });
  assert.deepEqual(codec.transformer.input.deserialize({ json: { a: [1] } }), {
    a: [1],
  });
});

Deno.test("isPlainJson() accepts only what superjson leaves untouched", () => {
  assert.equal(isPlainJson({ a: [1, "x", null, false, { b: 2 }] }), true);
  assert.equal(isPlainJson({ __proto__: null, a: 1 }), true);
  for (
    const value of [
      undefined,
      { a: undefined },
      -0,
      NaN,
      new Date(),
      [, 1],
      () => 1,
      Symbol("s"),
    ]
  ) {
    assert.equal(isPlainJson(value), false, String(value));
  }
  assert.equal(isPlainJson(JSON.parse('{"constructor": 1}')), false);
  assert.equal(isPlainJson(JSON.parse('{"__proto__": 1}')), false);
});
