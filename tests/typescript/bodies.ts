/**
 * Type-level contract of the generated TypeScript client, checked by `make check` (tsc): for every
 * resource, the body a GET answers is accepted as the body of its PUT, and a create needs only the
 * fields the spec requires. roundtrip.ts does the same at run time for services.
 */
import type { paths } from "../../generated/typescript/src/index.js";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
type Read<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;
type Put<P extends keyof paths> = paths[P] extends { put: { requestBody: infer R } } ? Json<R> : never;
type Post<P extends keyof paths> = paths[P] extends { post: { requestBody: infer R } } ? Json<R> : never;

export const gateway = (read: Read<"/api/v1/gateways/{gateway_id}">): Put<"/api/v1/gateways/{gateway_id}"> => read;
export const upstream = (
  read: Read<"/api/v1/gateways/{gateway_id}/upstreams/{upstream_id}">,
): Put<"/api/v1/gateways/{gateway_id}/upstreams/{upstream_id}"> => read;
export const service = (
  read: Read<"/api/v1/gateways/{gateway_id}/services/{service_id}">,
): Put<"/api/v1/gateways/{gateway_id}/services/{service_id}"> => read;
// A GET body names the auth values' keys only: each sent as null keeps its stored value.
export const toolService = (read: Read<"/api/v1/services/{service_id}">): Put<"/api/v1/services/"> => ({
  ...read,
  auth_values: Object.fromEntries((read.auth_value_keys ?? []).map((key) => [key, null])),
});
export const tool = (read: Read<"/api/v1/tools/{tool_name}">): Put<"/api/v1/tools/"> => read;

export const newGateway: Post<"/api/v1/gateways"> = { name: "edge" };
export const newUpstream: Post<"/api/v1/gateways/{gateway_id}/upstreams"> = {
  name: "pool",
  targets: [{ host: "llm.internal.example", port: 8443, protocol: "https" }],
};
export const newService: Post<"/api/v1/gateways/{gateway_id}/services"> = {
  type: "upstream",
  name: "chat",
  upstream_id: "9b4e0c7d-3a2f-4d5e-8c1b-2f6a7e9d0c11",
};
export const newToolService: Post<"/api/v1/services/"> = { name: "weather", description: "forecasts" };
export const newTool: Post<"/api/v1/tools/"> = {
  name: "lookup_forecast",
  service_id: 1,
  definition: { type: "function" },
};
