/// <reference lib="dom" />
/**
 * The lobby's form that creates a game played by the server's house bots
 * (`lobby.createDemoGame`): its name, players, the bots' thinking time,
 * each turn's limit and its language. The page then opens the new game.
 * @module
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Locale } from "../src/mod.ts";
import type { Api } from "./connection.ts";
import { gameHash, messageOf } from "./hooks.ts";
import { DEFAULT_LOCALE, LOCALE_NAMES } from "./i18n.ts";

/** The name a game gets when the field is left empty. */
const DEFAULT_NAME = "Demo game";

/** The form (for admins, and anyone in development mode). */
export function CreateGame(props: { api: Api }): JSX.Element {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const name = String(form.get("name") ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const { gameId } = await props.api.lobby.createDemoGame.mutate({
        name: name === "" ? DEFAULT_NAME : name,
        players: Number(form.get("players")),
        thinkMs: Number(form.get("think")),
        actionTimeoutMs: Number(form.get("timeout")) * 1000,
        locale: String(form.get("locale") ?? DEFAULT_LOCALE) as Locale,
      });
      location.hash = gameHash(gameId);
    } catch (cause) {
      setError(`The game could not be created: ${messageOf(cause)}`);
      setBusy(false);
    }
  };
  return (
    <form id="create-demo" class="create" onSubmit={submit}>
      <fieldset>
        <legend>A new game played by bots</legend>
        <label>
          Name{" "}
          <input
            name="name"
            type="text"
            maxLength={64}
            placeholder={DEFAULT_NAME}
            autocomplete="off"
          />
        </label>
        <label>
          Players{" "}
          <input
            name="players"
            type="number"
            min={5}
            max={18}
            defaultValue="8"
            required
          />
        </label>
        <label>
          Bots think (ms){" "}
          <input
            name="think"
            type="number"
            min={0}
            max={10000}
            defaultValue="1200"
            required
          />
        </label>
        <label>
          Turn limit (s){" "}
          <input
            name="timeout"
            type="number"
            min={1}
            max={600}
            defaultValue="30"
            required
          />
        </label>
        <label>
          Language{" "}
          <select
            name="locale"
            id="create-locale"
            defaultValue={DEFAULT_LOCALE}
          >
            {Object.entries(LOCALE_NAMES).map(([locale, name]) => (
              <option key={locale} value={locale} lang={locale}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create a game with bots"}
        </button>
      </fieldset>
      {error !== null && <p role="alert">{error}</p>}
    </form>
  );
}
