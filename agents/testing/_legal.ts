/**
 * The stub's default answers: a value made from a JSON schema (a seeded
 * pick among an enum's values, a short text, false), in the reply form of
 * the request's output mode.
 * @module
 */
import type { StubReply, StubRequest } from "./model_stub.ts";

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  maxLength?: number;
};

/** A value `schema` accepts. */
export function valueOf(schema: Schema, rand: () => number): unknown {
  if (schema.enum) return schema.enum[Math.floor(rand() * schema.enum.length)];
  if (schema.anyOf) {
    const real = schema.anyOf.filter((option) => option.type !== "null");
    const options = real.length > 0 && rand() < 0.9 ? real : schema.anyOf;
    return valueOf(options[Math.floor(rand() * options.length)]!, rand);
  }
  switch (schema.type) {
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map((
          [key, value],
        ) => [key, valueOf(value, rand)]),
      );
    case "string":
      return "I have my doubts.".slice(0, schema.maxLength ?? 100);
    case "boolean":
      return rand() < 0.5;
    case "null":
      return null;
    default:
      return null;
  }
}

/** The schema written in a `prompt`-mode request's last fenced json block. */
function promptSchema(request: StubRequest): Schema | undefined {
  const text = request.messages.at(-1)?.content ?? "";
  const blocks = [...text.matchAll(/```json\n([\s\S]*?)\n```/g)];
  const last = blocks.at(-1)?.[1];
  return last === undefined ? undefined : JSON.parse(last) as Schema;
}

/** A legal reply to `request` in its own output mode. */
export function legalReply(
  request: StubRequest,
  rand: () => number,
): StubReply {
  const schema = request.response_format?.json_schema?.schema;
  if (schema) return { content: JSON.stringify(valueOf(schema, rand)) };
  if (request.tools && request.tools.length > 0) {
    const tools = request.tools;
    const tool = tools[Math.floor(rand() * tools.length)]!;
    const calls = [tool];
    const pass = tools.find((t) => t.function.name === "witch_pass");
    if (pass && tool !== pass) calls.push(pass);
    return {
      toolCalls: calls.map((call) => ({
        name: call.function.name,
        arguments: JSON.stringify(
          valueOf(call.function.parameters as Schema, rand),
        ),
      })),
    };
  }
  const written = promptSchema(request);
  return {
    content: written
      ? `Here is my answer.\n\`\`\`json\n${
        JSON.stringify(valueOf(written, rand))
      }\n\`\`\``
      : "I have nothing to say.",
  };
}
