/**
 * Runs `deno task tournament` as a user does (a subprocess, bounded in
 * time), with a config written to a temporary directory.
 * @module
 */
import { within } from "./_helpers.ts";

/** What the command printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Writes `config` (JSON, or text as is) to `dir`/config.json; its path. */
export async function writeConfig(
  dir: string,
  config: unknown,
): Promise<string> {
  const path = `${dir}/config.json`;
  await Deno.writeTextFile(
    path,
    typeof config === "string" ? config : JSON.stringify(config),
  );
  return path;
}

/**
 * Runs `deno task -q tournament args` with `env`; kills it (and fails)
 * after `boundMs`.
 */
export async function tournamentCli(
  args: string[],
  options: { env?: Record<string, string>; boundMs?: number } = {},
): Promise<CliRun> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", "tournament", ...args],
    env: { NO_COLOR: "1", ...options.env },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  try {
    const output = await within(
      child.output(),
      options.boundMs ?? 60_000,
      `tournament ${args.join(" ")}`,
    );
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    return {
      code: output.code,
      stdout: text(output.stdout),
      stderr: text(output.stderr),
    };
  } catch (error) {
    child.kill();
    await child.status;
    throw error;
  }
}
