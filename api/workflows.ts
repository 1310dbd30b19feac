/**
 * Sending messages to workflows from routes, with Temporal's failures turned into the API's error
 * codes: a rejected update keeps the code the workflow gave it, a finished workflow is
 * invalid_state, and an unreachable Temporal is temporal_unavailable.
 */
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { AppError, errorStatus, type ErrorCode, type FieldIssue } from '../common/errors';

const codesFromWorkflow = new Set<string>(['invalid_state', 'forbidden', 'validation_failed']);

function isErrorCode(value: string): value is ErrorCode {
  return value in errorStatus;
}

/**
 * Turns the `{ field }` a workflow attaches to a rejection into the API's field issues, naming the
 * field as the request body does.
 */
function fieldIssues(failure: ApplicationFailure): FieldIssue[] | undefined {
  const detail: unknown = failure.details?.[0];
  if (detail === null || typeof detail !== 'object' || !('field' in detail)) return undefined;
  const field = String(detail.field);
  return [{ field: field === 'actor' ? field : `body.${field}`, message: failure.message }];
}

/** Maps an error from the Temporal client to an AppError, or returns it unchanged. */
export function temporalError(error: unknown, workflowId: string): unknown {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (
      cause instanceof ApplicationFailure &&
      cause.type &&
      codesFromWorkflow.has(cause.type) &&
      isErrorCode(cause.type)
    ) {
      return new AppError(cause.type, cause.message, fieldIssues(cause));
    }
    return new AppError('invalid_state', cause?.message ?? error.message);
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new AppError('conflict', `A workflow with the id ${workflowId} is already running`);
  }
  if (error instanceof WorkflowNotFoundError) {
    return new AppError('invalid_state', `The workflow of ${workflowId} is no longer running`);
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new AppError('temporal_unavailable', `The update of ${workflowId} timed out`);
  }
  if (error instanceof ServiceError) {
    const message = error.message.toLowerCase();
    if (message.includes('completed') || message.includes('not found')) {
      return new AppError('invalid_state', `The workflow of ${workflowId} is no longer running`);
    }
    return new AppError('temporal_unavailable', `Temporal did not respond: ${error.message}`);
  }
  return error;
}

/** Executes an update on a workflow and returns its result, mapping failures to AppErrors. */
export async function executeUpdate<Result>(
  client: Client,
  workflowId: string,
  update: string,
  payload: unknown,
): Promise<Result> {
  try {
    return await client.workflow
      .getHandle(workflowId)
      .executeUpdate<Result, [unknown]>(update, { args: [payload] });
  } catch (error) {
    throw temporalError(error, workflowId);
  }
}

export async function queryWorkflow<Result>(
  client: Client,
  workflowId: string,
  query: string,
): Promise<Result | null> {
  try {
    return await client.workflow.getHandle(workflowId).query<Result>(query);
  } catch {
    return null;
  }
}
