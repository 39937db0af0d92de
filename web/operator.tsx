/// <reference lib="dom" />
/**
 * The operator's view (`#/operator`, `?lang=fr` in French): for an admin,
 * `admin.overview` asked every second: connections by protocol and client
 * type, games by status, calls and errors (a chart of their rates over the
 * last minutes), slow consumers cut, and the connected clients, each
 * closable. Without admin rights it says what is needed.
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Locale, Overview, WhoAmI } from "../src/mod.ts";
import type { Api } from "./connection.ts";
import { LOCALE_NAMES, t } from "./i18n.ts";
import { CallsChart } from "./operator_chart.tsx";
import { ClientsTable } from "./operator_clients.tsx";
import { clockText, errorTotal } from "./operator_model.ts";
import { operatorHash } from "./routes.ts";

/** How often the numbers are asked again, in ms. */
const EVERY_MS = 1000;

/** `admin.overview`, asked every {@linkcode EVERY_MS} while mounted. */
function useOverview(api: Api): { overview: Overview | null; error: string } {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    let current = true;
    const ask = () =>
      api.admin.overview.query().then((next) => {
        if (!current) return;
        setOverview(next);
        setError("");
      }, (cause: unknown) => {
        if (current) setError(cause instanceof Error ? cause.message : "?");
      });
    void ask();
    const timer = setInterval(ask, EVERY_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [api]);
  return { overview, error };
}

/** The view, or what it needs. */
export function Operator(
  props: { api: Api; who: WhoAmI | null; locale: Locale },
): JSX.Element {
  const { api, who, locale } = props;
  return (
    <section
      id="operator"
      class="operator"
      lang={locale}
      aria-labelledby="operator-title"
    >
      <p class="operator-nav">
        <a class="back" href="#/">{t(locale, "back")}</a>
        <span class="langs" aria-label={t(locale, "tour.language")}>
          {(Object.keys(LOCALE_NAMES) as Locale[]).map((l) => (
            <a
              key={l}
              href={operatorHash(l)}
              aria-current={l === locale ? "true" : undefined}
            >
              {LOCALE_NAMES[l]}
            </a>
          ))}
        </span>
      </p>
      <h1 id="operator-title">{t(locale, "op.title")}</h1>
      {who === null
        ? <p>{t(locale, "op.loading")}</p>
        : !who.admin
        ? <p id="operator-denied" role="alert">{t(locale, "op.denied")}</p>
        : <Numbers api={api} locale={locale} />}
    </section>
  );
}

/** The live numbers. */
function Numbers(props: { api: Api; locale: Locale }): JSX.Element {
  const { api, locale } = props;
  const { overview, error } = useOverview(api);
  if (overview === null) {
    return error === ""
      ? <p>{t(locale, "op.loading")}</p>
      : <p role="alert">{t(locale, "op.error", { error })}</p>;
  }
  const games = Object.entries(overview.games);
  return (
    <div class="op-numbers" data-at={overview.at}>
      <p class="hint">
        {t(locale, "op.updated", { time: clockText(overview.at, locale) })}
        {error !== "" && ` ${t(locale, "op.error", { error })}`}
      </p>
      <div class="op-cards">
        <table id="op-connections">
          <caption>{t(locale, "op.connections")}</caption>
          <thead>
            <tr>
              <th scope="col">{t(locale, "op.protocol")}</th>
              <th scope="col">{t(locale, "op.type")}</th>
              <th scope="col">{t(locale, "op.count")}</th>
            </tr>
          </thead>
          <tbody>
            {overview.connections.map((c) => (
              <tr
                key={`${c.protocol} ${c.clientType}`}
                data-protocol={c.protocol}
                data-type={c.clientType}
              >
                <td>{c.protocol}</td>
                <td>{c.clientType}</td>
                <td class="count">{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table id="op-games">
          <caption>{t(locale, "op.games")}</caption>
          <tbody>
            {games.length === 0 && (
              <tr>
                <td>{t(locale, "op.none")}</td>
              </tr>
            )}
            {games.map(([status, count]) => (
              <tr key={status} data-status={status}>
                <th scope="row">{status}</th>
                <td class="count">{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t(locale, "op.calls")}</h2>
      <p
        id="op-calls"
        data-total={overview.calls.total}
        data-errors={errorTotal(overview)}
      >
        {t(locale, "op.calls.total", {
          total: overview.calls.total,
          errors: errorTotal(overview),
        })}{" "}
        <span id="op-slow" data-count={overview.slowConsumers.total}>
          {t(locale, "op.slow", { count: overview.slowConsumers.total })}
        </span>
      </p>
      <CallsChart overview={overview} locale={locale} />
      <ClientsTable api={api} overview={overview} locale={locale} />
    </div>
  );
}
