/**
 * How a prompt quotes what a player chose (names, speech): a JSON string,
 * which cannot close its quote, start a line or open a section.
 * @module
 */

/** `text` as a JSON string, with the line separators escaped too. */
export function quote(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(
    /\u2029/g,
    "\\u2029",
  );
}
