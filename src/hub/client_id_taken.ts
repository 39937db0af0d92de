/**
 * A client id is held by a connection that proved a credential (a seat
 * token, the admin or the spectator token), and the newcomer did not
 * prove the same one: it may not take the id over.
 */
export class ClientIdTaken extends Error {
  override name = "ClientIdTaken";
  /** The client id asked for. */
  readonly clientId: string;

  constructor(clientId: string) {
    super(
      `client_id ${clientId} is in use by a client that connected with a token: connect with the same token to take over its session, or choose another client id.`,
    );
    this.clientId = clientId;
  }
}
