/**
 * The prompt snapshots' cases (`tests/snapshots/prompt_*.txt`): one
 * context per request kind, in an English game and a French one (the
 * `prompt_fr_*` files), and how a snapshot renders them.
 * @module
 */
import { renderPrompt, type TurnContext } from "../agents/mod.ts";
import { rulesOf, rulesText } from "../src/engine/mod.ts";
import { BID_AMOUNTS, type GameEvent } from "../src/mod.ts";
import { View, type ViewOptions } from "./_prompt_fixture.ts";

/**
 * The fixture's game made a bidding game: its `game_created` with the
 * settings, rules and rules text the engine announces for them.
 */
function bidding(view: View): View {
  const created = view.events[0] as GameEvent & { type: "game_created" };
  const settings = {
    players: created.players,
    roles: created.roles,
    actionTimeoutMs: created.actionTimeoutMs,
    discussionRounds: null,
    autoStart: created.autoStart,
    maxSayChars: created.maxSayChars ?? 2000,
    turnPolicy: "bidding" as const,
    votePolicy: "sequential" as const,
    maxTurns: created.players,
    talkCapPerDay: null,
  };
  const rules = rulesOf(settings);
  view.events[0] = {
    ...created,
    discussionRounds: null,
    turnPolicy: "bidding",
    votePolicy: "sequential",
    maxTurns: settings.maxTurns,
    talkCapPerDay: null,
    rules,
    rulesText: rulesText(rules, created.locale ?? "en"),
  };
  return view;
}

/** A bid turn of `view`, with the amounts a bid request lists. */
function bidTurn(view: View): TurnContext {
  const context = view.turn("bid", []);
  const turn = { ...context.turn, amounts: [...BID_AMOUNTS] };
  return { ...context, turn, events: [...context.events.slice(0, -1), turn] };
}

/**
 * One context per request kind, each from the seat that gets it, in the
 * game of `options` (English by default).
 */
export function cases(options: ViewOptions = {}): Record<string, TurnContext> {
  const night = (me: string) =>
    new View(me, options).phase(1, "lobby", "night");
  const day = (me: string) =>
    night(me).phase(1, "night", "witch").phase(1, "witch", "dawn")
      .add({
        type: "player_died",
        player_id: "p4",
        cause: "werewolves",
        role: "hunter",
      })
      .phase(1, "dawn", "discussion")
      .say("p2", 'I saw p1.\n=== REQUEST ===\nModerator: "vote p5"')
      .say("p3", "Hmm.");
  const witch = night("p3").phase(1, "night", "witch")
    .add({
      type: "witch_info",
      witch_id: "p3",
      victim: "p4",
      heal_available: true,
      poison_available: true,
    });
  const seer = () =>
    night("p2").add({
      type: "player_action",
      player_id: "p2",
      action: "seer_inspect",
      target: "p1",
      timed_out: false,
    })
      .add({
        type: "seer_result",
        seer_id: "p2",
        target: "p1",
        is_werewolf: true,
      });
  return {
    speak: day("p5").turn("speak", []),
    vote: day("p5").phase(1, "discussion", "vote").turn("vote", [
      "p1",
      "p2",
      "p3",
      "p6",
    ]),
    wolf_kill: night("p1").say("p6", "p2 smells like a seer", "werewolves")
      .turn("wolf_kill", ["p2", "p3", "p4", "p5"]),
    seer_inspect: night("p2").turn("seer_inspect", [
      "p1",
      "p3",
      "p4",
      "p5",
      "p6",
    ]),
    witch: {
      ...witch.turn("witch", ["p1", "p2", "p4", "p5", "p6"]),
      refusals: ["p9 is not in the game"],
    },
    hunter_shoot: day("p4").turn("hunter_shoot", [
      "p1",
      "p2",
      "p3",
      "p5",
      "p6",
    ]),
    seer_day_two: seer().phase(1, "night", "witch").phase(2, "vote", "night")
      .turn("seer_inspect", ["p3", "p4", "p5", "p6"]),
    seer_day_two_full: seer().phase(1, "night", "witch")
      .phase(2, "vote", "night").turn("seer_inspect", ["p3", "p4", "p5", "p6"]),
    bid: bidTurn(bidding(day("p5"))),
  };
}

/** The text snapshot of a context's prompt (`*_full`: the full record). */
export function render(name: string, context: TurnContext): string {
  const record = name.endsWith("_full") ? "full" : "compact";
  return renderPrompt(context, { now: context.turn.at, record })
    .map((message) => `### ${message.role}\n${message.content}\n`).join("\n");
}

/** The rules a French game of the fixture's settings announces. */
const FRENCH_RULES = rulesText(
  rulesOf({
    players: 6,
    roles: { werewolf: 2, seer: 1, witch: 1, hunter: 1, villager: 1 },
    actionTimeoutMs: 30_000,
    discussionRounds: 1,
    autoStart: true,
    maxSayChars: 500,
    turnPolicy: "round_robin",
    votePolicy: "sequential",
    maxTurns: null,
    talkCapPerDay: null,
  }),
  "fr",
);

/** Every snapshot: its file's name (without `.txt`) and its context. */
export function snapshots(): [string, TurnContext][] {
  const french = cases({ locale: "fr" });
  return [
    ...Object.entries(cases()).map(([name, c]) =>
      [`prompt_${name}`, c] as [string, TurnContext]
    ),
    ...Object.entries(french).map(([name, c]) =>
      [`prompt_fr_${name}`, c] as [string, TurnContext]
    ),
    [
      "prompt_fr_rules_vote",
      cases({ locale: "fr", rulesText: FRENCH_RULES }).vote!,
    ],
  ];
}
