import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020";
import { DEFAULT_CAUSES } from "../src/mod.ts";
import { OUTPUT_MODES } from "../agents/mod.ts";
import {
  AgentConfigSchema,
  ConcurrencySchema,
  configJsonSchema,
  parseConfig,
  parseConfigText,
  TournamentConfigSchema,
} from "../tournament/mod.ts";

/** A config with every field set. */
const SAMPLE = {
  name: "smart-v2 against the house",
  agents: [
    {
      name: "smart-v2",
      kind: "llm",
      model: "llama3.2",
      baseUrl: "http://localhost:11434/v1",
      apiKeyEnv: "OLLAMA_KEY",
      outputMode: "tools",
      temperature: 0.7,
      maxConcurrent: 4,
    },
    { name: "house", kind: "bot", strategy: "house" },
    { name: "random", kind: "bot", strategy: "random" },
  ],
  games: 200,
  players: 8,
  roles: { werewolf: 2, seer: 1, witch: 1, hunter: 1, villager: 3 },
  turnPolicy: "round_robin",
  votePolicy: "simultaneous",
  actionTimeoutMs: 30_000,
  seed: 42,
  schedule: "mirror",
  concurrency: { games: 8, perModel: 2 },
  voidCauses: ["model_error", "deadline"],
};

const MINIMAL = {
  agents: [{ name: "house", kind: "bot", strategy: "house" }, {
    name: "random",
    kind: "bot",
    strategy: "random",
  }],
  games: 10,
  players: 8,
  seed: 1,
  schedule: "rotation",
};

Deno.test("parseConfig reads a config with every field, and a minimal one, as they are", () => {
  assert.deepEqual(parseConfig(SAMPLE), { ok: true, config: SAMPLE });
  assert.deepEqual(parseConfig(MINIMAL), { ok: true, config: MINIMAL });
  assert.deepEqual(TournamentConfigSchema.parse(SAMPLE), SAMPLE);
});

Deno.test("parseConfig lists every wrong field at once, each as a sentence with its path and what is allowed", () => {
  const result = parseConfig({
    ...MINIMAL,
    agents: [
      { name: "a", kind: "llm", strategy: "house", baseUrl: "ftp://x" },
      { name: "a", kind: "bot", model: "m", temperature: 5 },
      { name: "-x", kind: "robot" },
    ],
    games: "ten",
    players: 4,
    roles: { werewolf: 0, villager: 3, seer: 2, mayor: 1 },
    seed: -1,
    schedule: "swiss",
    concurrency: { games: 0, burst: 2 },
    voidCauses: ["outage"],
    extra: true,
  });
  assert.deepEqual(result, {
    ok: false,
    errors: [
      "agents[0].baseUrl: must be an http:// or https:// URL",
      "agents[1].temperature: must be at most 2",
      "agents[2].name: an agent name is 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit",
      'agents[2].kind: must be one of "llm", "bot", not "robot"',
      "games: must be a whole number",
      "players: must be at least 5",
      "roles.seer: must be at most 1",
      'roles: unknown field "mayor": the fields allowed here are werewolf, villager, seer, witch, hunter, guard',
      "seed: must be at least 0",
      'schedule: must be one of "rotation", "mirror", not "swiss"',
      "concurrency.games: must be at least 1",
      'concurrency: unknown field "burst": the fields allowed here are games, perModel',
      'voidCauses[0]: must be one of "deadline", "model_error", "invalid_output", not "outage"',
      'config: unknown field "extra": the fields allowed here are name, agents, games, players, roles, turnPolicy, votePolicy, actionTimeoutMs, seed, schedule, selfPlay, concurrency, voidCauses',
      "agents[0].model: an llm agent needs a model (its name on the model server)",
      "agents[0].strategy: strategy is for bots: an llm agent takes none",
      'agents[1].name: "a" is already the name of agents[0]: names must be unique',
      'agents[1].strategy: a bot needs a strategy: "house" or "random"',
      "agents[1].model: model is for llm agents: a bot takes none",
      "agents[1].temperature: temperature is for llm agents: a bot takes none",
      "roles: the role counts add up to 5 but players is 4: they must add up to 4",
      "roles.werewolf: a game needs at least one werewolf",
    ],
  });
});

Deno.test("parseConfig checks what each schedule needs: mirror an even count, two agents and no self-play; rotation of one agent self-play", () => {
  const errors = (change: Record<string, unknown>) => {
    const result = parseConfig({ ...MINIMAL, ...change });
    return result.ok ? [] : result.errors;
  };
  assert.deepEqual(errors({ schedule: "mirror", games: 7 }), [
    "games: mirror plays every seating twice, so games must be even, not 7",
  ]);
  assert.deepEqual(
    errors({ schedule: "mirror", selfPlay: true, agents: [MINIMAL.agents[0]] }),
    [
      "schedule: mirror swaps two agents' sides: it needs at least 2 agents",
      "selfPlay: a self-play seating swapped is the same game: selfPlay is for rotation only",
    ],
  );
  assert.deepEqual(errors({ agents: [MINIMAL.agents[0]] }), [
    "selfPlay: one agent can only play itself: set selfPlay to true",
  ]);
  assert.deepEqual(errors({ agents: [MINIMAL.agents[0]], selfPlay: true }), []);
  assert.deepEqual(errors({ games: undefined, seed: "1" }), [
    "games: is required (a whole number)",
    "seed: must be a whole number",
  ]);
});

Deno.test("parseConfigText says when the file is not JSON, and reads it when it is", () => {
  const bad = parseConfigText("{ agents: [");
  assert.equal(bad.ok, false);
  assert.match(
    (bad as { errors: string[] }).errors.join(),
    /^config: not JSON \(/,
  );
  assert.deepEqual(parseConfigText(JSON.stringify(SAMPLE)), {
    ok: true,
    config: SAMPLE,
  });
});

Deno.test("configJsonSchema is a valid JSON Schema (draft 2020-12) that the sample matches and bad shapes do not, with the contract's and agents' enums", () => {
  const schema = configJsonSchema();
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    formats: { uri: (value: string) => URL.canParse(value) },
  });
  assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
  const validate = ajv.compile(schema);
  assert.equal(validate(SAMPLE), true, JSON.stringify(validate.errors));
  assert.equal(validate(MINIMAL), true);
  assert.equal(validate({ ...MINIMAL, players: 19 }), false);
  assert.equal(validate({ ...MINIMAL, schedule: "swiss" }), false);
  assert.equal(validate({ ...MINIMAL, extra: 1 }), false);
  assert.equal(validate({ ...MINIMAL, agents: [] }), false);
  const properties = schema.properties as Record<
    string,
    Record<string, unknown>
  >;
  const agent = (properties.agents!.items as Record<string, unknown>)
    .properties as Record<string, { enum?: unknown }>;
  assert.deepEqual(agent.outputMode!.enum, [...OUTPUT_MODES]);
  assert.deepEqual(
    (properties.voidCauses!.items as { enum: unknown }).enum,
    [...DEFAULT_CAUSES],
  );
  assert.deepEqual(schema.required, [
    "agents",
    "games",
    "players",
    "seed",
    "schedule",
  ]);
});

Deno.test("the README's Tournaments tables list exactly the config's fields and the agents' fields", async () => {
  const readme = await Deno.readTextFile(
    new URL("../README.md", import.meta.url),
  );
  const section = readme.slice(
    readme.indexOf("## Tournaments"),
    readme.indexOf("### The schedule"),
  );
  const fields = (header: string) => {
    const table = section.slice(section.indexOf(header));
    const rows = table.split("\n").slice(2);
    const end = rows.findIndex((row) => !row.startsWith("|"));
    return rows.slice(0, end).map((row) => row.split("`")[1]!);
  };
  const concurrency = Object.keys(ConcurrencySchema.shape).map((k) =>
    `concurrency.${k}`
  );
  const top = Object.keys(TournamentConfigSchema.shape).flatMap((k) =>
    k === "concurrency" ? concurrency : [k]
  );
  assert.deepEqual(fields("| Field   "), top);
  assert.deepEqual(
    fields("| Field           | Kinds"),
    Object.keys(AgentConfigSchema.shape),
  );
});
