import type { GameEvent } from "../contract/mod.ts";
import type { CommandTrace, GameObserver } from "./observer.ts";
import type { Outcome } from "./_outcome.ts";

/**
 * Runs one command under `observer`: traced when it asks, and told of the
 * outcome (`applied` or the refusal's code; INTERNAL_SERVER_ERROR when
 * `run` throws) and of the accepted events' defaults, growth and end.
 */
export async function observed(
  observer: GameObserver,
  command: { gameId: string; type: string },
  run: (trace: CommandTrace | undefined) => Promise<Outcome>,
): Promise<Outcome> {
  const trace = observer.trace?.(command.gameId, command.type);
  let result = "INTERNAL_SERVER_ERROR"; // unless `run` returns
  try {
    const outcome = await run(trace);
    result = outcome.ok ? "applied" : outcome.error.code;
    if (outcome.ok) observeEvents(observer, outcome.accepted.events);
    return outcome;
  } finally {
    observer.command?.(command.type, result);
    trace?.end(result);
  }
}

/** Tells `observer` of the defaults, the log's growth and the end in `events`. */
function observeEvents(
  observer: GameObserver,
  events: readonly GameEvent[],
): void {
  if (events.length === 0) return;
  observer.appended?.(events.length);
  for (const event of events) {
    const cause = (event as { default?: { cause: string } }).default?.cause;
    if (cause !== undefined) observer.defaulted?.(cause);
    else if (event.type === "game_over") observer.ended?.();
  }
}
