/**
 * The config's rules across fields, which one field's schema cannot say:
 * what each agent kind needs and refuses, unique names, role counts that add
 * up, and what each schedule needs. They read the raw input defensively, so
 * they report even when other fields are wrong.
 * @module
 */
import { ROLES } from "../src/mod.ts";

/** One broken rule: where, and what is allowed. */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

const LLM_ONLY = [
  "model",
  "baseUrl",
  "apiKeyEnv",
  "outputMode",
  "temperature",
] as const;

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;

function agentIssues(agents: unknown[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const seen = new Map<unknown, number>();
  agents.forEach((raw, i) => {
    const agent = record(raw);
    if (agent === undefined) return;
    if (typeof agent.name === "string") {
      const first = seen.get(agent.name);
      if (first === undefined) seen.set(agent.name, i);
      else {
        issues.push({
          path: ["agents", i, "name"],
          message:
            `"${agent.name}" is already the name of agents[${first}]: names must be unique`,
        });
      }
    }
    if (agent.kind === "llm") {
      if (agent.model === undefined) {
        issues.push({
          path: ["agents", i, "model"],
          message: "an llm agent needs a model (its name on the model server)",
        });
      }
      if (agent.strategy !== undefined) {
        issues.push({
          path: ["agents", i, "strategy"],
          message: "strategy is for bots: an llm agent takes none",
        });
      }
    } else if (agent.kind === "bot") {
      if (agent.strategy === undefined) {
        issues.push({
          path: ["agents", i, "strategy"],
          message: 'a bot needs a strategy: "house" or "random"',
        });
      }
      for (const key of LLM_ONLY) {
        if (agent[key] === undefined) continue;
        issues.push({
          path: ["agents", i, key],
          message: `${key} is for llm agents: a bot takes none`,
        });
      }
    }
  });
  return issues;
}

function roleIssues(roles: Record<string, unknown>, players: unknown) {
  const total = ROLES.reduce((sum, role) => {
    const count = roles[role];
    return typeof count === "number" ? sum + count : sum;
  }, 0);
  const issues: RuleIssue[] = [];
  if (typeof players === "number" && total !== players) {
    issues.push({
      path: ["roles"],
      message:
        `the role counts add up to ${total} but players is ${players}: they must add up to ${players}`,
    });
  }
  if (!(typeof roles.werewolf === "number" && roles.werewolf >= 1)) {
    issues.push({
      path: ["roles", "werewolf"],
      message: "a game needs at least one werewolf",
    });
  }
  return issues;
}

function scheduleIssues(config: Record<string, unknown>): RuleIssue[] {
  const agents = Array.isArray(config.agents) ? config.agents.length : 0;
  const issues: RuleIssue[] = [];
  if (config.schedule === "mirror") {
    if (typeof config.games === "number" && config.games % 2 !== 0) {
      issues.push({
        path: ["games"],
        message:
          `mirror plays every seating twice, so games must be even, not ${config.games}`,
      });
    }
    if (agents === 1) {
      issues.push({
        path: ["schedule"],
        message: "mirror swaps two agents' sides: it needs at least 2 agents",
      });
    }
    if (config.selfPlay === true) {
      issues.push({
        path: ["selfPlay"],
        message:
          "a self-play seating swapped is the same game: selfPlay is for rotation only",
      });
    }
  } else if (config.schedule === "rotation" && agents === 1) {
    if (config.selfPlay !== true) {
      issues.push({
        path: ["selfPlay"],
        message: "one agent can only play itself: set selfPlay to true",
      });
    }
  }
  return issues;
}

/** Every rule across fields that `config` (any JSON value) breaks. */
export function crossFieldIssues(config: unknown): RuleIssue[] {
  const root = record(config);
  if (root === undefined) return [];
  const roles = record(root.roles);
  return [
    ...(Array.isArray(root.agents) ? agentIssues(root.agents) : []),
    ...(roles ? roleIssues(roles, root.players) : []),
    ...scheduleIssues(root),
  ];
}
