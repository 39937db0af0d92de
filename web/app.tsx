/// <reference lib="dom" />
/**
 * The page: a header with the connection's state and the token form, then
 * the lobby, one game, or the tournaments (the URL's hash says which).
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { WhoAmI } from "../src/mod.ts";
import { Access } from "./access.tsx";
import {
  type Connection,
  type LinkState,
  openConnection,
  readToken,
  saveToken,
  socketUrl,
} from "./connection.ts";
import { GamePage } from "./game_page.tsx";
import { useRoute } from "./hooks.ts";
import { boardRouteOf } from "./leaderboard_model.ts";
import { Lobby } from "./lobby.tsx";
import { t } from "./i18n.ts";
import { Operator } from "./operator.tsx";
import { operatorHash, operatorRouteOf } from "./routes.ts";
import { Tournaments } from "./tournaments.tsx";

const LINK_TEXT: Record<LinkState, string> = {
  connecting: "Connecting…",
  open: "Connected",
  reconnecting: "Connection lost: reconnecting…",
  closed: "Disconnected",
};

/** The whole page. */
export function App(): JSX.Element {
  const [token, setToken] = useState(readToken);
  const [refused, setRefused] = useState(false);
  const [link, setLink] = useState<LinkState>("connecting");
  const [conn, setConn] = useState<Connection | null>(null);
  const [who, setWho] = useState<WhoAmI | null>(null);
  const [offset, setOffset] = useState(0);
  const route = useRoute(); // re-renders on every hashchange
  const board = boardRouteOf(location.hash);
  const operator = operatorRouteOf(location.hash);

  useEffect(() => {
    const opened = openConnection({
      url: socketUrl(location),
      token,
      onState: setLink,
      onRefused: () => {
        if (token === null) return;
        saveToken(null);
        setRefused(true);
        setToken(null);
      },
    });
    setConn(opened);
    setWho(null);
    return () => void opened.close();
  }, [token]);

  useEffect(() => {
    if (conn === null || link !== "open") return;
    let current = true;
    const sent = Date.now();
    conn.api.system.whoami.query().then((me) => current && setWho(me))
      .catch(() => {});
    conn.api.system.ping.query().then(({ serverTime }) => {
      const received = Date.now();
      if (current) setOffset(serverTime.getTime() - (sent + received) / 2);
    }).catch(() => {});
    return () => {
      current = false;
    };
  }, [conn, link]);

  const changeToken = (next: string | null) => {
    saveToken(next);
    setRefused(false);
    setToken(next);
  };

  return (
    <>
      <header class="top">
        <p class="brand">
          <a href="#/">Loup-Garou</a> <span>live</span>
        </p>
        {who?.admin && (
          <p class="operator-link">
            <a id="operator-link" href={operatorHash()}>{t("en", "op.link")}</a>
          </p>
        )}
        <p id="connection" class="link" role="status" data-state={link}>
          <span class="dot" aria-hidden="true"></span>
          {LINK_TEXT[link]}
        </p>
        <Access
          who={who}
          token={token}
          refused={refused}
          onToken={changeToken}
        />
      </header>
      <main
        id="main"
        class={route.gameId === null && board === null && operator === null
          ? undefined
          : "wide"}
      >
        {conn === null
          ? <p>Connecting…</p>
          : operator !== null
          ? <Operator api={conn.api} who={who} locale={operator.locale} />
          : board !== null
          ? <Tournaments api={conn.api} route={board} />
          : route.gameId === null
          ? <Lobby api={conn.api} who={who} offset={offset} />
          : (
            <GamePage
              key={`${route.gameId} ${token ?? ""}`}
              api={conn.api}
              gameId={route.gameId}
              offset={offset}
              godView={who?.godView ?? false}
              route={route}
            />
          )}
      </main>
    </>
  );
}
