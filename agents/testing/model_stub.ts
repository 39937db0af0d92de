/**
 * An OpenAI-compatible HTTP server for tests: `POST /v1/chat/completions`
 * and `GET /v1/models` on 127.0.0.1 with a free port. Each request is
 * recorded and answered by a script (`reply`) or, by default, with a legal
 * answer made from the request's own schema (the `response_format` schema,
 * the tools, or the schema written in the prompt): a seeded pick among the
 * enum's values. Faults are replies too: any status and headers, malformed
 * content, a delay (cut short when the stub stops).
 * @module
 */
import { random } from "../bot_memory.ts";
import { legalReply } from "./_legal.ts";

export { valueOf } from "./_legal.ts";

/** A chat completion request as the stub records it. */
export interface StubRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { json_schema?: { schema?: unknown } };
  tools?: { function: { name: string; parameters: unknown } }[];
  [key: string]: unknown;
}

/** How the stub answers one request. */
export interface StubReply {
  /** The assistant's content (default: a legal answer for the mode). */
  content?: string;
  /** Tool calls, with their arguments as JSON text. */
  toolCalls?: { name: string; arguments: string }[];
  /** An HTTP status other than 200: answered with an error body. */
  status?: number;
  headers?: Record<string, string>;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

/** Options of {@linkcode startModelStub}. */
export interface StubOptions {
  /**
   * The reply to request number `index` (from 0); undefined or fields left
   * out: the legal default.
   */
  reply?: (request: StubRequest, index: number) => StubReply | undefined;
  /** Seeds the default answers (default 1). */
  seed?: number;
}

/** A running stub; `await using` stops it. */
export interface ModelStub extends AsyncDisposable {
  /** `http://127.0.0.1:PORT/v1`, the `baseURL` of the `openai` client. */
  baseUrl: string;
  /** Every chat completion request, in arrival order. */
  requests: StubRequest[];
}

/** Waits `ms`, or less when `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** Starts the stub. */
export function startModelStub(options: StubOptions = {}): ModelStub {
  const rand = random(options.seed ?? 1);
  const requests: StubRequest[] = [];
  const closing = new AbortController(); // ends the delays on close
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const path = new URL(req.url).pathname;
      if (req.method === "GET" && path === "/v1/models") {
        return Response.json({
          object: "list",
          data: [{ id: "stub", object: "model", created: 0, owned_by: "t" }],
        });
      }
      if (req.method !== "POST" || path !== "/v1/chat/completions") {
        return Response.json({ error: { message: "not found" } }, {
          status: 404,
        });
      }
      const body = await req.json() as StubRequest;
      const index = requests.push(body) - 1;
      const reply = {
        ...legalReply(body, rand),
        ...options.reply?.(body, index),
      };
      if (reply.delayMs) {
        await wait(reply.delayMs, closing.signal);
        if (closing.signal.aborted) {
          return new Response(null, { status: 499 });
        }
      }
      const headers = reply.headers ?? {};
      if (reply.status !== undefined && reply.status !== 200) {
        return Response.json({
          error: { message: `stub status ${reply.status}`, type: "stub" },
        }, { status: reply.status, headers });
      }
      const prompt = body.messages.map((m) => m.content).join("").length;
      return Response.json({
        id: `chatcmpl-${index}`,
        object: "chat.completion",
        created: 0,
        model: body.model,
        choices: [{
          index: 0,
          finish_reason: reply.toolCalls ? "tool_calls" : "stop",
          message: {
            role: "assistant",
            content: reply.toolCalls ? null : reply.content ?? "",
            ...(reply.toolCalls
              ? {
                tool_calls: reply.toolCalls.map((call, n) => ({
                  id: `call-${index}-${n}`,
                  type: "function",
                  function: call,
                })),
              }
              : {}),
          },
        }],
        usage: {
          prompt_tokens: Math.ceil(prompt / 4),
          completion_tokens: 20,
          total_tokens: Math.ceil(prompt / 4) + 20,
        },
      }, { headers });
    },
  );
  return {
    baseUrl: `http://127.0.0.1:${server.addr.port}/v1`,
    requests,
    [Symbol.asyncDispose]: () => {
      closing.abort();
      return server.shutdown();
    },
  };
}
