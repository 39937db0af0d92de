/** One schema violation, with the path of the field as a dotted string. */
export interface InputIssue {
  /** Where in the input, e.g. `message.message_text` (empty for the root). */
  path: string;
  /** What is wrong there. */
  message: string;
}

/** The issues of a zod or Standard Schema error, or null for other errors. */
export function issuesOf(cause: unknown): InputIssue[] | null {
  if (typeof cause !== "object" || cause === null || !("issues" in cause)) {
    return null;
  }
  const { issues } = cause as { issues: unknown };
  if (!Array.isArray(issues)) return null;
  return issues.map((issue: { path?: unknown; message?: unknown }) => ({
    path: pathToString(issue.path),
    message: String(issue.message ?? "invalid"),
  }));
}

/**
 * A sentence naming every field that failed and why (zod's own "Invalid
 * input: " before a reason is left out: the sentence starts with it).
 */
export function describeIssues(issues: readonly InputIssue[]): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const why = issue.message.replace(/^Invalid input: /, "");
    return issue.path === "" ? why : `"${issue.path}": ${why}`;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  return `Invalid input: ${parts.join("; ")}${more}`;
}

function pathToString(path: unknown): string {
  if (!Array.isArray(path)) return "";
  return path
    .map((segment: unknown) =>
      typeof segment === "object" && segment !== null && "key" in segment
        ? String((segment as { key: unknown }).key)
        : String(segment)
    )
    .join(".");
}
