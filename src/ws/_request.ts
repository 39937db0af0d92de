/**
 * The upgrade request, kept small. Deno closes the original request once it
 * is upgraded, so its URL and headers are copied; a `Request` is made from
 * them only when someone asks for it (a context factory, `onError`).
 */
export class RequestSnapshot {
  /** The request's URL. */
  readonly url: string;
  #headers: [string, string][];
  #request: Request | null = null;

  constructor(req: Request) {
    this.url = req.url;
    this.#headers = [...req.headers];
  }

  /** The request, made on first use. */
  get request(): Request {
    return this.#request ??= new Request(this.url, { headers: this.#headers });
  }
}
