import assert from "node:assert/strict";
import { startModelStub } from "../agents/testing/model_stub.ts";

/** Runs `deno task NAME args` with `env`; its exit code and output. */
async function task(name: string, args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", name, ...args],
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return {
    code: output.code,
    stdout: text(output.stdout),
    stderr: text(output.stderr),
  };
}

/** A loopback port nothing listens on. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

Deno.test("deno task agent: a bad flag or an unreachable model says what is wrong and exits non-zero before joining", async () => {
  const bad = await task("agent", [
    "--url",
    "ws://127.0.0.1:1/trpc",
    "--game",
    "g-abcd",
    "--name",
    "A",
    "--model",
    "m",
    "--output-mode",
    "xml",
  ], {});
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /--output-mode "xml": expected one of json_schema, tools, prompt/,
  );
  const record = await task("agent", [
    "--url",
    "ws://127.0.0.1:1/trpc",
    "--game",
    "g-abcd",
    "--name",
    "A",
    "--model",
    "m",
    "--record",
    "everything",
  ], {});
  assert.equal(record.code, 2);
  assert.match(
    record.stderr,
    /--record "everything": expected one of compact, full/,
  );
  const unknown = await task("agent", ["--bogus"], {});
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /bogus/);
  const port = closedPort();
  const down = await task("agent", [
    "--url",
    "ws://127.0.0.1:1/trpc",
    "--game",
    "g-abcd",
    "--name",
    "A",
    "--model",
    "m",
  ], {
    OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
  });
  assert.equal(down.code, 1);
  assert.match(down.stderr, /is unreachable/);
  assert.equal(down.stdout, "");
});

Deno.test("deno task play: its own server (main.ts as a child), 3 LLM agents on the stub model (--record full) and 2 bots play a narrated game to the end", async () => {
  await using stub = startModelStub();
  const played = await task("play", [
    "--model",
    "stub",
    "--players",
    "5",
    "--bots",
    "2",
    "--action-timeout-ms",
    "2000",
    "--seed",
    "3",
    "--record",
    "full",
  ], {
    OPENAI_BASE_URL: stub.baseUrl,
    OPENAI_API_KEY: "test",
  });
  assert.equal(played.code, 0, played.stderr);
  assert.match(
    played.stdout,
    /^game g-\w+ at ws:\/\/127\.0\.0\.1:\d+\/trpc: 3 stub agents, 2 bots$/m,
  );
  assert.match(played.stdout, /^game over: the (village|werewolves) win/m);
  // one of the 3 agents (Alice, Bruno, Chloe) lives to act, whichever seats
  assert.match(played.stdout, /^ {2}(Alice|Bruno|Chloe) p\d+ \w+: /m);
  assert.ok(stub.requests.length > 0);
  // --record full: nothing digested, and a vote after day 1's two rounds
  // shows more speech lines than there are living players (compact keeps
  // one round: at most one line per living player)
  const prompts = stub.requests.map((request) =>
    request.messages.map((message) => message.content).join("\n")
  );
  assert.ok(prompts.every((prompt) => !prompt.includes("(earlier speech")));
  const count = (prompt: string, pattern: RegExp) =>
    prompt.match(pattern)?.length ?? 0;
  const votes = prompts.filter((prompt) => prompt.includes("Vote to "));
  assert.ok(
    votes.length === 0 ||
      votes.some((prompt) =>
        count(prompt, /^p\d said: /gm) >
          (/^Alive: (.*)$/m.exec(prompt)?.[1] ?? "").split(", ").length
      ),
    "a vote's prompt with more than one round of speech",
  );
});

Deno.test("deno task play --house-bots 4: one LLM agent on the stub model against four of the server's house bots, to the end", async () => {
  await using stub = startModelStub();
  const played = await task("play", [
    "--model",
    "stub",
    "--players",
    "5",
    "--house-bots",
    "4",
    "--house-bot-think-ms",
    "0",
    "--action-timeout-ms",
    "2000",
    "--seed",
    "3",
  ], {
    OPENAI_BASE_URL: stub.baseUrl,
    OPENAI_API_KEY: "test",
  });
  assert.equal(played.code, 0, played.stderr);
  assert.match(
    played.stdout,
    /^game g-\w+ at ws:\/\/127\.0\.0\.1:\d+\/trpc: 1 stub agents, 0 bots, 4 house bots$/m,
  );
  assert.match(played.stdout, /^game over: the (village|werewolves) win/m);
  assert.ok(stub.requests.length > 0, "the model was asked");
  const tooMany = await task("play", [
    "--model",
    "stub",
    "--players",
    "5",
    "--house-bots",
    "5",
  ], { OPENAI_BASE_URL: stub.baseUrl, OPENAI_API_KEY: "test" });
  assert.equal(tooMany.code, 2);
  assert.match(tooMany.stderr, /--house-bots/);
});
