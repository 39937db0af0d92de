/**
 * The server's Prometheus metrics: one prom-client registry per server
 * (never the global one, so that servers in one process do not collide),
 * with the default process metrics and every metric of `metric_table.ts`,
 * fed by the adapter's and the game service's observers and read at scrape
 * time from the games and the hub. Only `src/server/` imports prom-client.
 * @module
 */
import { collectDefaultMetrics, type Counter, Registry } from "prom-client";
import type { AppContext, ContextRequest } from "../api/mod.ts";
import type { Protocol } from "../contract/mod.ts";
import type { GameObserver, GameService } from "../game/mod.ts";
import { CLOSE_SLOW_CONSUMER, type Hub } from "../hub/mod.ts";
import type { WSObserver } from "../ws/ws_options.ts";
import { METRIC_PREFIX } from "./metric_table.ts";
import type { HistogramSeries, PlainHistogram } from "./_plain_histogram.ts";
import { clusterCollectors } from "./_cluster_metrics.ts";
import type { Census } from "./_cluster_reports.ts";
import {
  type Collect,
  type Collectors,
  makeCollectors,
} from "./_metrics_collectors.ts";
import { afterContext, socketProtocol } from "./_metrics_context.ts";

export type { Protocol } from "../contract/mod.ts";
export { afterContext, socketProtocol } from "./_metrics_context.ts";

/** The limits `loupgarou_refused_total` counts. */
export type RefusedLimit =
  | "frame_size"
  | "rate"
  | "subscriptions"
  | "per_address"
  | "http_rate"
  | "games_in_play";

/** One procedure's calls: answers by code, and its latency histogram. */
interface CallRecord {
  codes: Map<string, number>;
  seconds: HistogramSeries;
}

/** What the gauges read when scraped. */
export interface MetricSources {
  games: GameService;
  hub: Hub;
  /** The cluster's instances and games (with Redis); undefined: alone. */
  census?: Census | undefined;
}

/** The metrics of one server and the observers that feed them. */
export class ServerMetrics {
  /** The registry `GET /metrics` renders. */
  readonly registry: Registry = new Registry();
  #m: Collectors;
  #procedures: ReadonlySet<string>;
  /**
   * What the hot paths count in plain numbers, which the counters read
   * when scraped (prom-client hashes the labels at each increment).
   */
  #calls = new Map<string, CallRecord>();
  #traffic = new Map<string, { delivered: number; sent: number }>();
  readonly #game: GameObserver;
  #sources: MetricSources | null = null;

  /** `procedures`: the router's paths; any other is counted as `unknown`. */
  constructor(procedures: ReadonlySet<string>) {
    collectDefaultMetrics({
      register: this.registry,
      prefix: METRIC_PREFIX,
      // Deno runs the event-loop delay monitor on a timer of this period:
      // at prom-client's 10 ms it cost about 1% of a core on an idle server
      eventLoopMonitoringPrecision: 1000,
    });
    this.#procedures = procedures;
    const sources = () => this.#sources;
    // the metrics read when scraped
    const collect: Record<string, Collect> = {
      ...clusterCollectors(() => sources()?.census),
      games(gauge) {
        gauge.reset();
        for (const row of sources()?.games.census().games ?? []) {
          gauge.set({ status: row.status, phase: row.phase }, row.count);
        }
      },
      eventLog: (gauge) => gauge.set(sources()?.games.census().events ?? 0),
      hubHistory: (gauge) => gauge.set(sources()?.hub.historySize ?? 0),
      calls: (counter) => {
        counter.reset();
        for (const [procedure, record] of this.#calls) {
          for (const [code, count] of record.codes) {
            counter.inc({ procedure, code }, count);
          }
        }
      },
      deliveries: (counter) => this.#readTraffic(counter, "delivered"),
      sentBytes: (counter) => this.#readTraffic(counter, "sent"),
    };
    this.#m = makeCollectors(this.registry, collect);
    this.#game = this.#gameObserver();
  }

  /** From now on the gauges read these when scraped (before: 0). */
  readFrom(sources: MetricSources): void {
    this.#sources = sources;
  }

  /** The observer of a WebSocket transport. */
  wsObserver(protocol: "trpc_ws" | "legacy_ws"): WSObserver {
    const m = this.#m;
    const opened = m.opened.labels(protocol);
    const openWait = (m.openWait as PlainHistogram).series(protocol);
    const slow = m.slowConsumers.labels(protocol);
    const traffic = { delivered: 0, sent: 0 };
    this.#traffic.set(protocol, traffic);
    return {
      opened: (waitedMs) => {
        opened.inc();
        openWait.observe(waitedMs / 1000);
      },
      closed: (code, by) => {
        m.closed.labels(protocol, String(code)).inc();
        if (code === CLOSE_SLOW_CONSUMER && by === "server") slow.inc();
      },
      call: ({ path }) => this.callProbe(path),
      delivered: () => traffic.delivered++,
      sent: (bytes) => traffic.sent += bytes,
      refused: (limit) => this.refused(limit),
    };
  }

  /**
   * Starts timing a call of `path` (any transport); its `answered` counts
   * it in `loupgarou_calls_total` and `loupgarou_call_duration_seconds`.
   */
  callProbe(path: string): { answered(code: string | null): void } {
    const record = this.#callRecord(path);
    const started = performance.now();
    return {
      answered(code) {
        record.seconds.observe((performance.now() - started) / 1000);
        const key = code ?? "OK";
        record.codes.set(key, (record.codes.get(key) ?? 0) + 1);
      },
    };
  }

  /** The game service's observer. */
  get gameObserver(): GameObserver {
    return this.#game;
  }

  /** Counts a refusal by `limit`. */
  refused(limit: RefusedLimit): void {
    this.#m.refused.labels(limit).inc();
  }

  /** Counts an open connection in; returns what counts it out (once). */
  connection(protocol: Protocol, clientType: string): () => void {
    const gauge = this.#m.connections.labels(protocol, clientType);
    gauge.inc();
    let open = true;
    return () => {
      if (open) gauge.dec();
      open = false;
    };
  }

  /**
   * `create`, counting each WebSocket connection it makes a context for
   * in `loupgarou_connections` until its socket closes (the original
   * protocol's come by `/ws/`).
   */
  countedContexts(
    create: (request: ContextRequest) => AppContext | Promise<AppContext>,
  ): (request: ContextRequest) => AppContext | Promise<AppContext> {
    const counted = (request: ContextRequest, ctx: AppContext) => {
      const socket = request.socket;
      if (socket !== undefined) {
        const done = this.connection(
          socketProtocol(request),
          ctx.who.client_type,
        );
        socket.onClose(done);
      }
      return ctx;
    };
    return (request) =>
      afterContext(create(request), (ctx) => counted(request, ctx));
  }

  /** The Prometheus text of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  /** The content type of {@linkcode scrape}'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  #gameObserver(): GameObserver {
    const m = this.#m;
    return {
      command: (command, outcome) => m.commands.labels(command, outcome).inc(),
      defaulted: (cause) => m.defaults.labels(cause).inc(),
      ended: () => m.gamesEnded.inc(),
      gameRefused: () => m.refused.labels("games_in_play").inc(),
      tournamentGame: (event) => m.tournamentGames.labels(event).inc(),
      committed: (batches, ms) => {
        m.commitGroup.observe(batches);
        m.commitSeconds.observe(ms / 1000);
      },
    };
  }

  /** The record of `path`'s calls (`unknown` for a path the router lacks). */
  #callRecord(path: string): CallRecord {
    const procedure = this.#procedures.has(path) ? path : "unknown";
    let record = this.#calls.get(procedure);
    if (record === undefined) {
      record = {
        codes: new Map(),
        seconds: (this.#m.callSeconds as PlainHistogram).series(procedure),
      };
      this.#calls.set(procedure, record);
    }
    return record;
  }

  #readTraffic(counter: Counter, field: "delivered" | "sent"): void {
    counter.reset();
    for (const [protocol, traffic] of this.#traffic) {
      counter.inc({ protocol }, traffic[field]);
    }
  }
}
