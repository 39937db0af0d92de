/**
 * Generic building blocks the hub and the game service share: a bounded
 * async queue for live subscribers and a deep freeze for values handed to
 * many of them. Imports nothing (a layout-test rule).
 * @module
 */
export * from "./freeze.ts";
export * from "./mailbox.ts";
