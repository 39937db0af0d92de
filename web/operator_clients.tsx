/// <reference lib="dom" />
/**
 * The operator's clients table: each connected client (id, type,
 * protocol, address, game and seat, subscriptions, last call, connected
 * since) with a "close" button that asks for a reason and closes its
 * connections (`admin.closeClient`).
 * @module
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { LiveClient, Locale, Overview } from "../src/mod.ts";
import type { Api } from "./connection.ts";
import { t } from "./i18n.ts";
import { clockText } from "./operator_model.ts";

/** What the last close did, for the status line. */
type Closed = { ok: boolean; text: string };

/** A client's games: `g-… (p3)`, or `g-… (watching)`. */
function gamesText(client: LiveClient, locale: Locale): string {
  return client.games.map((g) =>
    `${g.gameId} (${g.seat ?? t(locale, "op.watching")})`
  ).join(", ");
}

/** The clients of `overview`, each closable. */
export function ClientsTable(
  props: { api: Api; overview: Overview; locale: Locale },
): JSX.Element {
  const { api, overview, locale } = props;
  const [closing, setClosing] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [closed, setClosed] = useState<Closed | null>(null);
  const { list, total } = overview.clients;
  const close = (clientId: string) => {
    api.admin.closeClient.mutate({ clientId, reason }).then(
      (result) =>
        setClosed({
          ok: true,
          text: t(locale, "op.closed", {
            count: result.closed,
            client: clientId,
            reason: result.reason,
          }),
        }),
      (error: unknown) =>
        setClosed({
          ok: false,
          text: t(locale, "op.close.error", {
            client: clientId,
            error: error instanceof Error ? error.message : String(error),
          }),
        }),
    );
    setClosing(null);
    setReason("");
  };
  return (
    <section aria-labelledby="op-clients-title">
      <h2 id="op-clients-title">{t(locale, "op.clients")}</h2>
      {closed !== null && (
        <p id="op-closed" role="status" data-ok={String(closed.ok)}>
          {closed.text}
        </p>
      )}
      <table id="op-clients" data-total={total}>
        <caption>
          {t(locale, "op.clients.caption", { shown: list.length, total })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, "op.client")}</th>
            <th scope="col">{t(locale, "op.type")}</th>
            <th scope="col">{t(locale, "op.protocol")}</th>
            <th scope="col">{t(locale, "op.address")}</th>
            <th scope="col">{t(locale, "op.game")}</th>
            <th scope="col">{t(locale, "op.subscriptions")}</th>
            <th scope="col">{t(locale, "op.last")}</th>
            <th scope="col">{t(locale, "op.since")}</th>
            <th scope="col"></th>
          </tr>
        </thead>
        <tbody>
          {list.map((client, i) => (
            <tr
              key={`${client.clientId} ${i}`}
              data-client={client.clientId}
              data-protocol={client.protocol}
            >
              <th scope="row">{client.clientId}</th>
              <td>{client.clientType}</td>
              <td>{client.protocol}</td>
              <td>{client.address}</td>
              <td class="games">{gamesText(client, locale)}</td>
              <td class="subscriptions">{client.subscriptions.join(", ")}</td>
              <td class="last">
                {client.lastCall === null
                  ? "–"
                  : `${client.lastCall.procedure} ${
                    clockText(client.lastCall.at, locale)
                  }`}
              </td>
              <td>{clockText(client.connectedAt, locale)}</td>
              <td>
                {client.clientId === "" ? null : closing ===
                    client.clientId
                  ? (
                    <form
                      class="close-form"
                      onSubmit={(event) => {
                        event.preventDefault();
                        close(client.clientId);
                      }}
                    >
                      <label>
                        {t(locale, "op.reason", { client: client.clientId })}
                        <input
                          name="reason"
                          value={reason}
                          onInput={(e) => setReason(e.currentTarget.value)}
                        />
                      </label>
                      <button type="submit" class="confirm-close">
                        {t(locale, "op.confirm")}
                      </button>
                      <button type="button" onClick={() => setClosing(null)}>
                        {t(locale, "op.cancel")}
                      </button>
                    </form>
                  )
                  : (
                    <button
                      type="button"
                      class="close"
                      onClick={() => setClosing(client.clientId)}
                    >
                      {t(locale, "op.close")}
                    </button>
                  )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
