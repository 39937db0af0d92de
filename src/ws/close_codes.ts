/**
 * The close codes the adapter itself uses. The application's own (a
 * replaced session, 4001) live with it in `src/hub/close_codes.ts`, which
 * re-exports these so that every code has one definition.
 * @module
 */

/** No message arrived within the idle timeout (`WS_TIMEOUT`). */
export const CLOSE_IDLE = 4002;
/** The client did not read its messages fast enough. */
export const CLOSE_SLOW_CONSUMER = 4003;
/** The connection was refused (bad identity or token). */
export const CLOSE_REFUSED = 4004;
/** No pong arrived in time after a server ping. */
export const CLOSE_NO_PONG = 4005;
/** A frame was larger than the limit (RFC 6455 "message too big"). */
export const CLOSE_TOO_BIG = 1009;
/** The server is restarting; reconnect (RFC 6455 "service restart"). */
export const CLOSE_RESTART = 1012;
