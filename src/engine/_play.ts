/**
 * The running game's commands other than powers: speech, votes, timeouts.
 * @module
 */
import { accept, draft, emit, refuse } from "./_emit.ts";
import { pendingOf, phaseText, seatOf } from "./_query.ts";
import { advance } from "./_steps.ts";
import { checkActor, checkTarget } from "./_checks.ts";
import { speakRefusal } from "./_talk_refusals.ts";
import { cleanSpeech } from "./speech.ts";
import { defaultAction } from "./_defaults.ts";
import { recordsOf } from "./_records.ts";
import type { Command, Decision, GameState } from "./types.ts";

type CommandOf<T extends Command["type"]> = Extract<Command, { type: T }>;

/**
 * `say`: a speaking turn in the discussion (in a parallel round, held
 * until the round's reveal), or the werewolves' night chat.
 * The text must fit the game's `maxSayChars` and follow the speech rule
 * ({@linkcode cleanSpeech}); the event carries the cleaned text and, when
 * lines were removed, how many.
 */
export function say(state: GameState, c: CommandOf<"say">): Decision {
  const refused = checkActor(state, c.player_id);
  if (refused !== null) return refused;
  const { maxSayChars } = state.settings;
  if (c.text.length > maxSayChars) {
    return refuse(
      "BAD_REQUEST",
      `the message has ${c.text.length} characters: this game allows at most ${maxSayChars} per message, so say it in fewer words`,
    );
  }
  const speech = cleanSpeech(c.text);
  if (!speech.ok) return refuse("BAD_REQUEST", speech.message);
  const records = recordsOf(c);
  if (!records.ok) return records.refused;
  const seat = seatOf(state, c.player_id)!;
  const d = draft(state, c.at);
  const message = {
    type: "agent_message",
    agent_id: seat.id,
    agent_name: seat.name,
    message_text: speech.text,
    ...(speech.redactedLines > 0
      ? { redacted_lines: speech.redactedLines }
      : {}),
    ...records.fields,
  } as const;
  if (state.phase === "night" && seat.role === "werewolf") {
    if (speech.text === "") {
      return refuse(
        "BAD_REQUEST",
        "an empty message says nothing: write to the other werewolves, or act with wolf_kill",
      );
    }
    emit(d, { ...message, phase: "night", channel: "werewolves" });
    return accept(d);
  }
  const speaking = pendingOf(state, c.player_id)?.request === "speak";
  if (!speaking) {
    return refuse(
      "PRECONDITION_FAILED",
      speakRefusal(state, seat.id, seat.role === "werewolf"),
    );
  }
  if (state.settings.turnPolicy === "parallel") {
    emit(d, {
      type: "speech_held",
      player_id: seat.id,
      day: state.day,
      round: state.talk.round,
      message_text: speech.text,
      ...(speech.redactedLines > 0
        ? { redacted_lines: speech.redactedLines }
        : {}),
      ...records.fields,
    });
  } else if (speech.text === "") {
    emit(d, {
      type: "player_action",
      player_id: seat.id,
      action: "pass",
      target: null,
      timed_out: false,
      ...records.fields,
    });
  } else {
    emit(d, { ...message, phase: "discussion", channel: "public" });
  }
  advance(d);
  return accept(d);
}

/** `vote`: one vote per living player per day; `null` abstains. */
export function vote(state: GameState, c: CommandOf<"vote">): Decision {
  const refused = checkActor(state, c.player_id);
  if (refused !== null) return refused;
  const pending = pendingOf(state, c.player_id);
  if (state.phase !== "vote") {
    return refuse(
      "PRECONDITION_FAILED",
      `not the time to vote: ${
        phaseText(state)
      }; the village votes by day, in the vote phase`,
    );
  }
  if (pending?.request !== "vote") {
    return refuse(
      "PRECONDITION_FAILED",
      `${c.player_id} already voted today: one vote each, wait for the others`,
    );
  }
  if (c.target !== null) {
    const bad = checkTarget(state, pending, c.target, "vote against");
    if (bad !== null) return bad;
  }
  const records = recordsOf(c);
  if (!records.ok) return records.refused;
  const d = draft(state, c.at);
  emit(d, {
    type: "player_action",
    player_id: c.player_id,
    action: "vote",
    target: c.target,
    timed_out: false,
    ...records.fields,
  });
  advance(d);
  return accept(d);
}

/**
 * `timeout`: the defaults for every awaited action due by `at`, each
 * recorded as a `player_action` with `timed_out` and `default.cause`
 * "deadline" (see `defaultAction`): speak → pass, vote → abstain, bid → 0,
 * a night power, the witch and the hunter → no target; the werewolves' victim is
 * then the plurality of those who chose (none: a seeded random victim).
 * Nothing due: accepted with no events.
 */
export function timeout(state: GameState, c: CommandOf<"timeout">): Decision {
  const due = state.pending.filter((p) => p.deadline <= c.at);
  const d = draft(state, c.at);
  if (due.length === 0) return accept(d);
  for (const p of due) emit(d, defaultAction(d.state, p, "deadline"));
  advance(d, d.state.pending.every((p) => p.deadline <= c.at));
  return accept(d);
}
