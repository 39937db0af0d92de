/**
 * What the fuzzer's parts agree on: the frames the frame maker
 * makes and where they may point, a lane's profile and report, and the
 * close codes the server may use.
 * @module
 */

/** One frame to send. */
export interface FuzzFrame {
  /** What kind of frame it is (for the report). */
  kind: string;
  /** Text or binary. */
  data: string | Uint8Array;
  /** A query or mutation with a fresh id: exactly one answer must come under it. */
  expects?: string;
}

/** Where the hostile calls may point. */
export interface FuzzTargets {
  /** The game the bots play: only calls that cannot disturb it go there. */
  botGame: string;
  /** Games the fuzzer created, which anything may do to. */
  fuzzGames: string[];
}

/** What one lane's frames depend on. */
export interface LaneProfile {
  /** The lane connects with the admin token: it never touches the bots' game. */
  admin: boolean;
  /** The largest frame the server accepts. */
  maxBytes: number;
}

/** Close codes the server may use (README), and those of a closing client. */
export const DOCUMENTED_CLOSES: readonly number[] = [
  1000,
  1001,
  1005,
  1009,
  1012,
  4001,
  4002,
  4003,
  4004,
  4005,
];

/** What a lane saw. */
export interface LaneReport {
  /** Frames sent, by kind. */
  sent: Record<string, number>;
  /** Frames received. */
  received: number;
  /** Results by type (started, data, stopped). */
  results: Record<string, number>;
  /** Error answers by tRPC code. */
  errors: Record<string, number>;
  /** Close codes the server sent, with how often. */
  closes: Record<string, number>;
  /** What broke the protocol (each with the frame that caused it when known). */
  violations: string[];
}
