/**
 * The record section of a prompt: one line per fact the seat saw, in order.
 * Players' speech and names enter only as JSON strings (escaped: they cannot
 * close the quote or start a line) labelled with the speaker's seat. The
 * `compact` mode digests older speech (`_compact.ts`); the `full` mode
 * renders every line, in every prompt. Both keep every vote, death, revealed
 * role and private result: `full` one line each, `compact` in one block per
 * day (`_days.ts`). The lines are in the game's language
 * (`game_created.locale`): English here, French in `_record_fr.ts`.
 * @module
 */
import {
  type GameEvent,
  type GameEventOf,
  type Locale,
  logLocale,
} from "../../src/mod.ts";
import { compaction, digest, DIGEST_EN, type DigestWords } from "./_compact.ts";
import { bidsText, dayLines, DAYS_EN, type DaysWords } from "./_days.ts";
import { RECORD_FR } from "./_record_fr.ts";

export { quote } from "./_quote.ts";
import { quote } from "./_quote.ts";

/**
 * How the record section renders a seat's log: `compact` digests older
 * speech, `full` renders the whole log in every prompt.
 */
export const RECORD_MODES = ["compact", "full"] as const;

/** One of {@linkcode RECORD_MODES}. */
export type RecordMode = (typeof RECORD_MODES)[number];

/** How one language renders the record. */
export interface RecordWords {
  /** The record line of an event for seat `me`, or null when it adds nothing. */
  line(event: GameEvent, me: string): string | null;
  /**
   * A verbatim speech line of the compact record: the speaker's seat, the
   * channel when it is the werewolves', the text quoted.
   */
  speech(event: GameEventOf<"agent_message">): string;
  /** The words of a digest line. */
  digest: DigestWords;
  /** The words of the compact record's day blocks. */
  days: DaysWords;
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
      if (event.action === "bid") {
        return `${who} bid ${event.amount ?? 0}${late}`;
      }
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
    case "speaking_order":
      return `round ${event.round} order: ${event.order.join(", ")}`;
    case "bids_revealed":
      return bidsText(event, me);
    case "vote_result":
      return `vote of day ${event.day}: ${
        Object.entries(event.tally).map(([id, n]) => `${id} ${n}`).join(", ") ||
        "no votes"
      }; ${event.abstentions} abstained; eliminated: ${
        event.eliminated ?? "nobody"
      }${
        event.votes
          ? `; votes: ${
            Object.entries(event.votes).map(([voter, target]) =>
              `${voter} ${target ?? "abstained"}`
            ).join(", ")
          }`
          : ""
      }`;
    default:
      return null;
  }
}

/** The compact record's speech line: `p3: "…"`, `p3 to the werewolves: "…"`. */
function speech(event: GameEventOf<"agent_message">): string {
  const to = event.channel === "werewolves" ? " to the werewolves" : "";
  return `${event.agent_id}${to}: ${quote(event.message_text)}`;
}

const WORDS: Record<Locale, RecordWords> = {
  en: { line, speech, digest: DIGEST_EN, days: DAYS_EN },
  fr: RECORD_FR,
};

/**
 * The record lines of `events` for seat `me`, in the game's language: in the `full` mode one line
 * per event; in the `compact` mode (the default) one block per day
 * (`_days.ts`: one line per phase with facts, the vote on one line) with
 * only the current day's last round of speech verbatim (see
 * {@linkcode compaction}) and all other speech in one digest line.
 */
export function recordLines(
  events: readonly GameEvent[],
  me: string,
  mode: RecordMode = "compact",
): string[] {
  const words = WORDS[logLocale(events)];
  if (mode === "full") {
    return events.flatMap((event) => words.line(event, me) ?? []);
  }
  const { dayOf, verbatim, digested } = compaction(events);
  const lines: string[] = [];
  const block = { day: -1, parts: [] as (GameEvent | string)[] };
  const close = () => {
    if (block.parts.length === 0) return;
    lines.push(...dayLines(block.day, block.parts, { me, words: words.days }));
    block.parts = [];
  };
  for (const [index, event] of events.entries()) {
    const day = dayOf[index]!;
    if (block.day !== day) close();
    block.day = day;
    if (event.type !== "agent_message") block.parts.push(event);
    else if (verbatim.has(index)) block.parts.push(words.speech(event));
    else if (index === digested?.at) {
      block.parts.push(digest(digested.lines, words.digest));
    }
  }
  close();
  return lines;
}
