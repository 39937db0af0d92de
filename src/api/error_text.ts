/**
 * The sentence of an error raised by a procedure called in the server
 * (`createCaller`), which skips the router's error formatter: a schema
 * violation becomes the same sentence the formatter sends to tRPC clients.
 * @module
 */
import type { TRPCError } from "@trpc/server";
import { describeIssues, issuesOf } from "./_issues.ts";

/** What `error` says to a user: its schema issues as one sentence, or its message. */
export function errorSentence(error: TRPCError): string {
  const issues = error.code === "BAD_REQUEST" ? issuesOf(error.cause) : null;
  return issues === null ? error.message : describeIssues(issues);
}
