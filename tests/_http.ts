/**
 * Shared readers for the HTTP tests: JSON GETs with status and content type,
 * `/stats` and `/health` bodies, and a wait until they describe exactly the
 * expected clients.
 * @module
 */
import assert from "node:assert/strict";
import type { HubMessage } from "../src/mod.ts";
import { type TestServer, waitFor } from "./_helpers.ts";

export type ClientType = "agent" | "ui" | "observer";
export type HubEvent = { id: string; data: HubMessage };
export type StatsBody = {
  total_clients: number;
  by_type: Record<ClientType, number>;
  clients: { client_id: string; type: ClientType; connected_at: number }[];
};
export type HealthBody = {
  status: string;
  uptime_s: number;
  total_clients: number;
  by_type: Record<ClientType, number>;
};

export const TYPES: readonly ClientType[] = ["agent", "ui", "observer"];

/** GETs `url` and parses the JSON body, with the status and content type. */
export async function getJson<T>(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; type: string | null; body: T }> {
  const response = await fetch(url, init);
  const body = await response.json() as T;
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body,
  };
}

export async function stats(httpUrl: string): Promise<StatsBody> {
  return (await getJson<StatsBody>(`${httpUrl}/stats`)).body;
}

export async function health(httpUrl: string): Promise<HealthBody> {
  return (await getJson<HealthBody>(`${httpUrl}/health`)).body;
}

export function countByType(
  types: readonly ClientType[],
): Record<ClientType, number> {
  const counts = { agent: 0, ui: 0, observer: 0 };
  for (const type of types) counts[type]++;
  return counts;
}

/** Waits for the hub to hold `expected.size` clients, then checks that
 * `/stats` and `/health` describe exactly `expected`. */
export async function expectConnected(
  server: TestServer,
  expected: Map<string, ClientType>,
  what: string,
): Promise<void> {
  const { httpUrl } = server;
  const byType = countByType([...expected.values()]);
  await waitFor(() => server.server.hub.size === expected.size, what, 10_000);
  const seen = await stats(httpUrl);
  assert.equal(seen.total_clients, expected.size);
  assert.deepEqual(seen.by_type, byType);
  assert.deepEqual(
    new Map(seen.clients.map((c) => [c.client_id, c.type])),
    expected,
  );
  assert.equal(seen.clients.length, expected.size);
  const report = await health(httpUrl);
  assert.equal(report.total_clients, expected.size);
  assert.deepEqual(report.by_type, byType);
}
