/**
 * The operator's view (`admin.overview`, `admin.closeClient`): the live
 * connections ({@linkcode LiveClients}), the calls per bucket
 * ({@linkcode CallRing}) and, read from the server's prom-client registry
 * (the counters `GET /metrics` renders, so both tell the same numbers),
 * connections by protocol and type, games by status, calls by code and
 * slow consumers cut.
 * @module
 */
import type { Registry } from "prom-client";
import type { AppContext, ContextRequest, OperatorDesk } from "../api/mod.ts";
import {
  type Overview,
  OVERVIEW_CLIENTS_MAX,
  RATE_BUCKET_S,
} from "../contract/mod.ts";
import type { WSObserver } from "../ws/ws_options.ts";
import { CallRing, type CodeTotals } from "./_call_ring.ts";
import { LiveClients } from "./_live_clients.ts";
import type { HttpStream } from "./_trpc_http.ts";
import { METRICS } from "./metric_table.ts";
import { afterContext, socketProtocol } from "./metrics.ts";

/** Options of {@linkcode ServerDesk}. */
export interface ServerDeskOptions {
  /** The registry of `GET /metrics` (`ServerMetrics.registry`). */
  registry: Registry;
  /** The router's paths. */
  procedures: ReadonlySet<string>;
  /** The clock, epoch ms. Default `Date.now`. */
  now?: () => number;
}

type Series = { value: number; labels: Record<string, string | number> };

/** The server's {@linkcode OperatorDesk}; `start` its bucket timer, `close` it. */
export class ServerDesk implements OperatorDesk {
  readonly #clients: LiveClients;
  readonly #registry: Registry;
  readonly #now: () => number;
  readonly #ring: CallRing;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(opts: ServerDeskOptions) {
    this.#registry = opts.registry;
    this.#now = opts.now ?? Date.now;
    this.#clients = new LiveClients(opts.procedures, this.#now);
    this.#ring = new CallRing(this.#now(), new Map()); // the counter starts at 0
  }

  /** Closes a bucket of the calls' ring every {@linkcode RATE_BUCKET_S} s. */
  start(): void {
    this.#timer ??= setInterval(() => {
      this.#callTotals().then((totals) => this.#ring.roll(this.#now(), totals))
        .catch(() => {}); // the registry is in memory: nothing to fail on
    }, RATE_BUCKET_S * 1000);
  }

  /** Stops the timer (on shutdown). */
  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** `create`, registering each WebSocket's connection until it closes. */
  trackedContexts(
    create: (request: ContextRequest) => AppContext | Promise<AppContext>,
  ): (request: ContextRequest) => AppContext | Promise<AppContext> {
    const tracked = (request: ContextRequest, ctx: AppContext) => {
      if (request.socket !== undefined) {
        this.#clients.addSocket(request.socket, {
          protocol: socketProtocol(request),
          ctx,
          address: request.remoteAddress ?? "",
        });
      }
      return ctx;
    };
    return (request) =>
      afterContext(create(request), (ctx) => tracked(request, ctx));
  }

  /** Registers an SSE stream; returns what removes it. */
  stream(stream: HttpStream): () => void {
    return this.#clients.addStream(stream);
  }

  /** `inner`, noting each call on its connection. */
  observe(inner: WSObserver): WSObserver {
    return this.#clients.observe(inner);
  }

  closeClient(clientId: string, reason: string): number {
    return this.#clients.close(clientId, reason);
  }

  async overview(): Promise<Overview> {
    const now = this.#now();
    const totals = await this.#callTotals();
    const connections = (await this.#series(METRICS.connections.name))
      .filter((s) => s.value > 0)
      .map((s) => ({
        protocol: String(s.labels["protocol"]),
        clientType: String(s.labels["client_type"]),
        count: s.value,
      }));
    const games: Record<string, number> = {};
    for (const s of await this.#series(METRICS.games.name)) {
      const status = String(s.labels["status"]);
      games[status] = (games[status] ?? 0) + s.value;
    }
    const slow = await this.#series(METRICS.slowConsumers.name);
    return {
      at: now,
      connections,
      games,
      calls: {
        bucketS: RATE_BUCKET_S,
        total: [...totals.values()].reduce((a, b) => a + b, 0),
        byCode: Object.fromEntries(totals),
        buckets: this.#ring.buckets(now, totals),
      },
      slowConsumers: {
        total: slow.reduce((sum, s) => sum + s.value, 0),
        recent: [...this.#clients.recentSlow],
      },
      clients: {
        total: this.#clients.size,
        list: this.#clients.list(OVERVIEW_CLIENTS_MAX),
      },
    };
  }

  /** `loupgarou_calls_total` summed by code. */
  async #callTotals(): Promise<CodeTotals> {
    const totals = new Map<string, number>();
    for (const s of await this.#series(METRICS.calls.name)) {
      const code = String(s.labels["code"]);
      totals.set(code, (totals.get(code) ?? 0) + s.value);
    }
    return totals;
  }

  async #series(name: string): Promise<Series[]> {
    const metric = this.#registry.getSingleMetric(name);
    if (metric === undefined) return [];
    return (await metric.get()).values as Series[];
  }
}
