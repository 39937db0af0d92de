/**
 * The arena scenario's scripted model: legal answers (json_schema output
 * mode) that depend only on the game's seed, the seat the prompt names and
 * how many requests that seat made before, never on the prompt's record or
 * the order requests arrive in. Two runs of a game with the same seed, one
 * with compact prompts and one with the full log, thus get the same answers
 * and play the same game.
 * @module
 */
import { random } from "../agents/bot_memory.ts";
import {
  type StubReply,
  type StubRequest,
  valueOf,
} from "../agents/testing/model_stub.ts";

/** Sentences a speech is made of; `@` is replaced by a seat. */
const SENTENCES = [
  "I have been watching how @ votes, and it does not add up for me.",
  "Last night's death tells us the werewolves fear someone who talks a lot.",
  "If @ is innocent, I would like to hear why they stayed so quiet.",
  "I am a plain villager and I have nothing to hide from anyone here.",
  "Let us not split our votes again, or the werewolves win by default.",
  "@ defended @ too quickly yesterday; that looks like a pair to me.",
  "I trust @ for now, but one more strange vote and I change my mind.",
  "Whoever claims the seer should tell us who they checked, right now.",
  "My vote today goes where the evidence points, and it points at @.",
  "We lose a villager every night, so a wrong vote costs us twice.",
  "I noticed @ hesitated before answering; werewolves need time to lie.",
  "Please, everyone, say whom you suspect and why, in one clear sentence.",
];

/** Sentences one werewolf tells the others at night. */
const WOLF_SENTENCES = [
  "Let us take @ tonight; they are getting too close to us.",
  "Tomorrow I will push the vote on @ so nobody looks at us.",
  "Careful: @ might be the seer, they sounded far too sure.",
];

/**
 * Sentences per speech by default: about 50 words, 270 characters, 65
 * tokens (a sentence is 13 words on average).
 */
export const SPEECH_SENTENCES = 4;
/** The most sentences a speech may have: 25 stay under 2,000 characters. */
export const SPEECH_SENTENCES_MAX = 25;
/** Sentences per werewolf message. */
const WOLF_MESSAGE_SENTENCES = 2;

/** `count` sentences of `from`, each `@` a seat of an 8-player game. */
function text(
  from: readonly string[],
  count: number,
  rand: () => number,
): string {
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(rand() * items.length)]!;
  return Array.from(
    { length: count },
    () => pick(from).replace(/@/g, () => `p${1 + Math.floor(rand() * 8)}`),
  ).join(" ");
}

/**
 * The stub's `reply` for game `seed`: a seeded legal value of each
 * request's schema, with scripted speech of `sentences` sentences (default
 * {@linkcode SPEECH_SENTENCES}) and werewolf messages.
 */
export function scriptedReply(
  seed: number,
  options: { sentences?: number } = {},
): (request: StubRequest) => StubReply {
  const sentences = options.sentences ?? SPEECH_SENTENCES;
  const asked = new Map<string, number>();
  return (request) => {
    const system = request.messages[0]?.content ?? "";
    // `You are p3.` (compact) or `You are p3, named "…".` (full)
    const seat = /^You are p(\d+)[.,]/m.exec(system)?.[1];
    const schema = request.response_format?.json_schema?.schema;
    if (seat === undefined || schema === undefined) {
      throw new Error("the arena script answers json_schema requests only");
    }
    const count = asked.get(seat) ?? 0;
    asked.set(seat, count + 1);
    const rand = random(seed * 1_000_003 + Number(seat) * 1009 + count);
    const value = valueOf(schema as object, rand) as Record<string, unknown>;
    if (typeof value.text === "string") {
      value.text = text(SENTENCES, sentences, rand);
    }
    if (typeof value.message === "string") {
      value.message = text(WOLF_SENTENCES, WOLF_MESSAGE_SENTENCES, rand);
    }
    return { content: JSON.stringify(value) };
  };
}
