// @hey-api/openapi-ts's SDK (default options, fetch client) as a user calls it: each GET body passes
// back as the PUT body of the same resource. Compiled (not run) beside ./generated/.
import {
  createGateway,
  getGateway,
  getGatewayService,
  getTool,
  getToolService,
  getUpstream,
  updateGateway,
  updateGatewayService,
  updateTool,
  updateToolService,
  updateUpstream,
} from "./generated";

export async function roundTrips(gateway_id: string, upstream_id: string, service_id: string, tool_service_id: number) {
  const created = await createGateway({ body: { name: "edge" }, throwOnError: true });
  const ifMatch = (response: Response) => ({ "If-Match": response.headers.get("ETag") ?? "" });

  const g = await getGateway({ path: { gateway_id }, throwOnError: true });
  await updateGateway({ path: { gateway_id }, headers: ifMatch(g.response), body: g.data });

  const u = await getUpstream({ path: { gateway_id, upstream_id }, throwOnError: true });
  await updateUpstream({ path: { gateway_id, upstream_id }, headers: ifMatch(u.response), body: u.data });

  const s = await getGatewayService({ path: { gateway_id, service_id }, throwOnError: true });
  await updateGatewayService({ path: { gateway_id, service_id }, headers: ifMatch(s.response), body: s.data });

  const t = await getToolService({ path: { service_id: tool_service_id }, throwOnError: true });
  const keep = Object.fromEntries((t.data.auth_value_keys ?? []).map((key) => [key, null]));
  await updateToolService({ headers: ifMatch(t.response), body: { ...t.data, auth_values: keep } });

  const tool = await getTool({ path: { tool_name: "lookup_forecast" }, throwOnError: true });
  await updateTool({ headers: ifMatch(tool.response), body: tool.data });
  return created.data.id;
}
