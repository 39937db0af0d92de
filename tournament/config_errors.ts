/**
 * Reading a tournament config: every wrong field as one sentence that says
 * where (`agents[1].model`) and what is allowed, so a bad config is fixed in
 * one pass before anything starts.
 * @module
 */
import { z } from "zod";
import { type TournamentConfig, TournamentConfigSchema } from "./config.ts";

/** A read config, or every wrong field as a sentence. */
export type ParsedConfig =
  | { ok: true; config: TournamentConfig }
  | { ok: false; errors: string[] };

type Issue = z.core.$ZodIssue;

/** `agents[1].model`; the whole config is `config`. */
function pathText(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    text += typeof key === "number"
      ? `[${key}]`
      : `${text ? "." : ""}${String(key)}`;
  }
  return text || "config";
}

/** The config's schema at `path` (through lists and optional fields). */
function schemaAt(path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let schema: z.core.$ZodType | undefined = TournamentConfigSchema;
  for (const key of path) {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap();
    schema = schema instanceof z.ZodArray
      ? schema.element
      : schema instanceof z.ZodObject
      ? schema.shape[String(key)]
      : undefined;
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap();
  return schema;
}

/** The fields allowed where an unknown key was found. */
function allowedAt(path: readonly PropertyKey[]): string[] {
  const schema = schemaAt(path);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** What `invalid_type` expected, in words (a whole number for an int). */
function expectedAt(issue: z.core.$ZodIssueInvalidType): string {
  const schema = schemaAt(issue.path);
  const expected = schema instanceof z.ZodNumber && schema.format === "safeint"
    ? "int"
    : issue.expected;
  return TYPE_NAMES[expected] ?? expected;
}

const TYPE_NAMES: Record<string, string> = {
  int: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

function describe(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `is required (${expectedAt(issue)})`
        : `must be ${expectedAt(issue)}`;
    case "invalid_value":
      return `must be one of ${
        issue.values.map((v) => JSON.stringify(v)).join(", ")
      }, not ${JSON.stringify(issue.input)}`;
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const word = issue.code === "too_small" ? "at least" : "at most";
      const unit = issue.origin === "array"
        ? " items"
        : issue.origin === "string"
        ? " characters"
        : "";
      return `must be ${word} ${String(bound)}${unit}`;
    }
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${
        issue.keys.map((k) => JSON.stringify(k)).join(", ")
      }: the fields allowed here are ${allowedAt(issue.path).join(", ")}`;
    case "invalid_format":
      return issue.format === "url"
        ? "must be an http:// or https:// URL"
        : issue.message;
    default:
      return issue.message;
  }
}

/** What is wrong with one issue, in a sentence. */
function sentence(issue: Issue): string {
  return `${pathText(issue.path)}: ${describe(issue)}`;
}

/**
 * Reads a config from any JSON value: the config, or every wrong field
 * (shapes, ranges and the rules across fields), each once.
 */
export function parseConfig(input: unknown): ParsedConfig {
  const parsed = TournamentConfigSchema.safeParse(input, {
    reportInput: true,
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: [...new Set(parsed.error.issues.map(sentence))] };
}

/** {@linkcode parseConfig} of a file's text; bad JSON is one error. */
export function parseConfigText(text: string): ParsedConfig {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [`config: not JSON (${(error as SyntaxError).message})`],
    };
  }
  return parseConfig(input);
}
