import { TRPCError } from "@trpc/server";

const encoder = new TextEncoder();

/**
 * Compares two secrets in time that depends only on their lengths, so a
 * caller cannot learn a token byte by byte from response times.
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = encoder.encode(given);
  const b = encoder.encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ (b[i] as number);
  return diff === 0;
}

/**
 * Refuses a spectator (the `SPECTATOR_TOKEN`, god view without admin
 * rights): it is read-only, so it may not do `what` (e.g. "take a seat").
 */
export function refuseSpectator(
  ctx: { isGod: boolean; isAdmin: boolean },
  what: string,
): void {
  if (ctx.isGod && !ctx.isAdmin) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        `The SPECTATOR_TOKEN is read-only: a spectator watches every game but may not ${what}. Connect without it to do that.`,
    });
  }
}
