/**
 * A scripted Loup-Garou agent that plays a whole game over the typed
 * contract. It lives in `agents/` (the baseline strategy beside the LLM
 * driver, sharing one agent loop); this module re-exports it and runs it.
 *
 * ```sh
 * deno run --allow-net examples/bot_agent.ts ws://localhost:8000/trpc <gameId> <name>
 * ```
 * @module
 */
import { runBot } from "../agents/bot_agent.ts";

export {
  type BotOptions,
  type BotResult,
  runBot,
} from "../agents/bot_agent.ts";

if (import.meta.main) {
  const [url, gameId, name] = Deno.args;
  if (!url || !gameId || !name) {
    console.error("usage: bot_agent.ts <ws url> <gameId> <name>");
    Deno.exit(2);
  }
  const result = await runBot({
    url,
    gameId,
    name,
    seed: Date.now() % 1e9,
    log: console.log,
  });
  console.log(`${result.playerId} was ${result.role}; ${result.winner} won`);
}
