// orval's fetch client (client: fetch, mode: single) as a user calls it: each GET body passes back as
// the PUT body of the same resource. Compiled (not run) beside ./generated/client.ts.
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
} from "./generated/client";

const ifMatch = (headers: Headers): RequestInit => ({ headers: { "If-Match": headers.get("ETag") ?? "" } });

export async function roundTrips(gatewayId: string, upstreamId: string, serviceId: string, toolServiceId: number) {
  const created = await createGateway({ name: "edge" });

  const g = await getGateway(gatewayId);
  if (g.status === 200) await updateGateway(gatewayId, g.data, ifMatch(g.headers));

  const u = await getUpstream(gatewayId, upstreamId);
  if (u.status === 200) await updateUpstream(gatewayId, upstreamId, u.data, ifMatch(u.headers));

  const s = await getGatewayService(gatewayId, serviceId);
  if (s.status === 200) await updateGatewayService(gatewayId, serviceId, s.data, ifMatch(s.headers));

  const t = await getToolService(toolServiceId);
  if (t.status === 200) {
    const keep = Object.fromEntries((t.data.auth_value_keys ?? []).map((key) => [key, null]));
    await updateToolService({ ...t.data, auth_values: keep }, ifMatch(t.headers));
  }

  const tool = await getTool("lookup_forecast");
  if (tool.status === 200) await updateTool(tool.data, ifMatch(tool.headers));
  return created.status;
}
