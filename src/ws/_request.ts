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
  /** Names and values, one after the other: one array, not one per header. */
  #headers: string[] = [];
  #request: Request | null = null;

  constructor(req: Request, remoteAddress?: string) {
    this.url = req.url;
    this.remoteAddress = remoteAddress;
    const headers = this.#headers;
    req.headers.forEach((value, name) => headers.push(name, value));
  }

  /** The header `name` (lower case; values joined by ", "), or null. */
  header(name: string): string | null {
    const flat = this.#headers;
    for (let i = 0; i < flat.length; i += 2) {
      if (flat[i] === name) return flat[i + 1]!;
    }
    return null;
  }

  /** The request, made on first use. */
  get request(): Request {
    if (this.#request !== null) return this.#request;
    // appended to its own headers: `new Request(url, { headers })` copies a
    // Headers object 4x slower
    const request = new Request(this.url);
    const flat = this.#headers;
    for (let i = 0; i < flat.length; i += 2) {
      request.headers.append(flat[i]!, flat[i + 1]!);
    }
    return this.#request = request;
  }
}

/** Whether the upgrade URL asks to wait for `connectionParams` (`?connectionParams=1`). */
export function waitsForParams(url: string): boolean {
  if (!url.includes("connectionParams=")) return false; // the cheap common case
  return new URL(url).searchParams.get("connectionParams") === "1";
}
