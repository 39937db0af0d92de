import { ConfigError } from "./_config_error.ts";

/** The PEM texts `Deno.serve` takes to serve HTTPS and `wss://`. */
export interface TlsFiles {
  /** The certificate chain. */
  cert: string;
  /** The private key. */
  key: string;
}

/**
 * `TLS_CERT` and `TLS_KEY`, both or neither: a ConfigError names the one
 * that is missing.
 */
export function tlsPaths(
  values: Record<string, string | undefined>,
): { tlsCertPath: string | undefined; tlsKeyPath: string | undefined } {
  const cert = values["TLS_CERT"] || undefined;
  const key = values["TLS_KEY"] || undefined;
  if ((cert === undefined) !== (key === undefined)) {
    const [set, missing] = cert === undefined
      ? ["TLS_KEY", "TLS_CERT"]
      : ["TLS_CERT", "TLS_KEY"];
    throw new ConfigError(
      `${set} is set but ${missing} is not: set both (paths to PEM files) to serve HTTPS and wss://, or neither.`,
    );
  }
  return { tlsCertPath: cert, tlsKeyPath: key };
}

/**
 * Reads the PEM files named by `TLS_CERT` and `TLS_KEY`; null when TLS is
 * off. A file that cannot be read is a ConfigError naming the setting, the
 * path and why.
 */
export function readTlsFiles(
  config: { tlsCertPath: string | undefined; tlsKeyPath: string | undefined },
): TlsFiles | null {
  if (config.tlsCertPath === undefined || config.tlsKeyPath === undefined) {
    return null;
  }
  return {
    cert: readPem("TLS_CERT", config.tlsCertPath),
    key: readPem("TLS_KEY", config.tlsKeyPath),
  };
}

/**
 * Calls `serve` (which starts `Deno.serve`); a certificate or key that
 * `Deno.serve` cannot use becomes a ConfigError naming both settings.
 */
export async function withTlsErrors<T>(
  tls: TlsFiles | null,
  serve: () => Promise<T>,
): Promise<T> {
  if (tls === null) return await serve();
  try {
    return await serve();
  } catch (cause) {
    const tlsFault = cause instanceof Deno.errors.InvalidData ||
      (cause instanceof Error && /\b(keys?|cert\w*)\b/i.test(cause.message));
    if (!tlsFault) throw cause; // e.g. the port is taken
    throw new ConfigError(
      `TLS_CERT and TLS_KEY could not be used (${cause.message}): give a PEM certificate chain and the PEM private key that goes with it.`,
      { cause },
    );
  }
}

function readPem(name: string, path: string): string {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new ConfigError(
      `${name}=${path} cannot be read (${why}): give the path of a readable PEM file.`,
      { cause },
    );
  }
  if (!text.includes("-----BEGIN ")) {
    throw new ConfigError(
      `${name}=${path} is not a PEM file (no "-----BEGIN" line): give a PEM ${
        name === "TLS_CERT" ? "certificate chain" : "private key"
      }.`,
    );
  }
  return text;
}
