// openapi-typescript's output (default options) as a user types it: each GET body passes back as the
// PUT body of the same resource, and a create needs only the fields the spec requires.
// Compiled (not run) by tests/test_ecosystem.py beside ./generated/schema.ts.
import type { paths } from "./generated/schema";

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
export const newService: Post<"/api/v1/gateways/{gateway_id}/services"> = {
  type: "endpoint",
  name: "weather",
  host: "api.weather.example",
  port: 443,
  protocol: "https",
  credentials: { api_key: "secret" },
};
export const newToolService: Post<"/api/v1/services/"> = { name: "weather", description: "forecasts" };
export const newTool: Post<"/api/v1/tools/"> = {
  name: "lookup_forecast",
  service_id: 1,
  definition: { type: "function" },
};
