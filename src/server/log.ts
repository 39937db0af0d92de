/**
 * The server's log lines: plain text by default, or one JSON object per
 * line (`LOG_FORMAT=json`) with `time` (ISO 8601), `level`, `message` and
 * the line's fields, for log collectors. Lines never carry tokens: the
 * server logs no request, no connection parameter and no seat token
 * (tests/log_format_test.ts greps a whole game's log for them).
 * @module
 */

/** The accepted values of `LOG_FORMAT`. */
export const LOG_FORMATS = ["text", "json"] as const;

/** How log lines are written. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** How much a line matters. */
export type LogLevel = "info" | "warn" | "error";

/** Writes one log line of `level`. */
export type Logger = (
  level: LogLevel,
  message: string,
  fields?: Record<string, string | number | boolean>,
) => void;

/**
 * A {@linkcode Logger} that formats each line as `format` says and hands it
 * to `write`; `now` gives the line's time (default: the clock).
 */
export function createLogger(
  write: (line: string) => void,
  options: { format: LogFormat; now?: () => Date },
): Logger {
  const now = options.now ?? (() => new Date());
  return (level, message, fields = {}) => {
    if (options.format === "json") {
      write(JSON.stringify({
        time: now().toISOString(),
        level,
        message,
        ...fields,
      }));
      return;
    }
    // text: short fields as key="value"; a multi-line one (a stack) below
    const extra = Object.entries(fields).map(([key, value]) =>
      typeof value === "string" && value.includes("\n")
        ? `\n${value}`
        : ` ${key}=${JSON.stringify(value)}`
    ).join("");
    write(`${message}${extra}`);
  };
}
