/**
 * An agent played by a language model: {@linkcode llmStrategy} through the
 * shared agent loop, with the official `openai` client at `baseUrl`
 * (default: the SDK's own `OPENAI_BASE_URL`) and its own deadline-aware
 * retries (the SDK's are off: `maxRetries: 0`).
 * @module
 */
import OpenAI from "openai";
import { type AgentOptions, type AgentResult, runAgent } from "./agent_loop.ts";
import { type LlmOptions, llmStrategy } from "./llm/llm_strategy.ts";

/** Options of {@linkcode openModel}. */
export interface ModelAccess {
  /** The API's base URL, e.g. `http://localhost:11434/v1`. */
  baseUrl?: string;
  /** The API key (local servers accept any). */
  apiKey?: string;
}

/** The `openai` client for `access`, with the SDK's retries off. */
export function openModel(access: ModelAccess): OpenAI {
  return new OpenAI({
    ...(access.baseUrl ? { baseURL: access.baseUrl } : {}),
    apiKey: access.apiKey ?? "none",
    maxRetries: 0,
  });
}

/** Options of {@linkcode runLlmAgent}. */
export interface LlmAgentOptions
  extends Omit<AgentOptions, "strategy">, Omit<LlmOptions, "client"> {
  /** The model's API; or `client` to share one. */
  access?: ModelAccess;
  client?: OpenAI;
}

/** Joins `gameId` with a model choosing every move, and plays to the end. */
export function runLlmAgent(options: LlmAgentOptions): Promise<AgentResult> {
  const client = options.client ?? openModel(options.access ?? {});
  return runAgent({
    ...options,
    strategy: llmStrategy({ ...options, client }),
  });
}
