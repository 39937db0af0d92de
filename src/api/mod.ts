/**
 * The tRPC API: the context, the routers and the `AppRouter` type.
 * @module
 */
export * from "./context.ts";
export * from "./router.ts";
export * from "./error_text.ts";
export { safeEqual } from "./_auth.ts";
export type * from "./operator.ts";
