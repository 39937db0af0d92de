/**
 * The flags of `deno task demo`: one table (names, ranges, defaults, help)
 * that the parser, `--help` and the refusals read.
 * @module
 */
import {
  DEFAULT_LOCALE,
  type Locale,
  LOCALES,
  TURN_POLICIES,
  type TurnPolicy,
  VOTE_POLICIES,
  type VotePolicy,
} from "../src/mod.ts";

/** A whole-number flag. */
interface IntFlag {
  kind: "int";
  min: number;
  max: number;
  default: number;
  help: string;
}

/** A flag taking one of `choices` (default `default`, else the first). */
interface ChoiceFlag {
  kind: "choice";
  choices: readonly string[];
  default?: string;
  help: string;
}

/** A flag taking a text (absent: undefined). */
interface TextFlag {
  kind: "text";
  help: string;
}

/** Every flag of the demo. */
export const DEMO_FLAGS = {
  games: {
    kind: "int",
    min: 1,
    max: 100_000,
    default: 1,
    help: "games to play (one is narrated; more print the win rates)",
  },
  concurrency: {
    kind: "int",
    min: 1,
    max: 1000,
    default: 1,
    help: "games at once",
  },
  players: {
    kind: "int",
    min: 5,
    max: 18,
    default: 8,
    help: "seats of each game, one scripted bot each",
  },
  seed: {
    kind: "int",
    min: 0,
    max: 2 ** 32 - 1,
    default: 1000,
    help: "the first game's seed (the next games take the next ones)",
  },
  timeout: {
    kind: "int",
    min: 20,
    max: 600_000,
    default: 2000,
    help: "each awaited action's deadline, ms",
  },
  think: {
    kind: "int",
    min: 0,
    max: 60_000,
    default: 0,
    help:
      "how long each bot waits before it answers, ms (to follow a game on the page)",
  },
  "turn-policy": {
    kind: "choice",
    choices: TURN_POLICIES,
    help: "who speaks when",
  },
  "vote-policy": {
    kind: "choice",
    choices: VOTE_POLICIES,
    help: "how the votes are seen",
  },
  locale: {
    kind: "choice",
    choices: LOCALES,
    default: DEFAULT_LOCALE,
    help:
      "the games' language: the narrator's lines, the rules, the page (the demo's own lines stay English)",
  },
  url: {
    kind: "text",
    help:
      "play on this server (ws://HOST:PORT/trpc, e.g. deno task dev's; ADMIN_TOKEN from the environment if it has one) instead of a private one, and print each game's page",
  },
} as const satisfies Record<string, IntFlag | ChoiceFlag | TextFlag>;

/** The demo's settings, read from its flags. */
export interface DemoSettings {
  games: number;
  concurrency: number;
  players: number;
  seed: number;
  timeout: number;
  think: number;
  turnPolicy: TurnPolicy;
  votePolicy: VotePolicy;
  /** The games' language (`lobby.createGame`'s `locale`). */
  locale: Locale;
  /** The server to play on; undefined: a private one. */
  url: string | undefined;
}

/** What the flags ask: run with settings, print the help, or a refusal. */
export type DemoFlags =
  | { kind: "run"; settings: DemoSettings }
  | { kind: "help"; text: string }
  | { kind: "refused"; message: string };

/** A choice flag's value when it is not given. */
function choiceDefault(flag: ChoiceFlag): string | undefined {
  return flag.default ?? flag.choices[0];
}

/** `--help`'s text: one line per flag, with its values and default. */
export function demoUsage(): string {
  const lines = Object.entries(DEMO_FLAGS).map(([name, flag]) => {
    const values = flag.kind === "int"
      ? `N, ${flag.min} to ${flag.max}, default ${flag.default}`
      : flag.kind === "choice"
      ? `${flag.choices.join(" | ")}, default ${choiceDefault(flag)}`
      : "URL";
    return `  --${name} (${values}): ${flag.help}`;
  });
  return [
    "usage: deno task demo [flags]",
    "Plays games of scripted bots (one WebSocket client each) and narrates them.",
    ...lines,
    "  --help (or -h): this text",
  ].join("\n");
}

const NAMES = [...Object.keys(DEMO_FLAGS), "help"].map((n) => `--${n}`);

/** Reads `args` (`--name value` or `--name=value`). */
export function parseDemoFlags(args: readonly string[]): DemoFlags {
  const given = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    if (flag === "--help" || flag === "-h") {
      return { kind: "help", text: demoUsage() };
    }
    const name = flag.slice(2);
    if (!flag.startsWith("--") || !(name in DEMO_FLAGS)) {
      return {
        kind: "refused",
        message: `unknown flag ${JSON.stringify(arg)}: the flags are ${
          NAMES.join(", ")
        } (deno task demo --help)`,
      };
    }
    const value = inline ?? args[++i];
    if (value === undefined) {
      return { kind: "refused", message: `${flag} needs a value` };
    }
    given.set(name, value);
  }
  const values: Record<string, number | string | undefined> = {};
  for (const [name, flag] of Object.entries(DEMO_FLAGS)) {
    const value = given.get(name);
    if (flag.kind === "int") {
      const n = value === undefined ? flag.default : Number(value);
      if (!Number.isInteger(n) || n < flag.min || n > flag.max) {
        return {
          kind: "refused",
          message: `--${name} ${
            JSON.stringify(value)
          }: expected a whole number from ${flag.min} to ${flag.max}`,
        };
      }
      values[name] = n;
    } else if (flag.kind === "choice") {
      const choice = value ?? choiceDefault(flag);
      if (!flag.choices.includes(choice as never)) {
        return {
          kind: "refused",
          message: `--${name} ${JSON.stringify(value)}: expected one of ${
            flag.choices.join(", ")
          }`,
        };
      }
      values[name] = choice;
    } else if (value !== undefined && !/^wss?:\/\/[^/]+\/trpc$/.test(value)) {
      return {
        kind: "refused",
        message: `--url ${
          JSON.stringify(value)
        }: expected the server's tRPC WebSocket URL, ws://HOST:PORT/trpc (or wss://)`,
      };
    } else values[name] = value;
  }
  return {
    kind: "run",
    settings: {
      games: values.games as number,
      concurrency: Math.min(
        values.concurrency as number,
        values.games as number,
      ),
      players: values.players as number,
      seed: values.seed as number,
      timeout: values.timeout as number,
      think: values.think as number,
      turnPolicy: values["turn-policy"] as TurnPolicy,
      votePolicy: values["vote-policy"] as VotePolicy,
      locale: values.locale as Locale,
      url: values.url as string | undefined,
    },
  };
}

/** The spectator page of `gameId` on the server at the tRPC URL `url`. */
export function pageOf(url: string, gameId: string): string {
  const http = url.replace(/^ws/, "http").replace(/\/trpc$/, "");
  return `${http}/#/games/${gameId}`;
}
