/**
 * `deno task agent`: one LLM agent joins a game (or resumes its seat) and
 * plays it to the end, printing one line per action.
 *
 * ```sh
 * OPENAI_BASE_URL=http://localhost:11434/v1 deno task agent \
 *   --url ws://localhost:8000/trpc --game g-abcd --name Alice --model llama3.2
 * ```
 * @module
 */
import { turnLine } from "./_narrate.ts";
import { FlagError, MODEL_FLAGS, modelFlags, parse } from "./_flags.ts";
import { checkModel } from "./_check_model.ts";
import { openModel, runLlmAgent } from "../llm_agent.ts";

const USAGE =
  "usage: deno task agent --url ws://HOST:PORT/trpc --game GAME_ID --name NAME --model MODEL [--base-url URL] [--api-key-env VAR] [--temperature T] [--max-tokens N] [--seat-token TOKEN] [--output-mode json_schema|tools|prompt] [--record compact|full] [--persona FILE]";

/** Runs the command; the exit code. */
export async function main(args: string[]): Promise<number> {
  let flags;
  let values;
  try {
    values = parse(args, {
      ...MODEL_FLAGS,
      game: { type: "string" },
      name: { type: "string" },
      "seat-token": { type: "string" },
    });
    for (const name of ["url", "game"]) {
      if (!values[name]) throw new FlagError(`--${name} is required`);
    }
    if (!values.name && !values["seat-token"]) {
      throw new FlagError("--name is required (or --seat-token to resume)");
    }
    flags = await modelFlags(values, (name) => Deno.env.get(name));
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const client = openModel(flags);
  const check = await checkModel(client, {
    model: flags.model,
    baseUrl: client.baseURL,
  });
  if (check.error !== null) {
    console.error(check.error);
    return 1;
  }
  if (check.note) console.error(check.note);
  const name = values.name ?? "agent";
  const result = await runLlmAgent({
    ...flags,
    client,
    url: values.url!,
    gameId: values.game!,
    name,
    ...(values["seat-token"] ? { seatToken: values["seat-token"] } : {}),
    log: (line) => console.error(line),
    onTurn: (record) => console.log(turnLine(name, record)),
  });
  console.log(
    `${name} ${result.playerId} (${result.role}): the ${result.winner} won; seat token ${result.seatToken}`,
  );
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
