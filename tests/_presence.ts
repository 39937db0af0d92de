/**
 * Shared readers for the hub-over-sockets tests: `/stats`, a `hub.events`
 * listener, the error a call rejects with, raw error frames, and the presence
 * messages about a client.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter, HubMessage } from "../src/mod.ts";
import { Collector, type TestClient } from "./_helpers.ts";

export type HubEvent = { id: string; data: HubMessage };
export type StatsBody = {
  total_clients: number;
  by_type: Record<"agent" | "ui" | "observer", number>;
  clients: { client_id: string; type: string; connected_at: number }[];
};

/** `GET /stats`, parsed. */
export async function stats(httpUrl: string): Promise<StatsBody> {
  const response = await fetch(`${httpUrl}/stats`);
  return await response.json() as StatsBody;
}

/** Subscribes `client` to `hub.events`; `using` unsubscribes. */
export function listen(client: TestClient): Collector<HubEvent> & Disposable {
  const events = new Collector<HubEvent>();
  const sub = client.trpc.hub.events.subscribe(undefined, {
    onData: events.push,
  });
  return Object.assign(events, {
    [Symbol.dispose]: () => sub.unsubscribe(),
  });
}

/** The TRPCClientError `promise` rejects with (fails if it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<TRPCClientError<AppRouter>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TRPCClientError, `not a TRPCClientError`);
    return error as TRPCClientError<AppRouter>;
  }
  assert.fail("expected a rejection");
}

/** The error shape of a raw tRPC error frame (superjson on the wire). */
export function errorOf(
  frame: Record<string, unknown>,
): { message: string; code: number; data: { code: string } } {
  assert.ok("error" in frame, `not an error frame: ${JSON.stringify(frame)}`);
  return superjson.deserialize(
    frame["error"] as Parameters<typeof superjson.deserialize>[0],
  );
}

/** The events of message `type` about client `id`. */
export function presenceOf(
  events: readonly HubEvent[],
  type: string,
  id: string,
): HubEvent[] {
  return events.filter((e) =>
    e.data.message_type === type && e.data.client_id === id
  );
}

/** The `connection` messages about `id`, alone or in a `presence_diff`. */
export function joinsOf(events: readonly HubEvent[], id: string) {
  return events.flatMap((e) =>
    e.data.message_type === "presence_diff"
      ? e.data.data.joins
      : e.data.message_type === "connection"
      ? [e.data]
      : []
  ).filter((m) => m.client_id === id);
}
