/**
 * The record section of a prompt: one line per fact the seat saw, in order.
 * Players' speech and names enter only as JSON strings (escaped: they cannot
 * close the quote or start a line) labelled with the speaker's seat. Speech
 * of days before the previous one is compacted into one digest line per day;
 * every vote, death, revealed role and private result is kept.
 * @module
 */
import type { GameEvent } from "../../src/mod.ts";

/** `text` as a JSON string, with the line separators escaped too. */
export function quote(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(
    /\u2029/g,
    "\\u2029",
  );
}

/** The record line of `event`, or null when it adds nothing. */
function line(event: GameEvent, me: string): string | null {
  switch (event.type) {
    case "phase_update":
      return `-- day ${event.day}, ${event.new_phase} --`;
    case "agent_message":
      return `${event.agent_id} ${
        event.channel === "werewolves" ? "said to the werewolves" : "said"
      }: ${quote(event.message_text)}`;
    case "player_action": {
      const who = event.player_id === me ? `${event.player_id} (you)` : event
        .player_id;
      const late = event.timed_out ? " (deadline passed)" : "";
      if (event.action === "vote") {
        return `${who} voted ${event.target ?? "to abstain"}${late}`;
      }
      if (event.action === "pass") return `${who} passed${late}`;
      return `${who} used ${event.action}${
        event.target ? ` on ${event.target}` : ""
      }${late}`;
    }
    case "seer_result":
      return `you inspected ${event.target}: ${
        event.is_werewolf ? "a werewolf" : "not a werewolf"
      }`;
    case "witch_info":
      return `the werewolves' victim tonight: ${
        event.victim ?? "nobody"
      }; healing potion ${
        event.heal_available ? "available" : "used"
      }; poison ${event.poison_available ? "available" : "used"}`;
    case "player_died":
      return `${event.player_id} died (${event.cause}); role: ${event.role}`;
    case "vote_result":
      return `vote of day ${event.day}: ${
        Object.entries(event.tally).map(([id, n]) => `${id} ${n}`).join(", ") ||
        "no votes"
      }; ${event.abstentions} abstained; eliminated: ${
        event.eliminated ?? "nobody"
      }`;
    default:
      return null;
  }
}

/** A digest of one day's speech: who spoke how often, whom they named. */
function digest(day: number, speech: readonly GameEvent[]): string {
  const said = new Map<string, { count: number; named: Set<string> }>();
  for (const event of speech) {
    if (event.type !== "agent_message") continue;
    const entry = said.get(event.agent_id) ??
      { count: 0, named: new Set<string>() };
    entry.count++;
    for (const match of event.message_text.matchAll(/\bp\d{1,2}\b/g)) {
      entry.named.add(match[0]);
    }
    said.set(event.agent_id, entry);
  }
  const parts = [...said].map(([id, { count, named }]) =>
    `${id} spoke ${count}x${
      named.size ? ` naming ${[...named].sort().join(" ")}` : ""
    }`
  );
  return `(speech of day ${day}, digested: ${parts.join("; ") || "none"})`;
}

/**
 * The record lines of `events` for seat `me`: full speech for the current
 * and the previous day, a digest for older days.
 */
export function recordLines(
  events: readonly GameEvent[],
  me: string,
): string[] {
  let day = 0;
  const dayOf = events.map((event) => {
    if (event.type === "phase_update") day = event.day;
    return day;
  });
  const keepFrom = day - 1;
  const lines: string[] = [];
  let held: GameEvent[] = [];
  let heldDay = -1;
  const flush = () => {
    if (held.length > 0) lines.push(digest(heldDay, held));
    held = [];
  };
  for (const [index, event] of events.entries()) {
    const eventDay = dayOf[index]!;
    if (event.type === "agent_message" && eventDay < keepFrom) {
      if (eventDay !== heldDay) flush();
      heldDay = eventDay;
      held.push(event);
      continue;
    }
    if (event.type === "phase_update" && eventDay !== heldDay) flush();
    const text = line(event, me);
    if (text !== null) lines.push(text);
  }
  flush();
  return lines;
}
