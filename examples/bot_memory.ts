/**
 * The scripted bot's memory moved to `agents/bot_memory.ts`; this module
 * re-exports it for the examples and tests that import it from here.
 * @module
 */
export { Memory, random } from "../agents/bot_memory.ts";
