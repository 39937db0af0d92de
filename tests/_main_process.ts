/**
 * Runs `main.ts` as a real server process for tests: started with an
 * environment, its port read from its log line, stopped by a signal.
 * @module
 */
import { within } from "./_helpers.ts";

/** A running `main.ts`; `await using` kills it if it still runs. */
export interface MainProcess extends AsyncDisposable {
  /** The child process. */
  child: Deno.ChildProcess;
  /** The port it listens on. */
  port: number;
  /** What it has printed so far (stdout). */
  output(): string;
  /** Sends `signal` and waits for the exit status. */
  stop(signal: Deno.Signal): Promise<Deno.CommandStatus>;
}

/** Starts `main.ts` with `env` (plus NO_COLOR) and waits until it listens. */
export async function startMain(
  env: Record<string, string>,
): Promise<MainProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-write",
      "main.ts",
    ],
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream())
    .getReader();
  let output = "";
  let port: string | undefined;
  while (port === undefined) {
    const { value, done } = await within(
      reader.read(),
      30_000,
      "the server to start",
    );
    if (done) {
      await child.status;
      throw new Error(`the server exited before listening: ${output}`);
    }
    output += value;
    port = /listening on https?:\/\/[^:]+:(\d+)/.exec(output)?.[1];
  }
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({
        value: undefined,
        done: true,
      }));
      if (done) return;
      output += value;
    }
  })();
  let status: Promise<Deno.CommandStatus> | null = null;
  const stop = (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch {
      // already exited
    }
    status ??= Promise.all([child.status, pump]).then(([s]) => s);
    return status;
  };
  return {
    child,
    port: Number(port),
    output: () => output,
    stop,
    [Symbol.asyncDispose]: async () => {
      await stop("SIGKILL");
    },
  };
}

/** A port that was free a moment ago (to restart a server on the same one). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
