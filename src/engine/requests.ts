/**
 * Every request the game may await (`your_turn.request`): who is asked,
 * the procedure and the answers that answer it, its default at the
 * deadline, and when the turn ends. One table: the engine's checks read
 * its `via`, `kinds` and `defaultAction` (`_act.ts`, `_defaults.ts`), and
 * the README's table of requests is checked against its texts
 * (`tests/readme_requests_test.ts`).
 * @module
 */
import {
  type ACTION_KINDS,
  BID_DEFAULT,
  BID_MAX,
  type Request,
} from "../contract/mod.ts";
import type { Via } from "./types.ts";

/** A `game.act` kind. */
type ActionKind = typeof ACTION_KINDS[number];

/** The `player_action.action` a default records. */
export type DefaultAction =
  | "pass"
  | "vote"
  | "bid"
  | "wolf_kill"
  | "seer_inspect"
  | "guard_protect"
  | "witch_pass"
  | "hunter_shoot";

/** How one request is answered, and when its turn ends. */
export interface RequestRule {
  /** The procedure that answers it: `game.<via>` (the `/ws` message of that name). */
  via: Via;
  /** The `game.act` kinds that answer it (none for the other procedures). */
  kinds: readonly ActionKind[];
  /** The action its default records (target null; a bid `BID_DEFAULT`). */
  defaultAction: DefaultAction;
  /** Who is asked, and when (README). */
  asked: string;
  /** The answers accepted (README). */
  answers: string;
  /** What the deadline, or a declared `failed`, records (README). */
  atDeadline: string;
  /** When the turn ends (README). */
  ends: string;
}

/** The table of requests, in the order of a day. */
export const REQUEST_RULES: Readonly<Record<Request, RequestRule>> = Object
  .freeze({
    wolf_kill: {
      via: "act",
      kinds: ["wolf_kill"],
      defaultAction: "wolf_kill",
      asked: "each living werewolf, at night",
      answers:
        '`{ kind: "wolf_kill", target }`, a target among `options` (the living non-werewolves); `game.say` on the werewolves\' channel meanwhile, any number of times',
      atDeadline:
        "no choice (`target: null`); the victim is the plurality of the choices made (a tie: drawn by the seeded RNG), none at all: a seeded random non-werewolf",
      ends:
        "on the choice (one each, final); the night ends when the werewolves, the seer and the guard have all answered, or at the deadline",
    },
    seer_inspect: {
      via: "act",
      kinds: ["seer_inspect"],
      defaultAction: "seer_inspect",
      asked: "the living seer, at night",
      answers:
        '`{ kind: "seer_inspect", target }`, a target among `options` (the living others); her `seer_result` follows at once',
      atDeadline: "no inspection (`target: null`)",
      ends: "on the inspection",
    },
    guard_protect: {
      via: "act",
      kinds: ["guard_protect"],
      defaultAction: "guard_protect",
      asked: "the living guard, at night",
      answers:
        '`{ kind: "guard_protect", target }`, a target among `options` (the living, himself included, but not last night\'s protected)',
      atDeadline: "nobody protected (`target: null`)",
      ends: "on the protection",
    },
    witch: {
      via: "act",
      kinds: ["witch_save", "witch_poison", "witch_pass"],
      defaultAction: "witch_pass",
      asked:
        "the living witch, after the night, every night (with `witch_info`: the victim, the potions left), even with both potions spent",
      answers:
        "`witch_save` (no target, or the victim as target: heals the werewolves' victim; refused once the heal is used), `witch_poison` with a target among `options` but herself (refused once the poison is used), `witch_pass`; with both potions spent only `witch_pass`",
      atDeadline: "`witch_pass` (a potion already used that night stays used)",
      ends:
        "on `witch_pass`; after a save or a poison, by itself once she has nothing usable left (no poison, and no heal or the victim saved): after a save with the poison left it waits for `witch_poison`, `witch_pass` or the deadline, after a poison with the heal left likewise for `witch_save` or `witch_pass`; once it ended, `witch_pass` is refused (not your turn)",
    },
    hunter_shoot: {
      via: "act",
      kinds: ["hunter_shoot"],
      defaultAction: "hunter_shoot",
      asked: "the hunter, as he dies (at dawn, or by the vote)",
      answers:
        '`{ kind: "hunter_shoot", target }`, a target among `options` (the living); there is no answer that declines, only the deadline or `failed`',
      atDeadline: "no shot (`target: null`)",
      ends: "on the shot, which kills at once (the game may end)",
    },
    speak: {
      via: "say",
      kinds: [],
      defaultAction: "pass",
      asked:
        "each living player in turn in the discussion, as the turn policy orders (under `parallel`, everyone at once each round)",
      answers:
        "`text` (at most the game's `maxSayChars`, through the speech rule); an empty text passes",
      atDeadline:
        "a pass (under `parallel`, a held empty speech, revealed with the round)",
      ends:
        "on the speech or pass (under `parallel` held until the whole round is in, or its deadline)",
    },
    bid: {
      via: "bid",
      kinds: [],
      defaultAction: "bid",
      asked:
        "under `bidding`, before each speaking turn, every living player but the last speaker (and those at the talk cap)",
      answers:
        `\`amount\`, one of the turn's \`amounts\` (\`0\` to \`${BID_MAX}\`)`,
      atDeadline: `a bid of \`${BID_DEFAULT}\``,
      ends:
        "on the bid; the turn's speaker is announced (`bids_revealed`) once every bid is in, or at the deadline",
    },
    vote: {
      via: "vote",
      kinds: [],
      defaultAction: "vote",
      asked: "each living player, in the vote phase",
      answers:
        "`target` among `options` (the living others), or `null` to abstain; one vote, final",
      atDeadline: "an abstention (`target: null`)",
      ends:
        "on the vote; the vote closes when every vote is in, or at the deadline",
    },
  });
