/**
 * How one setting is read from its environment variable: the kinds of the
 * settings table (`settings.ts`). Each reader takes the raw text (unset and
 * `""` never reach it) and returns the value or throws a
 * {@linkcode ConfigError} whose sentence names the variable and what is
 * allowed.
 * @module
 */
import { ConfigError } from "./_config_error.ts";

/** Reads a setting's raw text; `name` is its variable, for the sentence. */
export type ReadSetting<T> = (raw: string, name: string) => T;

/** The range of an integer setting, for the table and the generated tests. */
export interface IntegerRange {
  min: number;
  max: number;
}

/** A reader with what the generated tests need to know of it. */
export interface SettingKind<T> {
  read: ReadSetting<T>;
  /** For an integer setting, its range. */
  range?: IntegerRange;
  /** For a choice, its values. */
  choices?: readonly string[];
}

/** A whole number from `min` to `max`. */
export function integer(min: number, max: number): SettingKind<number> {
  return {
    range: { min, max },
    read(raw, name) {
      const value = raw.trim() === "" ? NaN : Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        throw new ConfigError(
          `${name}=${raw} is not valid: use a whole number from ${min} to ${max}.`,
        );
      }
      return value;
    },
  };
}

/** A number of seconds, 0 or more (fractions allowed). */
export function seconds(): SettingKind<number> {
  return {
    read(raw, name) {
      const value = raw.trim() === "" ? NaN : Number(raw);
      if (!Number.isFinite(value) || value < 0) {
        throw new ConfigError(
          `${name}=${raw} is not a number of seconds (0 or more).`,
        );
      }
      return value;
    },
  };
}

/** Text taken as it is. */
export function text(): SettingKind<string> {
  return { read: (raw) => raw };
}

/** A URL of one of `schemes` (e.g. `redis:`), blanks around it removed. */
export function url(schemes: readonly string[]): SettingKind<string> {
  return {
    read(raw, name) {
      const value = raw.trim();
      let scheme: string;
      try {
        scheme = new URL(value).protocol;
      } catch {
        scheme = "";
      }
      if (!schemes.includes(scheme)) {
        throw new ConfigError(
          `${name}=${raw} is not valid: give a URL starting with ${
            schemes.map((s) => `${s}//`).join(" or ")
          } (e.g. ${schemes[0]}//127.0.0.1:6379).`,
        );
      }
      return value;
    },
  };
}

/** Text with its surrounding blanks removed (a path). */
export function trimmed(fallback: string): SettingKind<string> {
  return { read: (raw) => raw.trim() || fallback };
}

/** One of `values`; `why` says what each means, after the list. */
export function choice<const T extends string>(
  values: readonly T[],
  why: string,
): SettingKind<T> {
  return {
    choices: values,
    read(raw, name) {
      if ((values as readonly string[]).includes(raw)) return raw as T;
      throw new ConfigError(
        `${name}=${raw} is not valid: use ${values.join(" or ")} (${why}).`,
      );
    },
  };
}
