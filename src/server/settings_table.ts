/**
 * The README's configuration table, rendered from the settings table: one
 * row per setting (variable, default, meaning), its columns padded the way
 * `deno fmt` pads a Markdown table.
 * @module
 */
import { DEFAULT_CONFIG } from "./server_config.ts";
import { SETTINGS } from "./settings.ts";

/** The default of a field as the README shows it: `` `value` `` or unset. */
export function shownDefault(value: unknown): string {
  return value === undefined || value === null ? "unset" : `\`${value}\``;
}

/** The Markdown table of every setting, without a trailing newline. */
export function settingsTable(): string {
  const rows = [
    ["Setting", "Default", "Meaning"],
    ...SETTINGS.map((setting) => [
      `\`${setting.env}\``,
      shownDefault(DEFAULT_CONFIG[setting.key]),
      setting.meaning,
    ]),
  ];
  const widths = [0, 1, 2].map((column) =>
    Math.max(3, ...rows.map((row) => row[column]!.length))
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  const rule = `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join("\n");
}
