/**
 * Helpers of the operator's tests: a rejected call's code, and an
 * overview's open connections of one protocol and type.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { Overview } from "../src/mod.ts";

/** The code of a call's rejection (fails if it resolved). */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(() => null, (e: unknown) => e);
  assert.ok(error instanceof TRPCClientError, `${error}`);
  return error.data?.code as string;
}

/** The open connections of `overview` with this protocol and type. */
export function connections(
  overview: Overview,
  protocol: string,
  clientType: string,
): number {
  return overview.connections.find((c) =>
    c.protocol === protocol && c.clientType === clientType
  )?.count ?? 0;
}
