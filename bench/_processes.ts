/**
 * Starting and stopping the benchmark's processes: a server pinned to one
 * core that announces its port, and a load script pinned to the other that
 * prints one JSON line.
 * @module
 */

/** A server process under test. */
export interface RunningServer {
  /** Its pid (for /proc readings). */
  pid: number;
  /** Where its WebSocket endpoint is. */
  url: string;
  /** Stops it (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

let canPin: boolean | undefined;

/** `taskset -c N` when the machine has two cores or more and taskset. */
export function pin(core: number): string[] {
  canPin ??= navigator.hardwareConcurrency >= 2 && hasTaskset();
  return canPin ? ["taskset", "-c", String(core)] : [];
}

function hasTaskset(): boolean {
  try {
    new Deno.Command("taskset", { args: ["-V"], stdout: "null" }).outputSync();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `command` on core 0 and waits (bounded) for it to print its port,
 * as `{"port": N}` or as the Loup-Garou server's `listening on` line.
 */
export async function startServer(
  command: string[],
  options: { path?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<RunningServer> {
  const [program, ...args] = [...pin(0), ...command];
  const child = new Deno.Command(program!, {
    args,
    stdout: "piped",
    stderr: "inherit",
    env: options.env ?? {},
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  let port: number | undefined;
  const deadline = Date.now() + 30_000;
  while (port === undefined && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
    const match = text.match(
      /"port":(\d+)|listening on https?:\/\/[^:]+:(\d+)/,
    );
    if (match) port = Number(match[1] ?? match[2]);
  }
  if (port === undefined) {
    child.kill("SIGKILL");
    throw new Error(`${command.join(" ")} did not announce its port: ${text}`);
  }
  // keep draining its output so it never blocks on a full pipe
  (async () => {
    while (!(await reader.read()).done);
  })().catch(() => {});
  return {
    pid: child.pid,
    url: `ws://127.0.0.1:${port}${options.path ?? ""}`,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch {
          // already gone
        }
      }, 5000);
      await child.status;
      clearTimeout(timer);
    },
  };
}

/** Runs a Deno script on core 1 and returns the JSON line it printed last. */
export async function runScript(
  script: string,
  args: string[],
): Promise<Record<string, number | string>> {
  const [program, ...rest] = [
    ...pin(1),
    Deno.execPath(),
    "run",
    "-A",
    script,
    ...args,
  ];
  const output = await new Deno.Command(program!, {
    args: rest,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(output.stdout).trim().split("\n");
  if (!output.success) {
    const err = new TextDecoder().decode(output.stderr).trim();
    throw new Error(`${script} ${args.join(" ")} failed: ${err}`);
  }
  return JSON.parse(out.at(-1)!);
}
