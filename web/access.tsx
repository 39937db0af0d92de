/// <reference lib="dom" />
/**
 * Who the page watches as: the public view, the god view (the
 * `SPECTATOR_TOKEN`, or development mode, which gives it to the page) or
 * the admin (the `ADMIN_TOKEN`), and the form that takes a token for this
 * tab.
 * @module
 */
import type { JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import type { WhoAmI } from "../src/mod.ts";

/** What the header says about the caller's rights. */
function rightsText(who: WhoAmI | null): string {
  if (who === null) return "…";
  const view = who.godView ? "God view" : "Public view";
  if (who.devMode) {
    return `${view} · development mode: anyone may create and delete games`;
  }
  if (who.admin) return `${view} · admin: may create and delete games`;
  return who.godView ? `${view} (spectator)` : view;
}

/** The access line and the token form. */
export function Access(
  props: {
    who: WhoAmI | null;
    token: string | null;
    refused: boolean;
    onToken: (token: string | null) => void;
  },
): JSX.Element {
  const [draft, setDraft] = useState("");
  const details = useRef<HTMLDetailsElement>(null);
  const { who, token, refused, onToken } = props;
  return (
    <div class="access">
      <p id="rights" data-god={String(who?.godView ?? false)}>
        {rightsText(who)}
      </p>
      {refused && (
        <p role="alert" class="warning">
          The server refused that token: you see the public view.
        </p>
      )}
      <details open={refused} ref={details}>
        <summary>{token === null ? "Enter a token" : "Token"}</summary>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const value = draft.trim();
            if (value !== "") onToken(value);
            setDraft("");
            if (details.current !== null) details.current.open = false;
          }}
        >
          <label for="token">
            Admin or spectator token (kept in this tab only)
          </label>
          <input
            id="token"
            type="password"
            autocomplete="off"
            value={draft}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit">Use this token</button>
          {token !== null && (
            <button
              type="button"
              onClick={() => onToken(null)}
            >
              Forget the token
            </button>
          )}
        </form>
      </details>
    </div>
  );
}
