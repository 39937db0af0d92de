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
