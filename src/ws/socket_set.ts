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
  /** Sockets closed but whose close handshake has not finished yet. */
  #closing = new Set<RegisteredSocket>();
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

  /**
   * Removes a socket from the open ones; until its close handshake has
   * finished (`settled`), {@linkcode SocketSet.closeAll} still waits for
   * it, so a client cut off just before a shutdown (4003, 4008) is not
   * left with a close frame the server never finished writing.
   */
  delete(socket: RegisteredSocket): void {
    if (!this.#sockets.delete(socket)) return;
    this.#closing.add(socket);
    void socket.settled.then(() => this.#closing.delete(socket));
  }

  /** How many sockets are closed but not yet through their close handshake. */
  get closing(): number {
    return this.#closing.size;
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
   * handshakes and those of sockets closed before, so the close frames go
   * out before the server stops.
   */
  async closeAll(code: number, reason: string, waitMs = 1000): Promise<void> {
    const open = [...this.#sockets];
    for (const socket of open) socket.close(code, reason);
    const sockets = [...open, ...this.#closing];
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(sockets.map((socket) => socket.settled)),
      new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timer);
  }
}
