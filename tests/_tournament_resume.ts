/**
 * Shared setup for the tournament resume tests: the admin token, the number of
 * games, the runner spawned as a process of its own (so SIGKILL reaches it)
 * and a reader of its JSON lines.
 * @module
 */

/** The admin token the runner and its server share. */
export const ADMIN = "resume-admin";
/** Games in the tournament each test runs. */
export const GAMES = 20;
/** The tournament runner's entry point (a path). */
export const MAIN =
  new URL("../tournament/cli/tournament_main.ts", import.meta.url)
    .pathname;

/** The runner as a process of its own (so SIGKILL reaches it), with --json. */
export function runner(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-write",
      "--allow-run=deno",
      MAIN,
      ...args,
      "--json",
    ],
    env: { NO_COLOR: "1", ADMIN_TOKEN: ADMIN },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Reads JSON lines from `child` until `stop` says so (or the output ends). */
export async function readEvents(
  child: Deno.ChildProcess,
  stop: (event: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>[]> {
  const events: Record<string, unknown>[] = [];
  let buffer = "";
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return events;
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const event = JSON.parse(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        events.push(event);
        if (stop(event)) return events;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
