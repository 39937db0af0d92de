/**
 * Every close code a client may see: the application's (a replaced
 * session) and, re-exported, the adapter's (`src/ws/close_codes.ts`).
 * @module
 */
export {
  CLOSE_IDLE,
  CLOSE_NO_PONG,
  CLOSE_REFUSED,
  CLOSE_RESTART,
  CLOSE_SLOW_CONSUMER,
  CLOSE_TOO_BIG,
} from "../ws/close_codes.ts";

/** A newer connection with the same client id took over. */
export const CLOSE_REPLACED = 4001;

/** An operator closed the connection (`admin.closeClient`), with its reason. */
export const CLOSE_OPERATOR = 4006;
