/**
 * What the server's per-call bookkeeping costs, alone and in nanoseconds:
 * the metrics' observer (`ServerMetrics`) against the same observer inside
 * the operator's registry of live connections (`LiveClients`, the socket
 * registered as `startServer` registers it), one query call each
 * (`call(...)` then `answered(null)`), as the adapter makes them, taking
 * turns in batches of 200,000 calls, the best of 20 batches of each. Run
 * with `deno run bench/observer_cost.ts`: a steadier figure than a whole
 * server's CPU per call on a shared machine.
 * @module
 */
import {
  LiveClients,
  ServerMetrics,
  type WSHandle,
} from "../src/server/mod.ts";

const procedures = new Set(["echo", "count"]);
const socket: WSHandle = { close() {}, onClose() {} };
const metrics = new ServerMetrics(procedures).wsObserver("trpc_ws");
const live = new LiveClients(procedures, Date.now);
live.addSocket(socket, {
  protocol: "trpc_ws",
  ctx: {
    who: { client_id: "bench", client_type: "agent" },
    seats: new Map(),
    watching: new Map(),
  },
  address: "127.0.0.1",
});
const withRegistry = live.observe(
  new ServerMetrics(procedures).wsObserver("trpc_ws"),
);
const info = { path: "echo", type: "query", socket };

/** ns per call of `observer`, over `n` calls. */
function nsPerCall(observer: typeof metrics, n: number): number {
  const started = performance.now();
  for (let i = 0; i < n; i++) observer.call?.(info)?.answered(null);
  return ((performance.now() - started) * 1e6) / n;
}

if (import.meta.main) {
  // taking turns, batch after batch; the best batch of each (the least disturbed)
  const best = { metrics: Infinity, registry: Infinity };
  for (let batch = 0; batch < 20; batch++) {
    best.metrics = Math.min(best.metrics, nsPerCall(metrics, 200_000));
    best.registry = Math.min(best.registry, nsPerCall(withRegistry, 200_000));
  }
  console.log(JSON.stringify({
    metrics_ns_per_call: Math.round(best.metrics),
    with_registry_ns_per_call: Math.round(best.registry),
    added_ns_per_call: Math.round(best.registry - best.metrics),
  }));
}
