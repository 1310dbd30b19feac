/**
 * Workflow histories as JSON files. The SDK's own historyToJSON/historyFromJSON fail in this
 * install ("type must be a Type") because npm placed two copies of protobufjs 8 under
 * @temporalio/common and @temporalio/proto, so these helpers use the generated History class of
 * @temporalio/proto alone. The output follows the protobuf JSON mapping: camelCase fields, enum
 * names, 64-bit integers as strings and bytes as base64.
 */
import { temporal } from '@temporalio/proto';

const History = temporal.api.history.v1.History;
type History = temporal.api.history.v1.IHistory;

export function historyToJson(history: History): unknown {
  const message = History.fromObject(history);
  return History.toObject(message, { longs: String, enums: String, bytes: String });
}

/** Parses a history file into a History whose event ids are Longs, as the replayer expects. */
export function historyFromJson(json: unknown): temporal.api.history.v1.History {
  return History.fromObject(json as Record<string, unknown>);
}
