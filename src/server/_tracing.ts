/**
 * The server's OpenTelemetry spans, with `@opentelemetry/api` (Deno's
 * built-in OpenTelemetry, `OTEL_DENO=true`, registers the tracer provider
 * that exports them): one span per tRPC WebSocket call, and one per game
 * command with a child span for each of its steps (decide, commit,
 * fan-out). Installed only when `OTEL_DENO=true`, so that no span is made
 * otherwise.
 * @module
 */
import { context, type Span, SpanStatusCode, trace } from "@opentelemetry/api";
import type { CommandTrace, GameObserver } from "../game/mod.ts";
import type { WSObserver } from "../ws/ws_options.ts";

const TRACER = "loup-garou";

/**
 * The observer that makes a span per WebSocket call, named
 * `trpc <procedure>` (`unknown` for a path the router lacks), with
 * `rpc.system` trpc, `rpc.method`, `trpc.type` and `trpc.code` (OK or the
 * error code); an error code sets the span's status to error.
 */
export function tracingWSObserver(
  procedures: ReadonlySet<string>,
  protocol: string,
): WSObserver {
  const tracer = trace.getTracer(TRACER);
  return {
    call({ path, type }) {
      const procedure = procedures.has(path) ? path : "unknown";
      const span = tracer.startSpan(`trpc ${procedure}`, {
        attributes: {
          "rpc.system": "trpc",
          "rpc.method": procedure,
          "trpc.type": type,
          "network.protocol.name": protocol,
        },
      });
      return (code) => {
        span.setAttribute("trpc.code", code ?? "OK");
        if (code !== null) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
    },
  };
}

/**
 * The observer that makes a `game.command` span per command (`game.id`,
 * `game.command`, and at its end `game.outcome`: applied or the refusal's
 * code) with children `game.decide`, `game.commit` and `game.fan_out`.
 */
export function tracingGameObserver(): GameObserver {
  const tracer = trace.getTracer(TRACER);
  return {
    trace(gameId, command): CommandTrace {
      const parent = tracer.startSpan("game.command", {
        attributes: { "game.id": gameId, "game.command": command },
      });
      const within = trace.setSpan(context.active(), parent);
      let step: Span | null = null;
      return {
        step(name) {
          step?.end();
          step = tracer.startSpan(`game.${name}`, {}, within);
        },
        end(outcome) {
          step?.end();
          parent.setAttribute("game.outcome", outcome);
          if (outcome !== "applied") {
            parent.setStatus({ code: SpanStatusCode.ERROR });
          }
          parent.end();
        },
      };
    },
  };
}

/** `first`, its calls also told to `second` (whose other methods are not used). */
export function bothWS(first: WSObserver, second: WSObserver): WSObserver {
  return {
    ...first,
    call(call) {
      const a = first.call?.(call);
      const b = second.call?.(call);
      return (code) => {
        a?.(code);
        b?.(code);
      };
    },
  };
}

/** `metrics` with `tracing`'s command traces. */
export function bothGame(
  metrics: GameObserver,
  tracing: GameObserver,
): GameObserver {
  return { ...metrics, ...(tracing.trace ? { trace: tracing.trace } : {}) };
}
