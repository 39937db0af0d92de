/**
 * The fuzzer's frames: random and malformed tRPC WebSocket messages, and
 * valid calls to every procedure with hostile input, drawn from one seeded
 * PRNG. {@linkcode FrameMaker.next} gives one frame and, for a call whose
 * answer can be predicted, the id it must be answered under.
 * @module
 */
import {
  EDGE_STRINGS,
  hostileId,
  hostileValue,
  hugeString,
  objectWith,
  type Rng,
} from "./_fuzz_values.ts";
import { hostileInput, inputFor, PROCEDURES } from "./_fuzz_inputs.ts";
import {
  BAD_JSON,
  bogusMeta,
  deepFrame,
  UNKNOWN_METHODS,
} from "./_fuzz_shapes.ts";

import type { FuzzFrame, FuzzTargets, LaneProfile } from "./_fuzz_contract.ts";

export { Rng } from "./_fuzz_values.ts";

const KINDS: readonly [string, number][] = [
  ["call", 30],
  ["batch", 7],
  ["field", 12],
  ["stop", 5],
  ["duplicate", 3],
  ["garbage", 4],
  ["truncated", 5],
  ["bad_json", 4],
  ["deep", 2],
  ["binary", 3],
  ["empty", 2],
  ["method", 4],
  ["id", 4],
  ["connection_params", 3],
  ["superjson", 8],
  ["ping", 2],
  ["huge", 2],
];
const TOTAL = KINDS.reduce((sum, [, weight]) => sum + weight, 0);

/** Makes one lane's frames. */
export class FrameMaker {
  #rng: Rng;
  #profile: LaneProfile;
  #targets: FuzzTargets;
  #lane: string;
  #next = 0;
  #subscriptions: string[] = [];

  constructor(
    rng: Rng,
    context: { lane: string; profile: LaneProfile; targets: FuzzTargets },
  ) {
    this.#rng = rng;
    this.#lane = context.lane;
    this.#profile = context.profile;
    // the admin could start the bots' game: it never learns its id
    this.#targets = context.profile.admin
      ? {
        get botGame() {
          return "g-0000";
        },
        get fuzzGames() {
          return context.targets.fuzzGames;
        },
      }
      : context.targets;
  }

  /** The next frame. */
  next(): FuzzFrame {
    let roll = this.#rng.int(TOTAL);
    for (const [kind, weight] of KINDS) {
      if ((roll -= weight) < 0) return this.#make(kind);
    }
    return this.#make("call");
  }

  /** A frame over the size limit (the server closes with 1009). */
  oversize(): FuzzFrame {
    const data = JSON.stringify({
      id: this.#freshId(),
      method: "query",
      params: {
        path: "system.ping",
        input: { json: "x".repeat(this.#profile.maxBytes) },
      },
    });
    return { kind: "oversize", data };
  }

  #freshId(): string {
    return `${this.#lane}-${this.#next++}`;
  }

  /** A well-formed call to a random procedure, input hostile or not. */
  #call(id: unknown): { message: Record<string, unknown>; type: string } {
    const rng = this.#rng;
    const [path, type] = rng.pick(PROCEDURES);
    const raw = rng.chance(0.6)
      ? inputFor(rng, path, this.#gameFor(path))
      : hostileInput(rng, this.#targets);
    const input = rng.chance(0.9) ? { json: raw } : raw;
    const params: Record<string, unknown> = { path, input };
    if (type === "subscription" && rng.chance(0.3)) {
      params.lastEventId = rng.pick(["1", "0", "t1-1", "-1", "99999", "abc"]);
    }
    if (type === "subscription" && typeof id === "string") {
      this.#subscriptions.push(id);
      if (this.#subscriptions.length > 20) this.#subscriptions.shift();
    }
    const message: Record<string, unknown> = { id, method: type, params };
    if (rng.chance(0.2)) message.jsonrpc = "2.0";
    return { message, type };
  }

  /** The game a call may target without disturbing the bots. */
  #gameFor(path: string): string {
    const { botGame, fuzzGames } = this.#targets;
    const rng = this.#rng;
    const safeForBots = [
      "game.state",
      "game.transcript",
      "game.events",
      "game.say",
      "game.vote",
      "game.act",
      "game.bid",
    ].includes(path) ||
      (path === "game.start" && !this.#profile.admin);
    if (safeForBots && !this.#profile.admin && rng.chance(0.4)) return botGame;
    if (fuzzGames.length > 0 && rng.chance(0.7)) return rng.pick(fuzzGames);
    return rng.pick(["g-0000", "g-zzzzzzzz", `g-${"a".repeat(32)}`, "g-AAAA"]);
  }

  #make(kind: string): FuzzFrame {
    const rng = this.#rng;
    switch (kind) {
      case "call": {
        const id = this.#freshId();
        const { message, type } = this.#call(id);
        const expects = type === "subscription" ? undefined : id;
        return {
          kind,
          data: JSON.stringify(message),
          ...(expects ? { expects } : {}),
        };
      }
      case "batch": {
        const size = rng.pick([0, 2, 3, 10, 101]);
        const repeat = rng.chance(0.3) ? this.#freshId() : null;
        const batch = Array.from(
          { length: size },
          () =>
            rng.chance(0.8)
              ? this.#call(repeat ?? this.#freshId()).message
              : hostileValue(rng),
        );
        return { kind, data: JSON.stringify(batch) };
      }
      case "field": {
        const { message } = this.#call(this.#freshId());
        const params = message.params as Record<string, unknown>;
        const field = rng.pick([
          "id",
          "jsonrpc",
          "method",
          "params",
          "path",
          "input",
          "lastEventId",
        ]);
        const value = hostileValue(rng);
        if (["path", "input", "lastEventId"].includes(field)) {
          params[field] = value;
        } else message[field] = value;
        return { kind, data: JSON.stringify(message) };
      }
      case "stop": {
        const id = rng.chance(0.5) && this.#subscriptions.length > 0
          ? rng.pick(this.#subscriptions)
          : rng.chance(0.5)
          ? this.#freshId()
          : hostileId(rng);
        const message: Record<string, unknown> = {
          id,
          method: "subscription.stop",
        };
        if (rng.chance(0.3)) message.params = hostileValue(rng);
        return { kind, data: JSON.stringify(message) };
      }
      case "duplicate": {
        const id = this.#subscriptions.length > 0
          ? rng.pick(this.#subscriptions)
          : this.#freshId();
        return { kind, data: JSON.stringify(this.#call(id).message) };
      }
      case "garbage":
        return { kind, data: hugeString(rng, 1 + rng.int(200)) };
      case "truncated": {
        const text = JSON.stringify(this.#call(this.#freshId()).message);
        return { kind, data: text.slice(0, rng.int(text.length)) };
      }
      case "bad_json":
        return {
          kind,
          data: rng.pick(BAD_JSON),
        };
      case "deep":
        return { kind, data: this.#deep() };
      case "binary": {
        const bytes = rng.chance(0.5)
          ? new TextEncoder().encode(
            JSON.stringify(this.#call(this.#freshId()).message),
          )
          : crypto.getRandomValues(new Uint8Array(rng.int(2000)));
        return { kind, data: bytes };
      }
      case "empty":
        return { kind, data: rng.pick(["", " ", "\n", "\t\r\n", "\u0000"]) };
      case "method": {
        const { message } = this.#call(this.#freshId());
        message.method = rng.pick(UNKNOWN_METHODS);
        return { kind, data: JSON.stringify(message) };
      }
      case "id":
        return {
          kind,
          data: JSON.stringify(this.#call(hostileId(rng)).message),
        };
      case "connection_params":
        return {
          kind,
          data: JSON.stringify({
            method: "connectionParams",
            data: rng.chance(0.5)
              ? {
                clientId: rng.pick(EDGE_STRINGS),
                clientType: "agent",
                token: "x",
              }
              : hostileValue(rng),
          }),
        };
      case "superjson":
        return { kind, data: JSON.stringify(this.#superjson()) };
      case "ping":
        return {
          kind,
          data: rng.pick(["PING", "PONG", "ping", "PING\n", " PING"]),
        };
      default: {
        const size = Math.floor(
          this.#profile.maxBytes * (0.5 + rng.float() * 0.4),
        );
        const { message } = this.#call(this.#freshId());
        const params = message.params as Record<string, unknown>;
        params.input = {
          json: objectWith([["gameId", this.#targets.botGame], [
            rng.pick(["text", "name", "message", "lastEventId"]),
            hugeString(rng, size / 3),
          ]]),
        };
        return { kind: "huge", data: JSON.stringify(message) };
      }
    }
  }

  /** 100,000 levels of nesting (when the frame limit allows), somewhere in a frame. */
  #deep(): string {
    const path = this.#rng.pick(PROCEDURES)[0];
    return deepFrame(this.#rng, {
      maxBytes: this.#profile.maxBytes,
      id: this.#freshId(),
      path,
    });
  }

  /** A superjson-shaped input with a meta that lies. */
  #superjson(): Record<string, unknown> {
    const rng = this.#rng;
    const [path, type] = rng.pick(PROCEDURES);
    const json = inputFor(rng, path, this.#gameFor(path));
    return {
      id: this.#freshId(),
      method: type,
      params: { path, input: { json, meta: bogusMeta(rng) } },
    };
  }
}
