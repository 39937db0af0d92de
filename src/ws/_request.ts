/**
 * The upgrade request, kept small. Deno closes the original request once it
 * is upgraded, so its URL and headers are copied; a `Request` is made from
 * them only when someone asks for it (a context factory, `onError`).
 */
export class RequestSnapshot {
  /** The request's URL. */
  readonly url: string;
  /** The peer's address, as the server gave it (`WSConnectionHooks`). */
  readonly remoteAddress: string | undefined;
  #headers: [string, string][];
  #request: Request | null = null;

  constructor(req: Request, remoteAddress?: string) {
    this.url = req.url;
    this.remoteAddress = remoteAddress;
    this.#headers = [...req.headers];
  }

  /** The request, made on first use. */
  get request(): Request {
    return this.#request ??= new Request(this.url, { headers: this.#headers });
  }
}
