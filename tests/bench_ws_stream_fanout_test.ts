import assert from "node:assert/strict";
import { runRound } from "../bench/ws_stream_fanout.ts";

Deno.test("bench ws_stream_fanout: a WebSocket on a taken node:net socket and one of Deno.serve each deliver every message to every subscriber", async () => {
  for (const mode of ["socket", "serve"] as const) {
    const result = await runRound(mode, {
      subscribers: 20,
      messages: 10,
      window: 2,
      cpu: false, // /proc of another process is not readable here
    });
    assert.equal(result.mode, mode);
    assert.ok(result.deliveries_per_s > 0, mode);
    assert.ok(result.p99_ms >= result.p50_ms, mode);
    assert.equal(result.server_cpu_us_per_delivery, null, mode);
  }
});
