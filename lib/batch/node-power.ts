import "server-only";
import { BatchServiceMappers, type BatchServiceClient } from "@azure/batch";
import { Serializer, type OperationSpec, type RestResponse } from "@azure/ms-rest-js";
import type { TaskOption } from "@/lib/schemas/remediation";

/*
 * Deallocate and start (2025-06-01; docs/real-service.md "API versions") have no method in @azure/batch
 * 10.2.0, so they are operation specs of our own sent through the SDK client's sendOperationRequest: the
 * same pipeline as every other call (our request policy with its slots and retry rules, the SharedKey or
 * Entra credential), and api-version read from the client like the SDK's own specs.
 */

const serializer = new Serializer({
  BatchError: BatchServiceMappers.BatchError,
  ErrorMessage: BatchServiceMappers.ErrorMessage,
  BatchErrorDetail: BatchServiceMappers.BatchErrorDetail,
});

const str = (serializedName: string) => ({ serializedName, type: { name: "String" as const } });
const batchUrl = { parameterPath: "batchUrl", skipEncoding: true, mapper: { ...str("batchUrl"), required: true, defaultValue: "" } };
const poolId = { parameterPath: "poolId", mapper: { ...str("poolId"), required: true } };
const nodeId = { parameterPath: "nodeId", mapper: { ...str("nodeId"), required: true } };
const apiVersion = { parameterPath: "apiVersion", mapper: { ...str("api-version"), required: true } };
const acceptLanguage = { parameterPath: "acceptLanguage", mapper: { ...str("accept-language"), defaultValue: "en-US" } };

/** The 202 headers of both (AcceptedProcessingResponseHeaders), the same set as reboot's. */
const responses: OperationSpec["responses"] = {
  202: { headersMapper: BatchServiceMappers.ComputeNodeRebootHeaders },
  default: { bodyMapper: BatchServiceMappers.BatchError, headersMapper: BatchServiceMappers.ComputeNodeRebootHeaders },
};

const deallocateSpec: OperationSpec = {
  httpMethod: "POST",
  path: "pools/{poolId}/nodes/{nodeId}/deallocate",
  urlParameters: [batchUrl, poolId, nodeId],
  queryParameters: [apiVersion],
  headerParameters: [acceptLanguage],
  requestBody: {
    parameterPath: { nodeDeallocateOption: ["options", "nodeDeallocateOption"] },
    mapper: {
      serializedName: "BatchNodeDeallocateOptions",
      type: {
        name: "Composite",
        className: "BatchNodeDeallocateOptions",
        modelProperties: {
          nodeDeallocateOption: {
            serializedName: "nodeDeallocateOption",
            type: { name: "Enum", allowedValues: ["requeue", "terminate", "taskcompletion", "retaineddata"] },
          },
        },
      },
    },
  },
  contentType: "application/json; odata=minimalmetadata; charset=utf-8",
  responses,
  serializer,
};

const startSpec: OperationSpec = {
  httpMethod: "POST",
  path: "pools/{poolId}/nodes/{nodeId}/start",
  urlParameters: [batchUrl, poolId, nodeId],
  queryParameters: [apiVersion],
  headerParameters: [acceptLanguage],
  responses,
  serializer,
};

export type NodePowerResponse = RestResponse & { requestId?: string };

/** POST …/nodes/{nodeId}/deallocate with the option for running tasks (Batch's default is requeue). */
export function deallocateNode(client: BatchServiceClient, pool: string, node: string, option: TaskOption | undefined): Promise<NodePowerResponse> {
  return client.sendOperationRequest({ poolId: pool, nodeId: node, options: option ? { nodeDeallocateOption: option } : {} }, deallocateSpec);
}

/** POST …/nodes/{nodeId}/start: no body. */
export function startNode(client: BatchServiceClient, pool: string, node: string): Promise<NodePowerResponse> {
  return client.sendOperationRequest({ poolId: pool, nodeId: node }, startSpec);
}
