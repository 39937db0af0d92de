/**
 * The cheap call made before joining: `models.list()` (no tokens spent). An
 * unreachable server, a refused key or a missing model is a sentence.
 * @module
 */
import { APIError, type OpenAI } from "openai";

/** Null when the model answers, else what is wrong; a note if unlisted. */
export async function checkModel(
  client: OpenAI,
  options: { model: string; baseUrl: string },
): Promise<{ error: string | null; note?: string }> {
  try {
    const ids: string[] = [];
    for await (
      const model of client.models.list({ timeout: 10_000, maxRetries: 0 })
    ) {
      ids.push(model.id);
      if (ids.length >= 1000) break;
    }
    if (ids.length > 0 && !ids.includes(options.model)) {
      return {
        error: null,
        note: `the server does not list ${
          JSON.stringify(options.model)
        } (it lists ${ids.slice(0, 10).join(", ")}); trying anyway`,
      };
    }
    return { error: null };
  } catch (error) {
    if (error instanceof APIError && error.status !== undefined) {
      return {
        error:
          `the model server at ${options.baseUrl} answered ${error.status}: ${error.message}`,
      };
    }
    return {
      error: `the model server at ${options.baseUrl} is unreachable: ${
        (error as Error).message
      } (set OPENAI_BASE_URL or --base-url)`,
    };
  }
}
