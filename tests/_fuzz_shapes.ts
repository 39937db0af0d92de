/**
 * The fuzzer's malformed shapes: JSON that is not, methods that are not,
 * nesting as deep as a frame allows, and superjson metadata that lies.
 * @module
 */
import {
  deepText,
  hostileValue,
  objectWith,
  PROTO_KEYS,
  type Rng,
} from "./_fuzz_values.ts";

/** Frames that are not JSON, or JSON that is not a tRPC message. */
export const BAD_JSON: readonly string[] = [
  "{",
  "}",
  "[",
  "[1,]",
  '{"id":1,}',
  "{'id':1}",
  "NaN",
  "Infinity",
  "undefined",
  "-",
  "1e999999",
  '{"id":1,"id":2,"method":"query","params":{"path":"system.ping"}}',
  '"PING"',
  "null",
  "true",
  "0",
  '{"__proto__":{"polluted":1},"id":1,"method":"query","params":{"path":"system.ping","input":{}}}',
  '{"id":1,"method":"query","params":{"path":"system.ping","input":{}}}\u0000',
  `{"id":1,"method":"query","params":{"path":"system.ping","input":{"json":"\\ud800"}}}`,
];

/** Methods tRPC does not have. */
export const UNKNOWN_METHODS: readonly string[] = [
  "subscribe",
  "subscription.start",
  "QUERY",
  "connectionParams",
  "reconnect",
  "__proto__",
  "toString",
  "",
  "query ",
];

/**
 * Text nested up to 100,000 levels (as many as `maxBytes` allows) in one
 * of a few places: the whole frame, a call's input, a hub message's data,
 * superjson's meta, the id.
 */
export function deepFrame(
  rng: Rng,
  at: { maxBytes: number; id: string; path: string },
): string {
  const room = at.maxBytes - 300;
  const kind = rng.chance(0.3) ? "object" : "array";
  const depth = Math.min(
    100_000,
    Math.floor(room / (kind === "object" ? 6 : 2)),
  );
  const nested = deepText(depth, kind);
  const id = JSON.stringify(at.id);
  const path = JSON.stringify(at.path);
  return rng.pick([
    () => nested,
    () =>
      `{"id":${id},"method":"query","params":{"path":${path},"input":{"json":${nested}}}}`,
    () =>
      `{"id":${id},"method":"mutation","params":{"path":"hub.publish","input":{"json":{"message":{"message_type":"agent_message","message_text":"b","data":{"x":${nested}}}}}}}`,
    () =>
      `{"id":${id},"method":"query","params":{"path":"system.ping","input":{"json":1,"meta":{"values":${nested}}}}}`,
    () => `{"id":${nested},"method":"query","params":{"path":${path}}}`,
  ])();
}

/** A superjson `meta` that does not match its `json`, or is not a meta. */
export function bogusMeta(rng: Rng): unknown {
  const key = rng.pick([
    "",
    "gameId",
    "text",
    "message",
    "message.data",
    "a.b.c",
  ]);
  return rng.pick<unknown>([
    { values: ["Date"] },
    { values: ["bigint"] },
    { values: ["regexp"] },
    { values: ["set"] },
    { values: ["map"] },
    { values: ["symbol"] },
    { values: ["undefined"] },
    { values: [["class", "Foo"]] },
    { values: [["custom", "x"]] },
    { values: [["typed-array", "Uint8Array"]] },
    { values: ["number"] },
    { values: ["Error"] },
    { values: objectWith([[key, ["Date"]]]) },
    { values: objectWith([[key, ["bigint"]]]) },
    { values: objectWith([[rng.pick(PROTO_KEYS), ["undefined"]]]) },
    {
      values: objectWith([[`${rng.pick(PROTO_KEYS)}.polluted`, ["undefined"]]]),
    },
    { values: objectWith([["constructor.prototype.polluted", ["Date"]]]) },
    {
      values: {
        [Array.from({ length: 5000 }, () => "a").join(".")]: ["undefined"],
      },
    },
    { referentialEqualities: { "": ["a"] } },
    { referentialEqualities: objectWith([[key, [key]]]) },
    { referentialEqualities: { gameId: ["__proto__"] } },
    { referentialEqualities: { "message.data": ["message.data.self"] } },
    { referentialEqualities: ["gameId"] },
    { referentialEqualities: null },
    { values: null, v: 999 },
    { values: 1 },
    "meta",
    [],
    hostileValue(rng),
  ]);
}
