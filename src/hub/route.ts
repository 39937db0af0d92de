import type { ClientType } from "../contract/mod.ts";

/**
 * Where a hub message goes. Empty: everyone. `to_client`: that client only.
 * Otherwise `target_types` keeps only those types and `exclude_client`
 * leaves one client out; the two combine, as in the original `broadcast`.
 */
export interface Route {
  /** Only this client. */
  readonly to_client?: string | undefined;
  /** Only clients of these types. */
  readonly target_types?: readonly ClientType[] | undefined;
  /** Everyone addressed but this client. */
  readonly exclude_client?: string | undefined;
}

/** Who may receive a message: a client's id and type. */
export interface Recipient {
  /** The client's id. */
  readonly client_id: string;
  /** The client's type. */
  readonly client_type: ClientType;
}

/** A route to everyone. */
export const TO_EVERYONE: Route = Object.freeze({});

/** Whether `route` addresses `who`: the one place routing is decided. */
export function isAddressedTo(route: Route, who: Recipient): boolean {
  if (route.to_client !== undefined) return route.to_client === who.client_id;
  if (
    route.target_types !== undefined &&
    !route.target_types.includes(who.client_type)
  ) {
    return false;
  }
  return route.exclude_client !== who.client_id;
}
