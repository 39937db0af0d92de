/** Builds a hub event id: `<bootId>-<seq>`. */
export function formatEventId(bootId: string, seq: number): string {
  return `${bootId}-${seq}`;
}

/** Reads a hub event id, or null when it is not one. */
export function parseEventId(
  id: string,
): { bootId: string; seq: number } | null {
  const match = /^([A-Za-z0-9]{1,16})-(\d{1,15})$/.exec(id);
  if (match === null) return null;
  return { bootId: match[1] as string, seq: Number(match[2]) };
}
