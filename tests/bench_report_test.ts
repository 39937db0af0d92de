/**
 * The benchmark's report and command line: `table()` and `pairTable()` ratios
 * and whether each target holds, and `deno task bench` refusing an unknown flag
 * or scenario with its usage.
 * @module
 */
import assert from "node:assert/strict";
import { meanOf, pairTable, table } from "../bench/_report.ts";

Deno.test("bench table() gives ratios and says whether each target holds", () => {
  const results = {
    rpc: {
      ours: [{ calls_per_s: 300 }, { calls_per_s: 100 }],
      peer: [{ calls_per_s: 80 }],
      raw: [{ calls_per_s: 400 }],
    },
  };
  assert.deepEqual(meanOf(results.rpc.ours, "calls_per_s"), {
    mean: 200,
    spread: 1,
  });
  const text = table(results, [{
    scenario: "rpc",
    field: "calls_per_s",
    label: "calls/s",
    better: "higher",
    peerTarget: 2.5,
    rawTarget: 0.6,
  }]);
  assert.match(
    text,
    /\| 200\.0 ±50% \| 80\.0 \| 400\.0 \| 2\.50× \| 0\.50× \|/,
  );
  assert.match(text, /\*\*missed\*\*/, "0.5× raw misses the 0.6× target");
});

Deno.test("bench pairTable() compares ours with the baseline ref (ours / base) and the front (front / ours)", () => {
  const results = {
    presence: {
      ours: [{ connects_per_s: 300 }],
      base: [{ connects_per_s: 20 }, { connects_per_s: 10 }],
    },
  };
  const figure = {
    scenario: "presence",
    field: "connects_per_s",
    label: "connections accepted/s",
    better: "higher",
  } as const;
  const text = pairTable(results, [figure], { other: "base", ref: "abc123" });
  assert.match(text, /baseline \(abc123\)/);
  assert.match(text, /\| 300\.0 \| 15\.0 ±33% \| 20\.00× \|/);
  const fronted = pairTable(
    {
      rpc: { ours: [{ cpu: 10 }], front: [{ cpu: 21 }] },
    },
    [{ ...figure, scenario: "rpc", field: "cpu" }],
    { other: "front" },
  );
  assert.match(fronted, /ours \+ front \| front \/ ours/);
  assert.match(fronted, /\| 2\.10× \|/);
});

Deno.test("deno task bench refuses an unknown flag or scenario with its usage (exit 2) and --help prints it", async () => {
  const run = (args: string[]) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "bench/main.ts", ...args],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  for (const args of [["--nope"], ["--only", "rpc,nope"]]) {
    const output = await run(args);
    assert.equal(output.code, 2, args.join(" "));
    assert.match(decode(output.stderr), /usage: deno task bench .*--only rpc,/);
  }
  const help = await run(["--help"]);
  assert.equal(help.code, 0);
  assert.match(decode(help.stdout), /^usage: deno task bench/);
});
