/** A socket as the registry sees it. */
export interface RegisteredSocket {
  /** Sends tRPC's reconnect notification. */
  notifyReconnect(): void;
  /** Closes the socket. */
  close(code: number, reason: string): void;
  /** Resolves when the socket's close handshake has finished. */
  readonly settled: Promise<void>;
}

/**
 * The open tRPC sockets of a server: tells them all to reconnect, counts the
 * calls in flight, and lets a shutdown wait for those calls to finish.
 */
export class SocketSet {
  #sockets = new Set<RegisteredSocket>();
  #inFlight = 0;
  #draining = false;
  #idle: (() => void)[] = [];

  /** How many sockets are open. */
  get size(): number {
    return this.#sockets.size;
  }

  /** How many queries and mutations are running. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Whether new connections are refused (a shutdown has begun). */
  get draining(): boolean {
    return this.#draining;
  }

  /** Adds a socket. */
  add(socket: RegisteredSocket): void {
    this.#sockets.add(socket);
  }

  /** Removes a socket. */
  delete(socket: RegisteredSocket): void {
    this.#sockets.delete(socket);
  }

  /** Counts a call in; returns the function that counts it out. */
  callStarted(): () => void {
    this.#inFlight++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.#inFlight === 0) {
        for (const wake of this.#idle.splice(0)) wake();
      }
    };
  }

  /** Sends `{ id: null, method: "reconnect" }` to every socket. */
  broadcastReconnectNotification(): number {
    for (const socket of this.#sockets) socket.notifyReconnect();
    return this.#sockets.size;
  }

  /**
   * Refuses new connections from now on and waits until no call is in
   * flight or `timeoutMs` passed. Resolves true when every call finished.
   */
  drain(timeoutMs: number): Promise<boolean> {
    this.#draining = true;
    if (this.#inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#idle = this.#idle.filter((wake) => wake !== onIdle);
        resolve(false);
      }, timeoutMs);
      const onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.#idle.push(onIdle);
    });
  }

  /**
   * Closes every socket and waits, at most `waitMs`, for their close
   * handshakes, so the close frames go out before the server stops.
   */
  async closeAll(code: number, reason: string, waitMs = 1000): Promise<void> {
    const sockets = [...this.#sockets];
    for (const socket of sockets) socket.close(code, reason);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(sockets.map((socket) => socket.settled)),
      new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timer);
  }
}
