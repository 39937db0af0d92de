/**
 * The words of the wire protocol, read from the contract's schemas: the
 * field names of every event and message (`type`, `player_id`,
 * `is_werewolf`, `message_type`…) and their `type` / `message_type`
 * values (`seer_result`, `your_turn`, `role_assigned`…), with the requests
 * and action kinds. A line of speech shaped like them is protocol, not
 * speech.
 * @module
 */
import {
  ACTION_KINDS,
  GameEventSchema,
  HubMessageSchema,
  LegacyServerMessageSchema,
  REQUESTS,
} from "../contract/mod.ts";

type Shaped = { shape: Record<string, unknown> };

const OBJECTS: readonly Shaped[] = [
  ...GameEventSchema.options,
  ...HubMessageSchema.options,
  ...LegacyServerMessageSchema.options,
];

/** The literal value of a `type` or `message_type` field, if it is one. */
function literalOf(field: unknown): string[] {
  const values = (field as { values?: Set<unknown> } | undefined)?.values;
  return values instanceof Set
    ? [...values].filter((v): v is string => typeof v === "string")
    : [];
}

/** Every field name of an event or a message. */
export const PROTOCOL_KEYS: readonly string[] = [
  ...new Set(OBJECTS.flatMap((object) => Object.keys(object.shape))),
];

/** Every event and message type, request and action kind. */
export const PROTOCOL_NAMES: readonly string[] = [
  ...new Set([
    ...OBJECTS.flatMap((object) =>
      literalOf(object.shape.type ?? object.shape.message_type)
    ),
    ...REQUESTS,
    ...ACTION_KINDS,
  ]),
];
