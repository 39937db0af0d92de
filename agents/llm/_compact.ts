/**
 * The compact record's policy: which speech stays verbatim and how the rest
 * is digested. Verbatim: the current day's last round of speech, that is
 * its last N speech lines (both channels) where N is the number of living
 * players, so a speaker hears everyone since its own last turn and a voter
 * the whole last round. Every other speech line (earlier rounds of the day,
 * older days) enters one digest line per day, placed where that day's last
 * digested line was: who spoke how often (per channel) and the seats each
 * named most. Only speech is ever digested.
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
  /** At the index of each day's last digested line, that day's digested lines. */
  digestAt: Map<number, GameEvent[]>;
}

/** Which of `events`' speech lines stay verbatim, and the digests. */
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
  const byDay = new Map<number, { last: number; lines: GameEvent[] }>();
  for (const index of speech) {
    if (verbatim.has(index)) continue;
    const day = byDay.get(dayOf[index]!) ?? { last: index, lines: [] };
    day.last = index;
    day.lines.push(events[index]!);
    byDay.set(dayOf[index]!, day);
  }
  const digestAt = new Map(
    [...byDay.values()].map(({ last, lines }) => [last, lines]),
  );
  return { dayOf, today, verbatim, digestAt };
}

/** The words of a digest line, in one language. */
export interface DigestWords {
  /**
   * The label before a channel's speakers, with its colon (`""`: none):
   * the werewolves' channel, `each` when every speaker spoke that often.
   */
  group(options: { wolves: boolean; each: number | null }): string;
  /**
   * The whole line, from its groups (public, then the werewolves');
   * `legend`: with how to read it (the prompt's first digest only).
   */
  line(groups: string, legend: boolean): string;
}

/** The digest's words in English. */
export const DIGEST_EN: DigestWords = {
  group: ({ wolves, each }) => {
    const label = [
      wolves ? "to the werewolves" : "",
      each === null ? "" : `${each}x each`,
    ].filter(Boolean).join(", ");
    return label ? `${label}: ` : "";
  },
  line: (groups, legend) =>
    `(speech digest${
      legend ? "; speaker first, then the seats it named most" : ""
    }: ${groups})`,
};

/**
 * The digest line of one day's digested speech (it sits in that day's
 * block): per speaker, how often it spoke and the seats it named most
 * (`p3 p1 p2 p5`: p3 named p1 most; `p3 2x p1`: p3 spoke twice), the count
 * said once for a channel whose speakers all spoke as often (`2x each`);
 * the public channel first, then the werewolves' channel. `legend`
 * (default true) says how to read it; a prompt says it in its first digest.
 */
export function digest(
  speech: readonly GameEvent[],
  options: { words?: DigestWords; legend?: boolean } = {},
): string {
  const { words = DIGEST_EN, legend = true } = options;
  type Speakers = Map<string, { count: number; named: Map<string, number> }>;
  const channels = new Map<"public" | "werewolves", Speakers>();
  for (const event of speech) {
    if (event.type !== "agent_message") continue;
    const channel = event.channel === "werewolves" ? "werewolves" : "public";
    const speakers: Speakers = channels.get(channel) ?? new Map();
    channels.set(channel, speakers);
    const entry = speakers.get(event.agent_id) ??
      { count: 0, named: new Map() };
    entry.count++;
    for (const [seat] of event.message_text.matchAll(/\bp\d{1,2}\b/g)) {
      if (seat !== event.agent_id) {
        entry.named.set(seat, (entry.named.get(seat) ?? 0) + 1);
      }
    }
    speakers.set(event.agent_id, entry);
  }
  const group = (speakers: Speakers, wolves: boolean) => {
    const counts = new Set([...speakers.values()].map(({ count }) => count));
    const each = counts.size === 1 ? [...counts][0]! : null;
    const parts = [...speakers].map(([seat, { count, named }]) => {
      const most = [...named].sort((a, b) =>
        b[1] - a[1] || Number(a[0].slice(1)) - Number(b[0].slice(1))
      ).slice(0, DIGEST_NAMED_MAX).map(([named]) => named);
      return [seat, ...(each === null ? [`${count}x`] : []), ...most]
        .join(" ");
    }).join("; ");
    return words.group({ wolves, each }) + parts;
  };
  const groups = [
    ...(channels.has("public") ? [group(channels.get("public")!, false)] : []),
    ...(channels.has("werewolves")
      ? [group(channels.get("werewolves")!, true)]
      : []),
  ];
  return words.line(groups.join("; "), legend);
}
