/**
 * `leaderboard.md`: the results as Markdown tables people can read, agents
 * in the results' order (OpenSkill `mu`, highest first). A missing value
 * (no games to count it over) shows as "–".
 * @module
 */
import {
  DEFAULT_CAUSES,
  KEY_ROLES,
  type Results,
  ROLES,
  type WinStat,
} from "../src/mod.ts";

const DASH = "–";

function num(value: number | null, digits: number): string {
  return value === null ? DASH : value.toFixed(digits);
}

function pct(value: number | null): string {
  return value === null ? DASH : `${(100 * value).toFixed(1)}%`;
}

/** `2/3 66.7% [20.8, 93.9]`: wins of games, the rate and its interval. */
function winText(stat: WinStat): string {
  if (stat.games === 0) return DASH;
  return `${stat.wins}/${stat.games} ${pct(stat.rate)} [${
    num(100 * stat.low!, 1)
  }, ${num(100 * stat.high!, 1)}]`;
}

function interval(value: number, low: number, high: number, digits: number) {
  return `${value.toFixed(digits)} [${low.toFixed(digits)}, ${
    high.toFixed(digits)
  }]`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) =>
    `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)]
    .join("\n");
}

function summary(results: Results): string {
  const { counts, bootstrap, elo } = results;
  const voided = counts.voided === 0
    ? "none voided"
    : `${counts.voided} voided (a default caused by ${
      results.voidCauses.join(" or ")
    }, not counted): ${results.voided.join(", ")}`;
  return `${counts.games} games: ${counts.rated} rated, ${counts.selfPlay} self-play (reported apart, not rated), ${voided}.\n\n` +
    `Ratings over rated games: OpenSkill (Plackett–Luce) μ with σ, Elo as werewolves and as village (K = ${elo.k}, from ${elo.initial}); ` +
    `[low, high] are bootstrap 95% intervals (${bootstrap.resamples} resamples, seed ${
      bootstrap.seed ?? "hidden until the tournament ends"
    }); win rates have 95% Wilson intervals.`;
}

/** The whole leaderboard, in Markdown. */
export function leaderboardMarkdown(results: Results): string {
  const agents = results.agents;
  const ranking = table(
    [
      "Rank",
      "Agent",
      "OpenSkill μ [95%]",
      "σ",
      "Elo as werewolves [95%]",
      "Elo as village [95%]",
      "Win rate [95%]",
      "As werewolves",
      "As village",
    ],
    agents.map((a, i) => {
      const s = a.openskill.overall;
      const [w, v] = [a.elo.werewolves, a.elo.village];
      return [
        String(i + 1),
        a.agent,
        interval(s.mu, s.low, s.high, 2),
        s.sigma.toFixed(2),
        interval(w.rating, w.low, w.high, 0),
        interval(v.rating, v.low, v.high, 0),
        winText(a.record.overall),
        winText(a.record.bySide.werewolves),
        winText(a.record.bySide.village),
      ];
    }),
  );
  const roles = table(
    ["Agent", ...ROLES],
    agents.map((
      a,
    ) => [a.agent, ...ROLES.map((r) => winText(a.record.byRole[r]))]),
  );
  const play = table(
    [
      "Agent",
      "Vote accuracy",
      "Seer accuracy",
      ...KEY_ROLES.map((r) => `${r} survival`),
      "Witch saves",
      "Guard saves",
      "Days to win",
      "Messages / game",
      "Characters / game",
    ],
    agents.map((
      { agent, play: p },
    ) => [
      agent,
      pct(p.votes.accuracy),
      pct(p.seer.accuracy),
      ...KEY_ROLES.map((r) => pct(p.keyRoles[r].rate)),
      String(p.saves.witch),
      String(p.saves.guard),
      num(p.daysToWin.mean, 2),
      num(p.speech.messagesPerGame, 2),
      num(p.speech.charsPerGame, 1),
    ]),
  );
  const health = table(
    [
      "Agent",
      "Games",
      "Refused moves",
      `Defaults (${DEFAULT_CAUSES.join(" / ")})`,
      "Latency p50 / p99 (ms)",
      "Tokens / game (prompt / completion)",
      "Cost / game (USD)",
    ],
    agents.map((
      { agent, health: h },
    ) => [
      agent,
      String(h.games),
      String(h.refusals),
      DEFAULT_CAUSES.map((c) => h.defaults[c]).join(" / "),
      `${num(h.latencyMs.p50, 0)} / ${num(h.latencyMs.p99, 0)}`,
      `${num(h.tokens.promptPerGame, 1)} / ${
        num(h.tokens.completionPerGame, 1)
      }`,
      h.cost.samples === 0 ? DASH : num(h.cost.usdPerGame, 4),
    ]),
  );
  const selfPlay = table(
    ["Agent", "Self-play games", "As werewolves", "As village"],
    agents.map((
      a,
    ) => [
      a.agent,
      String(a.selfPlay.games),
      winText(a.selfPlay.bySide.werewolves),
      winText(a.selfPlay.bySide.village),
    ]),
  );
  return [
    "# Leaderboard",
    summary(results),
    ranking,
    "## Win rate per role",
    roles,
    "## Play (rated games)",
    play,
    "## Health (every game)",
    health,
    "## Self-play (not rated)",
    selfPlay,
  ].join("\n\n") + "\n";
}
