/**
 * The agent's typed tRPC client over one WebSocket, with a link that times
 * mutations and reports the acknowledged ones.
 * @module
 */
import {
  createTRPCClient,
  createWSClient,
  type TRPCClient,
  type TRPCLink,
  wsLink,
} from "@trpc/client";
import { observable } from "@trpc/server/observable";
import superjson from "superjson";
import type { AppRouter } from "../src/mod.ts";

/** Hooks on the agent's mutations (tests and the benchmark use them). */
export interface CallHooks {
  /**
   * Called when each mutation settles, with its path (`game.say`,
   * `lobby.join`, …), its round trip in ms and whether it was answered
   * (`false`: refused or failed).
   */
  onCallTimed?: (path: string, ms: number, ok: boolean) => void;
  /** Called with each mutation the server acknowledged. */
  onAck?: (ack: { path: string; input: unknown; output: unknown }) => void;
}

/** A link that times every mutation and reports the acknowledged ones. */
function watchLink(hooks: CallHooks): TRPCLink<AppRouter> {
  return () => ({ op, next }) =>
    observable((observer) => {
      if (op.type !== "mutation") return next(op).subscribe(observer);
      const started = performance.now();
      const done = (ok: boolean) =>
        hooks.onCallTimed?.(op.path, performance.now() - started, ok);
      return next(op).subscribe({
        next: (value) => {
          if ("data" in value.result) {
            const output: unknown = value.result.data;
            hooks.onAck?.({ path: op.path, input: op.input, output });
          }
          observer.next(value);
        },
        error: (error) => {
          done(false);
          observer.error(error);
        },
        complete: () => {
          done(true);
          observer.complete();
        },
      });
    });
}

/** The WebSocket client and the typed client on it. */
export interface AgentClient {
  ws: ReturnType<typeof createWSClient>;
  trpc: TRPCClient<AppRouter>;
}

/**
 * Connects as an agent named `clientId`; `token()` is read on every
 * (re)connection, so the seat token set after `lobby.join` is sent on resume.
 */
export function connectAgent(
  url: string | (() => string),
  options: CallHooks & { clientId: string; token: () => string | undefined },
): AgentClient {
  const ws = createWSClient({
    url,
    connectionParams: () => {
      const token = options.token();
      return {
        clientId: options.clientId,
        clientType: "agent",
        ...(token ? { token } : {}),
      };
    },
    retryDelayMs: (attempt) => Math.min(50 * 2 ** attempt, 1000),
  });
  const hooked = options.onCallTimed || options.onAck;
  const trpc = createTRPCClient<AppRouter>({
    links: [
      ...(hooked ? [watchLink(options)] : []),
      wsLink({ client: ws, transformer: superjson }),
    ],
  });
  return { ws, trpc };
}
