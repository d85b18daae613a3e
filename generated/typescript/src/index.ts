/**
 * The specgate API client: openapi-fetch, typed by the spec's own types (schema.ts, made by
 * openapi-typescript from openapi/openapi.yaml). Copied into generated/typescript by `make generate`.
 */
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

/** Every component schema of the spec by name, e.g. `Schemas["Gateway"]`. */
export type Schemas = components["schemas"];

/** A typed client: `client.GET("/api/v1/gateways/{gateway_id}", { params: { path: { gateway_id } } })`. */
export type SpecgateClient = Client<paths>;

export interface SpecgateOptions extends ClientOptions {
  /** The server's address, e.g. `http://127.0.0.1:8000`. */
  baseUrl: string;
  /** An API key (`specgate keys create`); sent as `Authorization: Bearer <key>` on every request. */
  apiKey: string;
}

export function createSpecgateClient({ apiKey, ...options }: SpecgateOptions): SpecgateClient {
  const client = createClient<paths>(options);
  // A middleware, not a default header: the key stays out of the client's visible options.
  client.use({
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${apiKey}`);
      return request;
    },
  });
  return client;
}
