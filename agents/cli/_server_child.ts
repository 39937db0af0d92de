/**
 * `deno task play`'s (and `deno task tournament`'s) own server: `main.ts`
 * as a child process on a free loopback port, with `DATA_DIR=:memory:` or
 * the directory given (client code never imports server code), its port
 * read from its "listening on" line. It runs under `_server_watch.ts`,
 * which stops it when this process's end of its stdin closes, so a
 * command killed with `kill -9` leaves no server behind (it stops within
 * its shutdown grace).
 * @module
 */

/** A running child server; `await using` stops it. */
export interface ChildServer extends AsyncDisposable {
  /** `ws://127.0.0.1:PORT/trpc`. */
  url: string;
}

/** Options of {@linkcode startChildServer}. */
export interface ChildServerOptions {
  /** The server's `DATA_DIR` (default `:memory:`: nothing kept). */
  dataDir?: string;
  /** More of the server's variables (e.g. `WS_MAX_CONNECTIONS_PER_IP`). */
  env?: Record<string, string>;
}

/** Starts `main.ts` with `adminToken`; rejects if it exits or stays silent 30 s. */
export async function startChildServer(
  adminToken: string,
  options: ChildServerOptions = {},
): Promise<ChildServer> {
  // main.ts under a watch that stops it once this process is gone
  const watch = new URL("./_server_watch.ts", import.meta.url).pathname;
  const child = new Deno.Command("deno", { // on PATH: the task allows only --allow-run=deno
    args: [
      "run",
      "--allow-run=deno",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-write",
      watch,
    ],
    stdin: "piped",
    env: {
      NO_COLOR: "1",
      WS_HOST: "127.0.0.1",
      WS_PORT: "0",
      DATA_DIR: options.dataDir ?? ":memory:",
      ADMIN_TOKEN: adminToken,
      ...options.env,
    },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let output = "";
  let port: string | undefined;
  const timer = setTimeout(() => child.kill("SIGTERM"), 30_000);
  try {
    while (port === undefined) {
      const { value, done } = await reader.read();
      if (done) {
        throw new Error(`the server exited before listening: ${output}`);
      }
      output += value;
      port = /listening on https?:\/\/[^:]+:(\d+)/.exec(output)?.[1];
    }
  } finally {
    clearTimeout(timer);
  }
  const drain = (async () => {
    while (!(await reader.read()).done) { /* the server's log: dropped */ }
  })().catch(() => {});
  return {
    url: `ws://127.0.0.1:${port}/trpc`,
    async [Symbol.asyncDispose]() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.stdin.close().catch(() => {});
      await child.status;
      await drain;
    },
  };
}
