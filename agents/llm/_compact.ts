/**
 * The compact record's policy: which speech stays verbatim and how the rest
 * is digested. Verbatim: the current day's last round of speech, that is
 * its last N speech lines (both channels) where N is the number of living
 * players, so a speaker hears everyone since its own last turn and a voter
 * the whole last round. Every other speech line (earlier rounds of the day,
 * older days) enters one digest line for the whole prompt, placed where the
 * last digested line was: per channel, each speaker and the seats it named
 * most over all that speech, so the digest does not grow with the days.
 * Only speech is ever digested.
 * @module
 */
import type { GameEvent } from "../../src/mod.ts";

/** The most seats a digest names per speaker. */
export const DIGEST_NAMED_MAX = 3;

/** What {@linkcode compaction} decided for a seat's events. */
export interface Compaction {
  /** The day of each event (the last `phase_update`'s before it). */
  dayOf: number[];
  /** The current day. */
  today: number;
  /** The indices of the speech lines kept verbatim. */
  verbatim: Set<number>;
  /**
   * The digested speech lines (every speech line not verbatim, in order)
   * and the index of the last one, where the digest line goes; undefined
   * when nothing is digested.
   */
  digested: { at: number; lines: GameEvent[] } | undefined;
}

/** Which of `events`' speech lines stay verbatim, and the digested ones. */
export function compaction(events: readonly GameEvent[]): Compaction {
  let today = 0;
  const dead = new Set<string>();
  const dayOf = events.map((event) => {
    if (event.type === "phase_update") today = event.day;
    if (event.type === "player_died") dead.add(event.player_id);
    return today;
  });
  const started = events.findLast((event) => event.type === "game_started");
  const living = (started?.players.length ?? 0) - dead.size;
  const speech = [...events.keys()].filter((index) =>
    events[index]!.type === "agent_message"
  );
  const verbatim = new Set(
    speech.filter((index) => dayOf[index] === today).slice(
      -Math.max(1, living),
    ),
  );
  const older = speech.filter((index) => !verbatim.has(index));
  const digested = older.length === 0 ? undefined : {
    at: older.at(-1)!,
    lines: older.map((index) => events[index]!),
  };
  return { dayOf, today, verbatim, digested };
}

/** The words of a digest line, in one language. */
export interface DigestWords {
  /** The label before the werewolves' channel's speakers, with its colon. */
  wolves: string;
  /** The whole line, from its groups (public, then the werewolves'). */
  line(groups: string): string;
}

/** The digest's words in English. */
export const DIGEST_EN: DigestWords = {
  wolves: "to the werewolves: ",
  line: (groups) =>
    `(earlier speech; speaker first, then the seats it named most: ${groups})`,
};

/**
 * The digest line of `speech` (every digested speech line of the prompt):
 * per speaker, in the order they first spoke, the seats it named most
 * (`p3 p1 p2 p5`: p3 named p1 most, then p2, then p5; at most
 * {@linkcode DIGEST_NAMED_MAX}, ties by seat); the public channel first,
 * then the werewolves' channel. How often each spoke is not said (a pass
 * is a fact of its day's block).
 */
export function digest(
  speech: readonly GameEvent[],
  words: DigestWords = DIGEST_EN,
): string {
  type Speakers = Map<string, Map<string, number>>;
  const channels = new Map<"public" | "werewolves", Speakers>();
  for (const event of speech) {
    if (event.type !== "agent_message") continue;
    const channel = event.channel === "werewolves" ? "werewolves" : "public";
    const speakers: Speakers = channels.get(channel) ?? new Map();
    channels.set(channel, speakers);
    const named = speakers.get(event.agent_id) ?? new Map<string, number>();
    for (const [seat] of event.message_text.matchAll(/\bp\d{1,2}\b/g)) {
      if (seat !== event.agent_id) named.set(seat, (named.get(seat) ?? 0) + 1);
    }
    speakers.set(event.agent_id, named);
  }
  const group = (speakers: Speakers) =>
    [...speakers].map(([seat, named]) => {
      const most = [...named].sort((a, b) =>
        b[1] - a[1] || Number(a[0].slice(1)) - Number(b[0].slice(1))
      ).slice(0, DIGEST_NAMED_MAX).map(([named]) => named);
      return [seat, ...most].join(" ");
    }).join("; ");
  const groups = [
    ...(channels.has("public") ? [group(channels.get("public")!)] : []),
    ...(channels.has("werewolves")
      ? [words.wolves + group(channels.get("werewolves")!)]
      : []),
  ];
  return words.line(groups.join("; "));
}
