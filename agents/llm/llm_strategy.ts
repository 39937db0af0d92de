/**
 * The LLM strategy: renders the turn's prompt, asks the model, validates the
 * answer with zod and retries while the deadline allows. Model errors (429
 * with `retry-after`, 5xx, timeouts, no answer) wait with backoff; an invalid
 * answer is asked again with what was wrong. A safety margin before the
 * deadline it gives up and the agent sends the default moves itself, marked
 * with the failure's cause.
 * @module
 */
import { APIError } from "openai";
import { z } from "zod";
import type { PlayerId } from "../../src/mod.ts";
import type { Strategy, TurnContext } from "../agent_loop.ts";
import { random } from "../bot_memory.ts";
import {
  type Answer,
  defaultMoves,
  type Failure,
  type Usage,
} from "../moves.ts";
import { answerSpec, jsonSchemaOf } from "./answer_schema.ts";
import { callModel, InvalidOutput, type ModelConfig } from "./model_call.ts";
import { type RecordMode, renderPrompt } from "./prompt.ts";

/** Options of {@linkcode llmStrategy}. */
export interface LlmOptions extends ModelConfig {
  /** Extra system text. */
  persona?: string;
  /**
   * How prompts render the record (default `compact`: older speech
   * digested; `full`: the whole log in every prompt).
   */
  record?: RecordMode;
  /** The clock, epoch ms (default `Date.now`). */
  now?: () => number;
  /** Waits `ms` (default a timer). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Milliseconds before the deadline at which the agent stops asking and
   * sends the default (default: 15% of the turn's time, 50 to 2,000 ms).
   */
  marginMs?: number;
  /** Seeds the default target of powers that cannot pass (default 1). */
  seed?: number;
}

/** The shortest request worth making, in ms. */
const MIN_CALL_MS = 20;

/** The margin of a turn: see {@linkcode LlmOptions.marginMs}. */
function marginOf(context: TurnContext, options: LlmOptions): number {
  if (options.marginMs !== undefined) return options.marginMs;
  const span = context.turn.deadline - context.turn.at;
  return Math.min(2000, Math.max(50, span * 0.15));
}

/** How long to wait after `error` on attempt `attempt`, in ms. */
function backoff(error: unknown, attempt: number): number {
  if (error instanceof APIError && error.headers) {
    const ms = error.headers.get("retry-after-ms");
    const seconds = error.headers.get("retry-after");
    const after = ms !== null
      ? Number(ms)
      : seconds !== null
      ? Number(seconds) * 1000
      : NaN;
    if (Number.isFinite(after) && after >= 0) return after;
  }
  return Math.min(100 * 2 ** attempt, 2000);
}

/** Whether retrying cannot help (a bad request, a wrong key, no model). */
function final(error: unknown): boolean {
  return error instanceof APIError && error.status !== undefined &&
    [400, 401, 403, 404, 422].includes(error.status);
}

function add(total: Usage | undefined, usage: Usage): Usage {
  if (total === undefined) return usage;
  return {
    model: usage.model,
    promptTokens: total.promptTokens + usage.promptTokens,
    completionTokens: total.completionTokens + usage.completionTokens,
    latencyMs: total.latencyMs + usage.latencyMs,
  };
}

/** A strategy that asks the model of `options` on every turn. */
export function llmStrategy(options: LlmOptions): Strategy {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ??
    ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const rand = random(options.seed ?? 1);
  const pick = (ids: readonly PlayerId[]) =>
    ids[Math.floor(rand() * ids.length)];
  const fallback = (context: TurnContext) => defaultMoves(context.turn, pick);

  async function answer(context: TurnContext): Promise<Answer> {
    const spec = answerSpec(context.turn, context.events);
    const stop = context.turn.deadline - marginOf(context, options);
    const schemaText = options.mode === "prompt"
      ? JSON.stringify(jsonSchemaOf(spec.schema))
      : undefined;
    const notes: string[] = [];
    let failed: Failure = "model_error";
    let usage: Usage | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      const left = stop - now();
      if (left < MIN_CALL_MS) break;
      const messages = renderPrompt(context, {
        ...(options.persona ? { persona: options.persona } : {}),
        notes,
        ...(schemaText ? { schemaText } : {}),
        ...(options.record ? { record: options.record } : {}),
        now: now(),
      });
      try {
        const reply = await callModel(options, {
          messages,
          spec,
          timeoutMs: left,
        });
        usage = add(usage, reply.usage);
        const parsed = spec.schema.safeParse(reply.value);
        if (parsed.success) {
          const value = parsed.data as Record<string, unknown>;
          return {
            moves: spec.toMoves(value),
            reasoning: String(value.reasoning ?? ""),
            usage,
          };
        }
        failed = "invalid_output";
        notes.splice(
          0,
          notes.length,
          `Your last answer was invalid: ${z.prettifyError(parsed.error)}`,
        );
      } catch (error) {
        if (error instanceof InvalidOutput) {
          if (error.usage) usage = add(usage, error.usage);
          failed = "invalid_output";
          notes.splice(
            0,
            notes.length,
            `Your last answer was invalid: ${error.message}.`,
          );
          continue;
        }
        failed = "model_error";
        if (final(error)) break;
        const wait = backoff(error, attempt);
        if (now() + wait + MIN_CALL_MS > stop) break;
        await sleep(wait);
      }
    }
    return { moves: fallback(context), failed, ...(usage ? { usage } : {}) };
  }

  return { answer, fallback };
}
