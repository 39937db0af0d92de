import { z } from "zod";
import { ClientIdSchema, ClientTypeSchema } from "./client.ts";

/**
 * The operator's view (`admin.overview`, `admin.closeClient`): its limits,
 * defined once and imported by the server, the page and the README.
 * @module
 */

/** The transports a connection is counted under (as `loupgarou_connections`). */
export const PROTOCOLS = ["trpc_ws", "trpc_sse", "legacy_ws"] as const;

/** One of {@linkcode PROTOCOLS}. */
export type Protocol = (typeof PROTOCOLS)[number];

/** Seconds in one bucket of the calls' ring. */
export const RATE_BUCKET_S = 5;
/** Buckets the ring keeps: 120 of 5 s, the last 10 minutes. */
export const RATE_BUCKETS = 120;
/** Clients `admin.overview` lists at most (the total says how many there are). */
export const OVERVIEW_CLIENTS_MAX = 500;
/** Slow consumers cut that `admin.overview` remembers (the newest). */
export const RECENT_SLOW_MAX = 10;
/** Characters of an operator's close reason kept, once cleaned. */
export const CLOSE_REASON_MAX = 100;

/**
 * The tRPC code of the error ending an SSE subscription an operator closed
 * (`admin.closeClient`); not one `httpSubscriptionLink` retries, so the
 * client's `onError` hears it and it does not reconnect by itself.
 */
export const OPERATOR_SSE_CODE = "FORBIDDEN" as const;

/** `admin.closeClient`'s input. */
export const CloseClientInputSchema = z.object({
  clientId: ClientIdSchema,
  /** Why; control characters and runs of spaces are cleaned, then cut to {@linkcode CLOSE_REASON_MAX}. */
  reason: z.string().max(1000, "a reason has at most 1000 characters"),
});

/** `admin.closeClient`'s answer. */
export const CloseClientResultSchema = z.object({
  /** How many connections (WebSockets and SSE streams) of that client were closed (1 or more). */
  closed: z.number().int().positive(),
  /** The reason as sent in the close frames and the SSE streams' error. */
  reason: z.string(),
});

/** One bucket of the calls' ring: its start (epoch ms) and its counts. */
export const RateBucketSchema = z.object({
  at: z.number(),
  /** Calls answered in the bucket, every code. */
  calls: z.number().int().nonnegative(),
  /** Calls answered with an error, by tRPC code. */
  errors: z.record(z.string(), z.number().int().nonnegative()),
});

/** One connected client as the operator sees it. */
export const LiveClientSchema = z.object({
  /** Its client id (an SSE caller without one: empty). */
  clientId: z.string(),
  clientType: ClientTypeSchema,
  protocol: z.enum(PROTOCOLS),
  /** The remote address (admins only see this view). */
  address: z.string(),
  /** Epoch ms. */
  connectedAt: z.number(),
  /** The games it holds a seat in (player id) or watches (seat null). */
  games: z.array(z.object({ gameId: z.string(), seat: z.string().nullable() })),
  /** Its running subscriptions, by procedure. */
  subscriptions: z.array(z.string()),
  /** Its last call: procedure and epoch ms; null before the first. */
  lastCall: z.object({ procedure: z.string(), at: z.number() }).nullable(),
});

/** `admin.overview`. */
export const OverviewSchema = z.object({
  /** When it was taken, epoch ms. */
  at: z.number(),
  /** Open connections by protocol and client type (`loupgarou_connections`). */
  connections: z.array(z.object({
    protocol: z.string(),
    clientType: z.string(),
    count: z.number().int().nonnegative(),
  })),
  /** Games by status (`loupgarou_games` summed over phases). */
  games: z.record(z.string(), z.number().int().nonnegative()),
  /** Calls answered (`loupgarou_calls_total`) since the start, and per bucket. */
  calls: z.object({
    bucketS: z.number().int().positive(),
    total: z.number().int().nonnegative(),
    byCode: z.record(z.string(), z.number().int().nonnegative()),
    /** Oldest first; the last is the bucket still filling. */
    buckets: z.array(RateBucketSchema),
  }),
  /** Slow consumers cut (`loupgarou_slow_consumer_cutoffs_total`) and the newest. */
  slowConsumers: z.object({
    total: z.number().int().nonnegative(),
    recent: z.array(z.object({
      at: z.number(),
      clientId: z.string(),
      clientType: z.string(),
      protocol: z.string(),
    })),
  }),
  /** The connected clients: the first {@linkcode OVERVIEW_CLIENTS_MAX}, and how many in all. */
  clients: z.object({
    total: z.number().int(),
    list: z.array(LiveClientSchema),
  }),
});

/** The typed form of {@linkcode OverviewSchema}. */
export type Overview = z.infer<typeof OverviewSchema>;
/** The typed form of {@linkcode LiveClientSchema}. */
export type LiveClient = z.infer<typeof LiveClientSchema>;
/** The typed form of {@linkcode RateBucketSchema}. */
export type RateBucket = z.infer<typeof RateBucketSchema>;

/**
 * An operator's reason as it goes into a close frame: control characters
 * removed, whitespace runs made one space, trimmed, cut to
 * {@linkcode CLOSE_REASON_MAX} characters; empty: "closed by an operator".
 */
export function cleanCloseReason(reason: string): string {
  // deno-lint-ignore no-control-regex
  const clean = reason.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/\s+/g, " ").trim().slice(0, CLOSE_REASON_MAX).trim();
  return clean === "" ? "closed by an operator" : clean;
}
