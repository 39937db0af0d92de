import { SqliteGameStore } from "../store/mod.ts";
import type { ServerConfig } from "./config.ts";

/** The database file's name inside `DATA_DIR`. */
export const DATABASE_FILE = "loup-garou.db";

/**
 * Opens the games database of `DATA_DIR` (creating the directory), or an
 * in-memory one for `:memory:`. Throws an Error whose message says which
 * path failed and why.
 */
export function openStore(
  config: Pick<ServerConfig, "dataDir" | "dataSync">,
): { store: SqliteGameStore; where: string } {
  if (config.dataDir === ":memory:") {
    return { store: new SqliteGameStore(":memory:"), where: "memory" };
  }
  const dir = config.dataDir.replace(/\/+$/, "") || "/";
  const path = `${dir}/${DATABASE_FILE}`;
  try {
    Deno.mkdirSync(dir, { recursive: true });
    return {
      store: new SqliteGameStore(path, { sync: config.dataSync }),
      where: path,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot open the games database ${path} (DATA_DIR=${config.dataDir}): ${reason}`,
      { cause: error },
    );
  }
}
