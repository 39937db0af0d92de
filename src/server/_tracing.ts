/**
 * The server's OpenTelemetry spans, with `@opentelemetry/api` (Deno's
 * built-in OpenTelemetry, `OTEL_DENO=true`, registers the tracer provider
 * that exports them): one span per tRPC WebSocket call, and one per game
 * command with a child span for each of its steps (decide, commit,
 * fan-out). Installed only when `OTEL_DENO=true`, so that no span is made
 * otherwise.
 * @module
 */
import {
  context,
  ROOT_CONTEXT,
  type Span,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import type { CommandTrace, GameObserver } from "../game/mod.ts";
import type { WSObserver } from "../ws/ws_options.ts";

const TRACER = "loup-garou";

/**
 * The call spans not answered yet. A span stays "recording" after its end
 * in Deno, and what a call starts (a house bot's turn, a deadline's timer)
 * runs later in its context: a command is made a child only of a call still
 * running, so that a whole game does not hang under the call that created
 * it.
 */
const RUNNING = new WeakSet<Span>();

/**
 * The observer that makes a span per WebSocket call, named
 * `trpc <procedure>` (`unknown` for a path the router lacks), with
 * `rpc.system` trpc, `rpc.method`, `trpc.type` and `trpc.code` (OK or the
 * error code); an error code sets the span's status to error. The
 * procedure runs in the span's context: the spans it makes (a game
 * command's) are its children.
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
      const within = trace.setSpan(context.active(), span);
      RUNNING.add(span);
      return {
        answered(code) {
          RUNNING.delete(span);
          span.setAttribute("trpc.code", code ?? "OK");
          if (code !== null) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
        run: (procedure) => context.with(within, procedure),
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
      // a child of the WebSocket call that made it while that call runs
      // (see RUNNING); else a trace of its own
      const caller = trace.getSpan(context.active());
      const parent = tracer.startSpan(
        "game.command",
        { attributes: { "game.id": gameId, "game.command": command } },
        caller !== undefined && RUNNING.has(caller)
          ? context.active()
          : ROOT_CONTEXT,
      );
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

/**
 * `first`, its calls also told to `second` (whose other methods are not
 * used); a call's procedure runs in `second`'s `run` (else `first`'s).
 */
export function bothWS(first: WSObserver, second: WSObserver): WSObserver {
  return {
    ...first,
    call(call) {
      const a = first.call?.(call);
      const b = second.call?.(call);
      if (a === undefined || b === undefined) return a ?? b;
      return {
        answered(code) {
          a.answered(code);
          b.answered(code);
        },
        ended() {
          a.ended?.();
          b.ended?.();
        },
        ...(b.run ? { run: b.run } : a.run ? { run: a.run } : {}),
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
