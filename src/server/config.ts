import { ConfigError } from "./_config_error.ts";
import { tlsPaths } from "./_tls.ts";
import {
  DEFAULT_CONFIG,
  OPEN_MODE_HOST,
  type ServerConfig,
} from "./server_config.ts";
import { SETTINGS } from "./settings.ts";

export { ConfigError };
export { DEFAULT_CONFIG, OPEN_MODE_HOST, type ServerConfig };

const FLAGS: Record<string, string> = {
  "--host": "WS_HOST",
  "--port": "WS_PORT",
  "--timeout": "WS_TIMEOUT",
};

/**
 * Reads the configuration from environment variables (the settings table,
 * `settings.ts`), overridden by the flags `--host`, `--port` and
 * `--timeout` (`--port 9000` or `--port=9000`). An unset or empty variable
 * keeps its default. Throws a {@linkcode ConfigError} that names the bad
 * setting and what is allowed.
 */
export function readConfig(
  env: Record<string, string | undefined>,
  args: readonly string[] = [],
): ServerConfig {
  const values = { ...env };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = (args[i] as string).split("=", 2) as [
      string,
      string | undefined,
    ];
    const name = FLAGS[flag];
    if (name === undefined) {
      throw new ConfigError(
        `Unknown flag ${flag}: the flags are ${Object.keys(FLAGS).join(", ")}.`,
      );
    }
    const value = inline ?? args[++i];
    if (value === undefined || value.trim() === "") {
      throw new ConfigError(`${flag} needs a value.`);
    }
    values[name] = value;
  }
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const setting of SETTINGS) {
    const raw = values[setting.env];
    if (raw === undefined || raw === "") continue;
    config[setting.key] = setting.kind.read(raw, setting.env);
  }
  tlsPaths(values); // both or neither
  if (!values["WS_HOST"] && config["adminToken"] === undefined) {
    config["host"] = OPEN_MODE_HOST;
  }
  return config as unknown as ServerConfig;
}
