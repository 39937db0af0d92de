/**
 * A server in a child process (`tests/_server_child.ts`): a crash is an
 * exit the test sees, and memory is measured without the test's own
 * clients in it. Every wait is bounded.
 * @module
 */
import type { ChildStats } from "./_server_child.ts";
import { within } from "./_helpers.ts";

export type { ChildStats };

const CHILD = new URL("./_server_child.ts", import.meta.url).pathname;

/** A running server process; `await using` stops it (SIGTERM, then SIGKILL). */
export class ServerProcess implements AsyncDisposable {
  /** The child's process id. */
  readonly pid: number;
  /** The port it listens on. */
  readonly port: number;
  /** Every line it wrote, stdout and stderr. */
  readonly output: string[];
  #child: Deno.ChildProcess;
  #stdin: WritableStreamDefaultWriter<Uint8Array>;
  #stats: ((stats: ChildStats) => void)[];
  #exit: Deno.CommandStatus | null = null;
  #readers: Promise<void>[];

  private constructor(
    child: Deno.ChildProcess,
    port: number,
    parts: {
      output: string[];
      stats: ((stats: ChildStats) => void)[];
      readers: Promise<void>[];
    },
  ) {
    this.#child = child;
    this.pid = child.pid;
    this.port = port;
    this.output = parts.output;
    this.#stats = parts.stats;
    this.#readers = parts.readers;
    this.#stdin = child.stdin.getWriter();
    child.status.then((status) => (this.#exit = status));
  }

  /**
   * Starts the server on 127.0.0.1 with a free port and `env` (the
   * configuration variables), and resolves once it listens.
   */
  static async start(env: Record<string, string>): Promise<ServerProcess> {
    // the shell lifts the open-file limit to the hard limit, then becomes
    // deno; all access: counting its open files reads /proc/self/fd
    const child = new Deno.Command("sh", {
      args: [
        "-c",
        'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"',
        "sh",
        Deno.execPath(),
        "run",
        "--allow-all",
        "--v8-flags=--expose-gc",
        CHILD,
      ],
      env: {
        // every test client comes from 127.0.0.1: no per-address cap unless
        // asked; and no games database on disk (settings a server without
        // them ignores)
        WS_MAX_CONNECTIONS_PER_IP: "0",
        MAX_CONNECTIONS_PER_IP: "0",
        DATA_DIR: ":memory:",
        ...env,
        WS_HOST: "127.0.0.1",
        WS_PORT: "0",
        NO_COLOR: "1",
      },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const output: string[] = [];
    const stats: ((stats: ChildStats) => void)[] = [];
    let listening: (port: number) => void = () => {};
    const port = new Promise<number>((resolve) => (listening = resolve));
    const onLine = (line: string) => {
      if (line.startsWith("STATS ")) {
        return stats.shift()?.(JSON.parse(line.slice(6)));
      }
      output.push(line);
      const found = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (found) listening(Number(found[1]));
    };
    const readers = [
      readLines(child.stdout, onLine),
      readLines(child.stderr, onLine),
    ];
    const exited = child.status.then((status) => {
      throw new Error(
        `the server exited (${status.code}) before listening: ${
          output.join("\n")
        }`,
      );
    });
    try {
      const found = await within(
        Promise.race([port, exited]),
        30_000,
        "the server process to listen",
      );
      return new ServerProcess(child, found, { output, stats, readers });
    } catch (error) {
      child.kill("SIGKILL");
      await child.status;
      await Promise.all(readers);
      throw error;
    }
  }

  /** `ws://127.0.0.1:PORT/trpc`. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/trpc`;
  }

  /** `http://127.0.0.1:PORT`. */
  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** How the process ended, or null while it runs. */
  get exit(): Deno.CommandStatus | null {
    return this.#exit;
  }

  /** The server's report (see `_server_child.ts`). */
  async stats(): Promise<ChildStats> {
    if (this.#exit !== null) {
      throw new Error(`the server exited (${this.#exit.code})`);
    }
    const answer = new Promise<ChildStats>((resolve) =>
      this.#stats.push(resolve)
    );
    await this.#stdin.write(new TextEncoder().encode("stats\n"));
    const exited = this.#child.status.then((status) => {
      throw new Error(`the server exited (${status.code})`);
    });
    return await within(
      Promise.race([answer, exited]),
      10_000,
      "the server's stats",
    );
  }

  /** GET `path` as JSON. */
  async get(path: string): Promise<Record<string, unknown>> {
    const response = await within(
      fetch(`${this.httpUrl}${path}`),
      10_000,
      `GET ${path}`,
    );
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`GET ${path}: ${response.status}`);
    }
    return await response.json();
  }

  /** Asks it to stop (SIGTERM) and resolves with how it exited. */
  async stop(): Promise<Deno.CommandStatus> {
    if (this.#exit === null) {
      try {
        this.#child.kill("SIGTERM");
      } catch {
        // already gone
      }
    }
    try {
      return await within(this.#child.status, 20_000, "the server to exit");
    } finally {
      await this[Symbol.asyncDispose]();
    }
  }

  /** Kills it if it still runs and waits for its pipes. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#exit === null) {
      try {
        this.#child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
    await this.#child.status;
    await this.#stdin.close().catch(() => {});
    await Promise.all(this.#readers);
  }
}

/** This process's limit on open files (`ulimit -n`). */
export async function openFileLimit(): Promise<number> {
  const { stdout } = await new Deno.Command("sh", {
    args: ["-c", "ulimit -n"],
    stdout: "piped",
  }).output();
  const text = new TextDecoder().decode(stdout).trim();
  return text === "unlimited" ? Infinity : Number(text);
}

async function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  let buffered = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
    }
  }
  if (buffered !== "") onLine(buffered);
}
