/**
 * One chat completion in one of the three output modes, with the official
 * `openai` client: `json_schema` (strict `response_format`), `tools` (one
 * tool per action, a call required) or `prompt` (the schema in the prompt, a
 * fenced JSON block extracted from the reply). It returns the answer's raw
 * value (not validated yet) and what the call cost.
 * @module
 */
import type OpenAI from "openai";
import type { Usage } from "../moves.ts";
import {
  type AnswerSpec,
  jsonSchemaOf,
  type ToolCall,
} from "./answer_schema.ts";
import type { ChatMessage } from "./prompt.ts";

/** The output modes, as `--output-mode` takes them. */
export const OUTPUT_MODES = ["json_schema", "tools", "prompt"] as const;

/** One of {@linkcode OUTPUT_MODES}. */
export type OutputMode = (typeof OUTPUT_MODES)[number];

/** The model and how to ask it. */
export interface ModelConfig {
  client: OpenAI;
  model: string;
  mode: OutputMode;
  temperature?: number;
  maxTokens?: number;
}

/** The reply could not be read as an answer (bad JSON, no tool call). */
export class InvalidOutput extends Error {
  /** What the call that gave the reply cost, once known. */
  usage?: Usage;
  /** What was wrong, in a sentence the model can be told. */
  constructor(message: string) {
    super(message);
    this.name = "InvalidOutput";
  }
}

/**
 * The JSON in `text`: the last fenced block if there is one, else the
 * text from its first `{` to its last `}`.
 */
export function extractJson(text: string): unknown {
  const fenced = [...text.matchAll(/```(?:json)?\s*\n?([\s\S]*?)```/g)];
  const body = fenced.at(-1)?.[1] ??
    text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  try {
    return JSON.parse(body.trim());
  } catch (error) {
    throw new InvalidOutput(
      `the reply is not valid JSON (${(error as Error).message})`,
    );
  }
}

function parseArgs(name: string, args: string): ToolCall {
  try {
    return { name, args: JSON.parse(args) };
  } catch {
    throw new InvalidOutput(`the arguments of ${name} are not valid JSON`);
  }
}

/** Asks the model once; `timeoutMs` bounds the request. */
export async function callModel(
  config: ModelConfig,
  request: { messages: ChatMessage[]; spec: AnswerSpec; timeoutMs: number },
): Promise<{ value: unknown; usage: Usage }> {
  const { spec, messages } = request;
  const started = performance.now();
  const extra = config.mode === "json_schema"
    ? {
      response_format: {
        type: "json_schema" as const,
        json_schema: {
          name: spec.name,
          strict: true,
          schema: jsonSchemaOf(spec.schema),
        },
      },
    }
    : config.mode === "tools"
    ? {
      tools: spec.tools.map((tool) => ({
        type: "function" as const,
        function: {
          name: tool.name,
          description: tool.description,
          parameters: jsonSchemaOf(tool.schema),
          strict: true,
        },
      })),
      tool_choice: "required" as const,
    }
    : {};
  const completion = await config.client.chat.completions.create({
    model: config.model,
    messages,
    ...(config.temperature === undefined
      ? {}
      : { temperature: config.temperature }),
    ...(config.maxTokens === undefined ? {} : { max_tokens: config.maxTokens }),
    ...extra,
  }, { timeout: Math.max(1, Math.floor(request.timeoutMs)), maxRetries: 0 });
  const usage: Usage = {
    model: completion.model || config.model,
    promptTokens: completion.usage?.prompt_tokens ?? 0,
    completionTokens: completion.usage?.completion_tokens ?? 0,
    latencyMs: Math.round(performance.now() - started),
  };
  try {
    return { value: readReply(config, spec, completion), usage };
  } catch (error) {
    if (error instanceof InvalidOutput) error.usage = usage;
    throw error;
  }
}

/** The answer's value in `completion`, read for the output mode. */
function readReply(
  config: ModelConfig,
  spec: AnswerSpec,
  completion: OpenAI.Chat.Completions.ChatCompletion,
): unknown {
  const message = completion.choices[0]?.message;
  if (message === undefined) throw new InvalidOutput("the reply has no choice");
  if (config.mode === "tools") {
    const calls = (message.tool_calls ?? []).flatMap((call) =>
      call.type === "function"
        ? [parseArgs(call.function.name, call.function.arguments)]
        : []
    );
    if (calls.length === 0) throw new InvalidOutput("no tool was called");
    return spec.fromTools(calls);
  }
  const content = message.content ?? "";
  const value = config.mode === "json_schema"
    ? (() => {
      try {
        return JSON.parse(content);
      } catch {
        return extractJson(content);
      }
    })()
    : extractJson(content);
  return value;
}
