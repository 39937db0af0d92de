import assert from "node:assert/strict";
import {
  type AppContext,
  type ContextRequest,
  createContextFactory,
} from "../src/api/mod.ts";
import { GameService, type TournamentService } from "../src/game/mod.ts";
import { Hub } from "../src/hub/mod.ts";

const ADMIN = "admin-secret-token";

function factory(): {
  make: (request: ContextRequest) => AppContext | Promise<AppContext>;
  [Symbol.dispose](): void;
} {
  const hub = new Hub();
  const games = new GameService({ hub });
  return {
    make: createContextFactory({
      hub,
      games,
      tournaments: {} as TournamentService, // kept, not read, by the context
      adminToken: ADMIN,
    }),
    [Symbol.dispose]() {
      games.close();
      hub.close();
    },
  };
}

/** A request whose `Request` throws if it is made. */
function lazy(url: string, headers: Record<string, string>): ContextRequest {
  return {
    get req(): Request {
      throw new Error("the Request was made");
    },
    url,
    header: (name) => headers[name] ?? null,
    connectionParams: null,
  };
}

Deno.test("createContextFactory() reads the query string and Authorization through url and header without making the Request, and answers at once without a token", async () => {
  using f = factory();
  const made = f.make(
    lazy("http://127.0.0.1/trpc?client_id=alice&client_type=observer", {}),
  );
  assert.ok(!(made instanceof Promise), "no token: made at once");
  assert.deepEqual(made.who, { client_id: "alice", client_type: "observer" });
  assert.equal(made.isAdmin, false);

  const plain = f.make(lazy("http://127.0.0.1/trpc", {})) as AppContext;
  assert.deepEqual(plain.who, { client_id: undefined, client_type: "ui" });

  const admin = f.make(
    lazy("http://127.0.0.1/trpc", { authorization: `Bearer ${ADMIN}` }),
  );
  assert.ok(admin instanceof Promise, "a token is looked up");
  assert.equal((await admin).isAdmin, true);
  await assert.rejects(
    Promise.resolve(
      f.make(lazy("http://127.0.0.1/trpc", { authorization: "Bearer nope" })),
    ),
    /The token is not valid/,
  );
});

Deno.test("createContextFactory() without url and header reads the Request (HTTP, the original protocol)", () => {
  using f = factory();
  const ctx = f.make({
    req: new Request("http://127.0.0.1/trpc?client_id=bob", {
      headers: { authorization: "Bearer" }, // no token in it: ignored
    }),
  });
  assert.ok(!(ctx instanceof Promise));
  assert.equal(ctx.who.client_id, "bob");
});
