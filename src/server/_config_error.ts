/** A setting with a value that cannot be used; the message says why. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
