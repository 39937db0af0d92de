/**
 * The shape of a model's answer to one turn, as zod schemas built from the
 * turn (the allowed targets become an enum) with `reasoning` first, and how a
 * valid answer becomes moves. The JSON schemas the model sees are generated
 * from these with `z.toJSONSchema`, so what is asked is what is validated.
 * @module
 */
import { z } from "zod";
import { BID_AMOUNTS, type GameEvent, type PlayerId } from "../../src/mod.ts";
import type { Move, Turn } from "../moves.ts";

/** The longest private reasoning kept, in characters. */
export const REASONING_MAX_CHARS = 4000;

/** The default `maxSayChars` of a game whose settings do not say. */
const SAY_MAX_DEFAULT = 2000;

/** One tool of the `tools` output mode: an action the model may call. */
export interface ToolSpec {
  name: string;
  description: string;
  schema: z.ZodObject;
}

/** A call the model made in the `tools` output mode. */
export interface ToolCall {
  name: string;
  args: unknown;
}

/** What is asked on one turn and how its answer becomes moves. */
export interface AnswerSpec {
  /** The schema's name (`[a-z_]`, as `response_format` wants). */
  name: string;
  schema: z.ZodObject;
  /** One tool per action the turn allows. */
  tools: ToolSpec[];
  /** Folds the tool calls into a value for `schema`. */
  fromTools(calls: readonly ToolCall[]): unknown;
  /** The moves of a value `schema` accepted. */
  toMoves(value: Record<string, unknown>): Move[];
}

const reasoning = z.string().max(REASONING_MAX_CHARS).describe(
  "your private reasoning: no other player sees it",
);

function targets(options: readonly string[]) {
  return z.enum(options as [string, ...string[]]);
}

/** The JSON schema of a zod object, without the `$schema` line. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema) as Record<
    string,
    unknown
  >;
  return rest;
}

/** A one-tool spec whose tool takes the answer's own schema. */
function single(
  name: string,
  description: string,
  schema: z.ZodObject,
  toMoves: (value: Record<string, unknown>) => Move[],
): AnswerSpec {
  return {
    name,
    schema,
    tools: [{ name, description, schema }],
    fromTools: (calls) => calls.find((call) => call.name === name)?.args,
    toMoves,
  };
}

/** The witch's spec: save (while she can), poison (while she can), pass. */
function witchSpec(turn: Turn, events: readonly GameEvent[]): AnswerSpec {
  const info = events.findLast((event) => event.type === "witch_info");
  const canSave = info?.heal_available === true && info.victim !== null;
  const poisonable = turn.options.filter((id) => id !== turn.player_id);
  const canPoison = info?.poison_available === true && poisonable.length > 0;
  const shape: Record<string, z.ZodType> = { reasoning };
  if (canSave) {
    shape.save = z.boolean().describe(`true: save ${info.victim}`);
  }
  if (canPoison) {
    shape.poison = targets(poisonable).nullable().describe(
      "whom to poison, or null",
    );
  }
  const schema = z.object(shape);
  const tools: ToolSpec[] = [{
    name: "witch_pass",
    description: "end your turn (after any potion)",
    schema: z.object({ reasoning }),
  }];
  if (canSave) {
    tools.unshift({
      name: "witch_save",
      description: `save ${info.victim} with the healing potion`,
      schema: z.object({ reasoning }),
    });
  }
  if (canPoison) {
    tools.unshift({
      name: "witch_poison",
      description: "poison a player",
      schema: z.object({ reasoning, target: targets(poisonable) }),
    });
  }
  return {
    name: "witch",
    schema,
    tools,
    fromTools(calls) {
      const args = calls.map((call) => call.args as Record<string, unknown>);
      const poison = calls.find((call) => call.name === "witch_poison");
      return {
        reasoning: args.map((arg) => arg?.reasoning ?? "").join("\n"),
        ...(canSave
          ? { save: calls.some((call) => call.name === "witch_save") }
          : {}),
        ...(canPoison
          ? { poison: (poison?.args as { target?: unknown })?.target ?? null }
          : {}),
      };
    },
    toMoves(value) {
      const moves: Move[] = [];
      if (value.save === true && info?.victim) {
        moves.push({
          kind: "act",
          action: { kind: "witch_save", target: info.victim },
        });
      }
      if (typeof value.poison === "string") {
        moves.push({
          kind: "act",
          action: { kind: "witch_poison", target: value.poison },
        });
      }
      // her turn ends by itself once nothing usable is left
      const left = (canSave && value.save !== true) ||
        (info?.poison_available === true && typeof value.poison !== "string");
      if (left || moves.length === 0) {
        moves.push({ kind: "act", action: { kind: "witch_pass" } });
      }
      return moves;
    },
  };
}

/** The game's longest `say`, from its settings. */
function sayMax(events: readonly GameEvent[]): number {
  const created = events.find((event) => event.type === "game_created");
  return created?.maxSayChars ?? SAY_MAX_DEFAULT;
}

/** The answer spec of `turn`, given the seat's events (for the settings). */
export function answerSpec(
  turn: Turn,
  events: readonly GameEvent[],
): AnswerSpec {
  switch (turn.request) {
    case "speak": {
      const max = sayMax(events);
      const text = z.string().max(max).describe(
        `what you say to everyone (at most ${max} characters; "" to pass)`,
      );
      return single(
        "say",
        "speak in the discussion",
        z.object({ reasoning, text }),
        (value) => [{ kind: "say", text: value.text as string }],
      );
    }
    case "vote": {
      const target = turn.options.length > 0
        ? targets(turn.options).nullable()
        : z.null();
      return single(
        "vote",
        "vote to eliminate a player, or null to abstain",
        z.object({ reasoning, target: target.describe("or null to abstain") }),
        (value) => [{ kind: "vote", target: value.target as PlayerId | null }],
      );
    }
    case "witch":
      return witchSpec(turn, events);
    case "bid": {
      // the turn's own amounts (0 listen … 4 "I was addressed directly")
      const amounts = (turn.amounts ?? BID_AMOUNTS) as [number, ...number[]];
      const amount = z.literal(amounts).describe(
        "how much you want the next speaking turn (0: listen)",
      );
      return single(
        "bid",
        "bid for the next speaking turn",
        z.object({ reasoning, amount }),
        (value) => [{ kind: "bid", amount: value.amount as number }],
      );
    }
    case "wolf_kill": {
      const message = z.string().max(sayMax(events)).describe(
        'what you tell your fellow werewolves ("" for nothing)',
      );
      return single(
        "wolf_kill",
        "choose tonight's victim (and talk to your fellow werewolves)",
        z.object({ reasoning, message, target: targets(turn.options) }),
        (value) => [
          ...(value.message
            ? [{ kind: "say" as const, text: value.message as string }]
            : []),
          {
            kind: "act",
            action: { kind: "wolf_kill", target: value.target as PlayerId },
          },
        ],
      );
    }
    default: {
      const kind = turn.request;
      return single(
        kind,
        `choose the target of ${kind}`,
        z.object({ reasoning, target: targets(turn.options) }),
        (value) => [{
          kind: "act",
          action: { kind, target: value.target as PlayerId },
        }],
      );
    }
  }
}
