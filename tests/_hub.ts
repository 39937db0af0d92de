/**
 * Fixtures for the hub's unit tests: a hub on an injected clock, fake transport
 * handles, subscribers that read their welcome, and readers that fail after a
 * timeout instead of hanging.
 * @module
 */
import assert from "node:assert/strict";
import { type ClientType, type HubMessage } from "../src/contract/mod.ts";
import {
  type Connection,
  type ConnectionHandle,
  Hub,
  type HubDelivery,
  type HubOptions,
} from "../src/hub/mod.ts";

export const T0 = 1_700_000_000_000;

/** A fake transport handle that records how it was closed. */
export class FakeHandle implements ConnectionHandle {
  closes: { code: number; reason: string }[] = [];
  close(code: number, reason: string): void {
    this.closes.push({ code, reason });
  }
}

export type Deliveries = AsyncGenerator<HubDelivery, void, undefined>;

/** A hub with an injected clock (`clock.now`, epoch ms). */
export function makeHub(
  options: HubOptions = {},
): { hub: Hub; clock: { now: number } } {
  const clock = { now: T0 };
  const hub = new Hub({ now: () => clock.now, bootId: "t1", ...options });
  return { hub, clock };
}

/** `gen.next()`, failing after `ms` instead of hanging; the timer is cleared. */
export async function pull<T>(
  gen: AsyncGenerator<T, void, undefined>,
  ms = 1000,
): Promise<IteratorResult<T, void>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no item within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([gen.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The next delivery; fails when the generator is done. */
export async function pullItem(gen: Deliveries): Promise<HubDelivery> {
  const result = await pull(gen);
  assert.equal(result.done, false, "expected a delivery, got done");
  return result.value as HubDelivery;
}

/** An `agent_message` whose text is the label used to recognise it. */
export function say(text: string): HubMessage {
  return {
    message_type: "agent_message",
    client_id: "game_master",
    timestamp: 1,
    agent_name: "GM",
    message_text: text,
  };
}

/** A short label for a message: the text of an agent_message, else type:id. */
export function label(message: HubMessage): string {
  return message.message_type === "agent_message"
    ? message.message_text
    : `${message.message_type}:${message.client_id}`;
}

export const END = "__end__";

/**
 * Reads until the `END` sentinel (which the test routes to everyone last)
 * and returns the labels before it: exactly what was queued in between.
 */
export async function readUntilEnd(gen: Deliveries): Promise<string[]> {
  const labels: string[] = [];
  for (let i = 0; i < 100; i++) {
    const { message } = await pullItem(gen);
    const text = label(message);
    if (text === END) return labels;
    labels.push(text);
  }
  throw new Error("no sentinel within 100 deliveries");
}

export interface Subscriber {
  conn: Connection;
  handle: FakeHandle;
  gen: Deliveries;
  welcome: HubDelivery;
}

/** Connects and subscribes a client, and reads its welcome. */
export async function join(
  hub: Hub,
  clientId: string,
  clientType: ClientType,
  options: { lastEventId?: string; signal?: AbortSignal; presence?: boolean } =
    {},
): Promise<Subscriber> {
  const handle = new FakeHandle();
  const conn = hub.connect(
    { client_id: clientId, client_type: clientType },
    handle,
  );
  const gen = hub.subscribe(conn, options);
  const welcome = await pullItem(gen);
  return { conn, handle, gen, welcome };
}

/**
 * Four clients connected first, then subscribed, each with presence (as
 * the original hub sent it to all): nothing queued yet.
 */
export async function fourClients(options: HubOptions = {}) {
  const { hub, clock } = makeHub(options);
  const who: [string, ClientType][] = [
    ["a1", "agent"],
    ["a2", "agent"],
    ["u1", "ui"],
    ["o1", "observer"],
  ];
  const handles = new Map<string, FakeHandle>();
  const conns = new Map<string, Connection>();
  for (const [id, type] of who) {
    const handle = new FakeHandle();
    handles.set(id, handle);
    conns.set(id, hub.connect({ client_id: id, client_type: type }, handle));
  }
  const subs = new Map<string, Subscriber>();
  for (const [id] of who) {
    const conn = conns.get(id) as Connection;
    const gen = hub.subscribe(conn, { presence: true });
    const welcome = await pullItem(gen);
    subs.set(id, { conn, handle: handles.get(id) as FakeHandle, gen, welcome });
  }
  return {
    hub,
    clock,
    subs,
    sub(id: string): Subscriber {
      const s = subs.get(id);
      if (s === undefined) throw new Error(`no subscriber ${id}`);
      return s;
    },
    /** What each subscriber got up to the sentinel. */
    async received(): Promise<Record<string, string[]>> {
      hub.route(say(END));
      const out: Record<string, string[]> = {};
      for (const [id, s] of subs) out[id] = await readUntilEnd(s.gen);
      return out;
    },
    async [Symbol.asyncDispose]() {
      for (const s of subs.values()) await s.gen.return();
    },
  };
}
