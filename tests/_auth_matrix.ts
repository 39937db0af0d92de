/**
 * The authorization matrix as data: rows of procedures, a column per
 * caller, each cell either "ok" (with a check of the answer) or the refusal
 * expected (a tRPC code and what the message must say). `runMatrix` runs
 * every cell and returns every wrong one, so one run shows the whole table.
 * @module
 */
import { TRPCClientError } from "@trpc/client";
import { within } from "./_helpers.ts";
import {
  type Caller,
  type CallerName,
  CALLERS,
  type World,
} from "./_auth_world.ts";

/** What is wrong with an allowed call's answer, or null. */
// deno-lint-ignore no-explicit-any
export type Check = (answer: any, caller: Caller, world: World) =>
  | string
  | null
  | Promise<string | null>;

/** A refusal: its tRPC code and a pattern its sentence must match. */
export interface Refusal {
  /** The tRPC error code. */
  code: string;
  /** What the message must say (what was wrong and what is allowed). */
  says: RegExp;
}

/** One cell: allowed (and checked), or refused. */
export type Expect = { ok: Check } | Refusal;

/** One procedure (with one kind of input) against every caller. */
export interface Row {
  /** The procedure and the variant, e.g. `hub.publish to_client`. */
  name: string;
  /** Puts the world in the state the row needs (run once, before its cells). */
  prepare?: (world: World) => Promise<void>;
  /** Makes the call as `caller`. */
  call: (caller: Caller, world: World) => Promise<unknown>;
  /** The expected outcome per caller. */
  cells: Record<CallerName, Expect>;
}

/** An allowed cell; `check` says what is wrong with the answer. */
export function ok(check: Check = () => null): Expect {
  return { ok: check };
}

/** A refused cell. */
export function refuse(code: string, says: RegExp): Refusal {
  return { code, says };
}

/** Every caller gets `fallback` but those in `overrides`. */
export function cells(
  fallback: Expect,
  overrides: Partial<Record<CallerName, Expect>> = {},
): Record<CallerName, Expect> {
  const all = {} as Record<CallerName, Expect>;
  for (const name of CALLERS) all[name] = overrides[name] ?? fallback;
  return all;
}

/**
 * Collects a subscription's data until `done` holds (at most 5 s), then
 * stops it; an error of the subscription rejects.
 */
export function collect<T>(
  subscribe: (handlers: {
    onData: (item: T) => void;
    onError: (error: unknown) => void;
  }) => { unsubscribe(): void },
  done: (items: T[]) => boolean,
): Promise<T[]> {
  const items: T[] = [];
  let stop = () => {};
  const finished = new Promise<T[]>((resolve, reject) => {
    const sub = subscribe({
      onData: (item) => {
        items.push(item);
        if (done(items)) resolve(items);
      },
      onError: reject,
    });
    stop = () => sub.unsubscribe();
  });
  return within(finished, 5000, `subscription (${items.length} items)`)
    .finally(() => stop());
}

/** Whether `message` is a sentence a person can act on. */
function isSentence(message: string): boolean {
  return /^[A-Za-z0-9"`]/.test(message) &&
    message.trim().split(/\s+/).length >= 5 && !/\n\s+at /.test(message);
}

async function runCell(
  row: Row,
  caller: Caller,
  world: World,
): Promise<string | null> {
  const expect = row.cells[caller.name];
  const where = `${row.name} × ${caller.name}`;
  let answer: unknown;
  try {
    answer = await within(row.call(caller, world), 5000, where);
  } catch (error) {
    const code = error instanceof TRPCClientError
      ? String(error.data?.code)
      : "(not a tRPC error)";
    const message = error instanceof Error ? error.message : String(error);
    if ("ok" in expect) return `${where}: expected ok, got ${code}: ${message}`;
    if (code !== expect.code) {
      return `${where}: expected ${expect.code}, got ${code}: ${message}`;
    }
    if (!isSentence(message) || !expect.says.test(message)) {
      return `${where}: ${code} message ${
        JSON.stringify(message)
      } does not match ${expect.says}`;
    }
    return null;
  }
  if (!("ok" in expect)) {
    return `${where}: expected ${expect.code}, got ok: ${
      JSON.stringify(answer)?.slice(0, 200)
    }`;
  }
  const problem = await expect.ok(answer, caller, world);
  return problem === null ? null : `${where}: ${problem}`;
}

/**
 * Runs every row: its `prepare`, then its refused cells, then its allowed
 * ones (an allowed action changes the game). Returns every wrong cell.
 */
export async function runMatrix(
  world: World,
  rows: readonly Row[],
): Promise<string[]> {
  const wrong: string[] = [];
  for (const row of rows) {
    try {
      await row.prepare?.(world);
    } catch (error) {
      wrong.push(`${row.name}: prepare failed: ${error}`);
      continue;
    }
    const order = [...CALLERS].sort((a, b) =>
      Number("ok" in row.cells[a]) - Number("ok" in row.cells[b])
    );
    for (const name of order) {
      const problem = await runCell(row, world.callers[name], world);
      if (problem !== null) wrong.push(problem);
    }
  }
  return wrong;
}
