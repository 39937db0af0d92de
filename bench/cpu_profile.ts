/**
 * Summarizes a V8 CPU profile (`--cpu-prof`, Chrome's `.cpuprofile`
 * format): the functions with the most self time, and with the most total
 * time (self plus callees), each as a share of the samples.
 *
 * ```sh
 * deno run -A --cpu-prof --cpu-prof-dir=/tmp/prof bench/servers/ours.ts
 * deno run -A bench/cpu_profile.ts /tmp/prof/*.cpuprofile [--top 25]
 * ```
 * @module
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

/** One line of the summary. */
export interface ProfileRow {
  /** `name (file:line)`. */
  name: string;
  /** Percent of all samples. */
  percent: number;
}

/** The top functions of a profile by self time and by total time. */
export function summarize(
  profile: Profile,
  top: number,
): { self: ProfileRow[]; total: ProfileRow[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, count] of hits) {
    const seen = new Set<string>();
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parent.get(at)
    ) {
      const name = label(byId.get(at)!);
      if (at === id) self.set(name, (self.get(name) ?? 0) + count);
      if (!seen.has(name)) total.set(name, (total.get(name) ?? 0) + count);
      seen.add(name);
    }
  }
  const all = profile.samples.length;
  const rows = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, n]) => ({
      name,
      percent: Math.round((n / all) * 1000) / 10,
    }));
  return { self: rows(self), total: rows(total) };
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/(node_modules|npm|registry\.npmjs\.org)\//, "")
    .replace(/^file:\/\/.*\/main\//, "");
  return `${functionName || "(anonymous)"} ${
    file ? `(${file}:${lineNumber + 1})` : ""
  }`;
}

if (import.meta.main) {
  const file = Deno.args.find((arg) => !arg.startsWith("--"));
  if (file === undefined) {
    console.error("usage: cpu_profile.ts <file.cpuprofile> [--top N]");
    Deno.exit(2);
  }
  const at = Deno.args.indexOf("--top");
  const top = at === -1 ? 25 : Number(Deno.args[at + 1]);
  const { self, total } = summarize(
    JSON.parse(Deno.readTextFileSync(file)),
    top,
  );
  console.log("self time:");
  for (const row of self) {
    console.log(`  ${row.percent.toFixed(1).padStart(5)}%  ${row.name}`);
  }
  console.log("total time:");
  for (const row of total) {
    console.log(`  ${row.percent.toFixed(1).padStart(5)}%  ${row.name}`);
  }
}
