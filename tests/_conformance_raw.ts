/**
 * A raw WebSocket for the conformance scenarios: frames are read one at a
 * time, text as strings and binary as bytes, and decoded with the
 * scenario's encoder (JSON when it has none). Every wait is bounded.
 * @module
 */
import { opened, within } from "./_helpers.ts";

/** What an encoder decodes (tRPC's `Encoder`). */
export interface Decoder {
  decode(data: string | ArrayBuffer | Uint8Array): unknown;
}

/** A raw socket whose frames keep their kind (text or binary). */
export class RawFrames implements AsyncDisposable {
  /** The socket. */
  readonly ws: WebSocket;
  /** The close event, once closed. */
  readonly closed: Promise<CloseEvent>;
  #frames: (string | Uint8Array)[] = [];
  #wake: (() => void) | null = null;
  #decoder: Decoder | undefined;

  private constructor(ws: WebSocket, decoder: Decoder | undefined) {
    this.ws = ws;
    this.#decoder = decoder;
    ws.binaryType = "arraybuffer";
    ws.onmessage = (event) => {
      const data = event.data;
      this.#frames.push(
        typeof data === "string" ? data : new Uint8Array(data as ArrayBuffer),
      );
      this.#wake?.();
    };
    this.closed = new Promise((resolve) => {
      ws.onclose = (event) => {
        resolve(event);
        this.#wake?.();
      };
    });
  }

  /** Opens a raw socket to `url`. */
  static async open(url: string, decoder?: Decoder): Promise<RawFrames> {
    const socket = new RawFrames(new WebSocket(url), decoder);
    await opened(socket.ws, url);
    return socket;
  }

  /** Sends a frame: text and bytes as they are, anything else as JSON. */
  send(data: unknown): void {
    this.ws.send(
      typeof data === "string" || data instanceof Uint8Array
        ? data
        : JSON.stringify(data),
    );
  }

  /** The next frame (bounded by `timeoutMs`). */
  async next(timeoutMs = 5000): Promise<string | Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    while (this.#frames.length === 0) {
      if (this.ws.readyState === WebSocket.CLOSED) {
        throw new Error("socket closed");
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a frame");
      await within(
        new Promise<void>((resolve) => (this.#wake = resolve)),
        left,
        "a frame",
      ).finally(() => (this.#wake = null));
    }
    return this.#frames.shift()!;
  }

  /** The next frame, decoded. */
  async nextMessage(timeoutMs = 5000): Promise<Record<string, unknown>> {
    const frame = await this.next(timeoutMs);
    if (this.#decoder) {
      return this.#decoder.decode(frame) as Record<string, unknown>;
    }
    if (typeof frame !== "string") throw new Error("a binary frame");
    return JSON.parse(frame);
  }

  /** Every frame until the socket closes, decoded, and the close. */
  async untilClosed(
    timeoutMs = 5000,
  ): Promise<{ messages: Record<string, unknown>[]; close: CloseEvent }> {
    const close = await within(this.closed, timeoutMs, "the close");
    const messages = [];
    while (this.#frames.length > 0) messages.push(await this.nextMessage());
    return { messages, close };
  }

  /** Closes the socket and waits for the close. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.ws.readyState < WebSocket.CLOSING) this.ws.close();
    await within(this.closed, 5000, "raw socket close");
  }
}
