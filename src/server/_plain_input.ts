/**
 * Plain JSON inputs over HTTP. The router reads inputs with superjson, whose
 * wire form is an envelope `{"json": …, "meta"?: …}`; a client that is not
 * written in TypeScript sends the input itself (`?input={"status":"ended"}`),
 * which superjson would read as `undefined`, silently. No procedure's input
 * has a `json` or `meta` field (tests/http_plain_input_test.ts checks it), so
 * the two are told apart without doubt: an object whose keys are all among
 * `json` and `meta` (the empty object included: the official client's
 * `undefined`) is an envelope; anything else is plain and gets wrapped.
 * @module
 */

const ENVELOPE_KEYS: ReadonlySet<string> = new Set(["json", "meta"]);

/** The input field names that would make a plain input look like an envelope. */
export const ENVELOPE_FIELDS: readonly string[] = [...ENVELOPE_KEYS];

/** Whether `value` is a superjson envelope (see the module comment). */
export function isEnvelope(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return false;
  }
  return Object.keys(value).every((key) => ENVELOPE_KEYS.has(key));
}

/**
 * `req` with every plain input wrapped in an envelope: the `input` search
 * parameter of a GET, the JSON body of a POST; each call of a batch
 * (`?batch=1`, an object keyed by call index) on its own. Input that is not
 * JSON is left for tRPC to refuse. Returns `req` itself when nothing changes.
 */
export async function envelopePlainInputs(req: Request): Promise<Request> {
  const url = new URL(req.url);
  const batch = url.searchParams.get("batch") === "1";
  if (req.method === "GET") {
    const input = url.searchParams.get("input");
    const wrapped = input === null ? null : rewrap(input, batch);
    if (wrapped === null) return req;
    url.searchParams.set("input", wrapped);
    return new Request(url, req);
  }
  if (req.method !== "POST" || req.body === null) return req;
  const text = await req.text();
  const body = rewrap(text, batch) ?? text;
  return new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body,
    signal: req.signal,
  });
}

/** `text` with its plain inputs wrapped, or null when it needs no change. */
function rewrap(text: string, batch: boolean): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!batch) return isEnvelope(value) ? null : JSON.stringify({ json: value });
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return null;
  }
  const calls = value as Record<string, unknown>;
  let changed = false;
  for (const [index, input] of Object.entries(calls)) {
    if (isEnvelope(input)) continue;
    calls[index] = { json: input };
    changed = true;
  }
  return changed ? JSON.stringify(calls) : null;
}
