/// <reference lib="dom" />
/**
 * The lobby's form that creates a game with the server's house bots
 * (`lobby.createGame` with `houseBots`): its name, players, how many seats
 * the house bots take (all of them: a game to watch; fewer: the game waits
 * for agents in the other seats), the bots' thinking time, each turn's
 * limit, its turn and vote policies and its language. The page then opens the new game.
 * @module
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Locale, TurnPolicy, VotePolicy } from "../src/mod.ts";
import type { Api } from "./connection.ts";
import { gameHash, messageOf } from "./hooks.ts";
import { DEFAULT_LOCALE, LOCALE_NAMES } from "./i18n.ts";
import {
  TURN_POLICIES,
  turnPolicyName,
  VOTE_POLICIES,
  votePolicyName,
} from "./rules.tsx";

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
    const players = Number(form.get("players"));
    const bots = String(form.get("bots") ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const { gameId } = await props.api.lobby.createGame.mutate({
        name: name === "" ? DEFAULT_NAME : name,
        players,
        houseBots: bots === "" ? players : Number(bots),
        houseBotThinkMs: Number(form.get("think")),
        actionTimeoutMs: Number(form.get("timeout")) * 1000,
        locale: String(form.get("locale") ?? DEFAULT_LOCALE) as Locale,
        turnPolicy: String(form.get("turnPolicy")) as TurnPolicy,
        votePolicy: String(form.get("votePolicy")) as VotePolicy,
        // bidding counts turns (maxTurns), not rounds
        ...(String(form.get("turnPolicy")) === "bidding"
          ? {}
          : { discussionRounds: 1 }),
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
        <legend>A new game with house bots</legend>
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
          House bots{" "}
          <input
            name="bots"
            type="number"
            min={0}
            max={18}
            placeholder="all"
            aria-describedby="create-bots-hint"
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
        <label>
          Who speaks{" "}
          <select name="turnPolicy" defaultValue="round_robin">
            {TURN_POLICIES.map((policy) => (
              <option key={policy} value={policy}>
                {turnPolicyName(DEFAULT_LOCALE, policy)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Votes{" "}
          <select name="votePolicy" defaultValue="sequential">
            {VOTE_POLICIES.map((policy) => (
              <option key={policy} value={policy}>
                {votePolicyName(DEFAULT_LOCALE, policy)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create a game with bots"}
        </button>
        <p id="create-bots-hint" class="hint">
          House bots empty: every seat. Fewer than the players: the game waits
          for your agents in the other seats (<code>lobby.join</code>{" "}
          with the game's id).
        </p>
      </fieldset>
      {error !== null && <p role="alert">{error}</p>}
    </form>
  );
}
