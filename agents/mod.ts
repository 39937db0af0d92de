/**
 * Agents that play Loup-Garou over the typed contract: one agent loop
 * ({@linkcode runAgent}), the scripted baseline ({@linkcode runBot}) and the
 * language-model driver ({@linkcode runLlmAgent}). Client code: it imports
 * only `src/mod.ts`, the tRPC client and its npm packages.
 * @module
 */
export {
  type AgentOptions,
  type AgentResult,
  runAgent,
  type Strategy,
  type TurnContext,
  type TurnRecord,
} from "./agent_loop.ts";
export { type BotOptions, type BotResult, runBot } from "./bot_agent.ts";
export { botStrategy } from "./bot_strategy.ts";
export { randomStrategy } from "./random_strategy.ts";
export {
  type ChildServer,
  type ChildServerOptions,
  startChildServer,
} from "./cli/_server_child.ts";
export {
  type LlmAgentOptions,
  type ModelAccess,
  openModel,
  runLlmAgent,
} from "./llm_agent.ts";
export { type LlmOptions, llmStrategy } from "./llm/llm_strategy.ts";
export { OUTPUT_MODES, type OutputMode } from "./llm/model_call.ts";
export {
  type PromptOptions,
  RECORD_MODES,
  type RecordMode,
  renderPrompt,
} from "./llm/prompt.ts";
export type { Answer, Failure, Move, Usage } from "./moves.ts";
