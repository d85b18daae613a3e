/**
 * The generated TypeScript client (generated/typescript) used as a user would, on both API families.
 * `make check` type-checks this file: a body read with GET must compile as the PUT body. The test
 * tests/test_typescript_client.py compiles it, runs it with node against a live server
 * (`node roundtrip.js URL KEY`) and checks the JSON report it prints.
 */
import { createSpecgateClient, type Schemas } from "../../generated/typescript/src/index.js";

const [baseUrl, apiKey] = process.argv.slice(2);
if (!baseUrl || !apiKey) throw new Error("usage: node roundtrip.js URL KEY");
const api = createSpecgateClient({ baseUrl, apiKey });

/** The ETag of an answer; every read and write of a resource sends one. */
function etagOf(response: Response): string {
  const etag = response.headers.get("ETag");
  if (etag === null) throw new Error(`${response.url}: no ETag`);
  return etag;
}

function failed(what: string, response: Response, error: unknown): never {
  throw new Error(`${what}: ${response.status} ${JSON.stringify(error)}`);
}

async function gatewayFamily() {
  const gateway = await api.POST("/api/v1/gateways", { body: { name: "typescript-client" } });
  if (!gateway.data) failed("create gateway", gateway.response, gateway.error);
  const gateway_id = gateway.data.id;

  const write: Schemas["GatewayServiceEndpointWrite"] = {
    type: "endpoint",
    name: "weather",
    host: "api.weather.example",
    port: 443,
    protocol: "https",
    credentials: { api_key: "typescript-secret" },
  };
  const created = await api.POST("/api/v1/gateways/{gateway_id}/services", {
    params: { path: { gateway_id } },
    body: write,
  });
  if (!created.data) failed("create service", created.response, created.error);
  const path = { gateway_id, service_id: created.data.id };

  const read = await api.GET("/api/v1/gateways/{gateway_id}/services/{service_id}", { params: { path } });
  if (!read.data) failed("read service", read.response, read.error);
  const etag = etagOf(read.response);

  // The body as read, with one change, sent back under its ETag: the masked secret is kept.
  const updated = await api.PUT("/api/v1/gateways/{gateway_id}/services/{service_id}", {
    params: { path, header: { "If-Match": etag } },
    body: { ...read.data, description: "changed by the TypeScript client" },
  });
  if (!updated.data) failed("update service", updated.response, updated.error);

  // The same ETag again is stale now: 412, a problem, nothing written.
  const stale = await api.PUT("/api/v1/gateways/{gateway_id}/services/{service_id}", {
    params: { path, header: { "If-Match": etag } },
    body: read.data,
  });

  const page = await api.GET("/api/v1/gateways/{gateway_id}/services", {
    params: { path: { gateway_id }, query: { offset: 0, limit: 1 } },
  });
  if (!page.data) failed("list services", page.response, page.error);

  const missing = await api.GET("/api/v1/gateways/{gateway_id}/services/{service_id}", {
    params: { path: { gateway_id, service_id: "00000000-0000-4000-8000-000000000000" } },
  });

  return {
    gateway_id,
    service_id: created.data.id,
    created: { status: created.response.status, credentials: created.data.credentials },
    read: { status: read.response.status, etag },
    updated: {
      status: updated.response.status,
      etag: etagOf(updated.response),
      description: updated.data.description,
      credentials: updated.data.credentials,
    },
    stale: { status: stale.response.status, problem: stale.error },
    page: { status: page.response.status, items: page.data.items.length, total: page.data.total },
    missing: { status: missing.response.status, problem: missing.error },
  };
}

async function toolFamily() {
  const created = await api.POST("/api/v1/services/", {
    body: {
      name: "typescript tools",
      description: "made by the TypeScript client",
      auth_type: "bearer",
      auth_values: { token: "typescript-token" },
    },
  });
  if (!created.data) failed("create tool service", created.response, created.error);
  const service_id = created.data.id;

  const read = await api.GET("/api/v1/services/{service_id}", { params: { path: { service_id } } });
  if (!read.data) failed("read tool service", read.response, read.error);
  const etag = etagOf(read.response);

  // A GET body has the keys of the auth values only; each sent as null keeps its stored value.
  const keep: Schemas["AuthValues"] = Object.fromEntries((read.data.auth_value_keys ?? []).map((key) => [key, null]));
  const updated = await api.PUT("/api/v1/services/", {
    params: { header: { "If-Match": etag } },
    body: { ...read.data, description: "changed by the TypeScript client", auth_values: keep },
  });
  if (!updated.data) failed("update tool service", updated.response, updated.error);

  const stale = await api.PUT("/api/v1/services/", {
    params: { header: { "If-Match": etag } },
    body: { ...read.data, auth_values: keep },
  });

  const page = await api.GET("/api/v1/services/", { params: { query: { page: 0, limit: 1 } } });
  if (!page.data) failed("list tool services", page.response, page.error);

  const missing = await api.GET("/api/v1/services/{service_id}", { params: { path: { service_id: service_id + 1000 } } });

  return {
    service_id,
    created: { status: created.response.status, auth_value_keys: created.data.auth_value_keys },
    read: { status: read.response.status, etag },
    updated: {
      status: updated.response.status,
      etag: etagOf(updated.response),
      description: updated.data.description,
      auth_value_keys: updated.data.auth_value_keys,
    },
    stale: { status: stale.response.status, problem: stale.error },
    page: { status: page.response.status, items: page.data.items.length, total_count: page.data.total_count },
    missing: { status: missing.response.status, problem: missing.error },
  };
}

const report = { gateways: await gatewayFamily(), tool_services: await toolFamily() };
process.stdout.write(JSON.stringify(report) + "\n");
