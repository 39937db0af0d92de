/**
 * The command-line flags of `deno task agent` and `deno task play`: parsed
 * with `node:util`'s `parseArgs` (strict: an unknown flag is an error) and
 * checked, each error a sentence that says what is allowed.
 * @module
 */
import { parseArgs } from "node:util";
import { OUTPUT_MODES, type OutputMode } from "../llm/model_call.ts";
import { RECORD_MODES, type RecordMode } from "../llm/prompt.ts";

/** A flag that cannot be used: the message says why. */
export class FlagError extends Error {
  override name = "FlagError";
}

/** The model flags both commands take. */
export const MODEL_FLAGS = {
  model: { type: "string" },
  "base-url": { type: "string" },
  "api-key-env": { type: "string" },
  temperature: { type: "string" },
  "max-tokens": { type: "string" },
  "output-mode": { type: "string" },
  record: { type: "string" },
  persona: { type: "string" },
  url: { type: "string" },
} as const;

/** The model settings the flags chose. */
export interface ModelFlags {
  model: string;
  baseUrl?: string;
  apiKey?: string;
  /** Where the key came from, for messages. */
  apiKeyEnv: string;
  temperature?: number;
  maxTokens?: number;
  mode: OutputMode;
  /** How prompts render the record (`--record`, default `compact`). */
  record: RecordMode;
  persona?: string;
}

/** Parses `args` with `options` (strict), as FlagErrors. */
export function parse(
  args: string[],
  options: Record<string, { type: "string" | "boolean" }>,
): Record<string, string | undefined> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false })
      .values as Record<string, string | undefined>;
  } catch (error) {
    throw new FlagError((error as Error).message);
  }
}

/** A number flag in [min, max], or undefined when absent. */
export function numberFlag(
  values: Record<string, string | undefined>,
  name: string,
  range: { min: number; max: number; integer?: boolean },
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (
    !Number.isFinite(value) || value < range.min || value > range.max ||
    (range.integer && !Number.isInteger(value))
  ) {
    throw new FlagError(
      `--${name} ${JSON.stringify(raw)}: expected ${
        range.integer ? "an integer" : "a number"
      } from ${range.min} to ${range.max}`,
    );
  }
  return value;
}

/** The model flags of `values`, with the environment for the defaults. */
export async function modelFlags(
  values: Record<string, string | undefined>,
  env: (name: string) => string | undefined,
): Promise<ModelFlags> {
  if (!values.model) {
    throw new FlagError("--model is required (e.g. --model llama3.2)");
  }
  const mode = values["output-mode"] ?? "json_schema";
  if (!(OUTPUT_MODES as readonly string[]).includes(mode)) {
    throw new FlagError(
      `--output-mode ${JSON.stringify(mode)}: expected one of ${
        OUTPUT_MODES.join(", ")
      }`,
    );
  }
  const record = values.record ?? "compact";
  if (!(RECORD_MODES as readonly string[]).includes(record)) {
    throw new FlagError(
      `--record ${JSON.stringify(record)}: expected one of ${
        RECORD_MODES.join(", ")
      }`,
    );
  }
  const apiKeyEnv = values["api-key-env"] ?? "OPENAI_API_KEY";
  const apiKey = env(apiKeyEnv);
  if (values["api-key-env"] && apiKey === undefined) {
    throw new FlagError(`--api-key-env ${apiKeyEnv}: that variable is not set`);
  }
  const baseUrl = values["base-url"] ?? env("OPENAI_BASE_URL");
  let persona: string | undefined;
  if (values.persona) {
    try {
      persona = await Deno.readTextFile(values.persona);
    } catch (error) {
      throw new FlagError(
        `--persona ${values.persona}: ${(error as Error).message}`,
      );
    }
  }
  const temperature = numberFlag(values, "temperature", { min: 0, max: 2 });
  const maxTokens = numberFlag(values, "max-tokens", {
    min: 1,
    max: 1_000_000,
    integer: true,
  });
  return {
    model: values.model,
    mode,
    record,
    apiKeyEnv,
    ...(baseUrl ? { baseUrl } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(temperature === undefined ? {} : { temperature }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(persona === undefined ? {} : { persona }),
  } as ModelFlags;
}
