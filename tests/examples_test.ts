import assert from "node:assert/strict";
import { startTestServer, within } from "./_helpers.ts";

Deno.test("examples/client.ts connects as ui, pings, and prints hub events", async () => {
  await using server = startTestServer();
  const output = await within(
    new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-net",
        "examples/client.ts",
        server.wsUrl,
        "--count",
        "1",
      ],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output(),
    30_000,
    "the example to finish",
  );
  const stdout = new TextDecoder().decode(output.stdout);
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  assert.match(
    stdout,
    /connected to ws:\/\/127\.0\.0\.1:\d+\/trpc; server time \d{4}-/,
  );
  assert.match(
    stdout,
    /\] connection from ui-[0-9a-f]{8} \{"message_type":"connection"/,
  );
});
