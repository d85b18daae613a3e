// openapi-generator's typescript-fetch client as a user calls it: each GET body passes back as the
// PUT body of the same resource. Compiled (not run) beside ./generated/.
import { Configuration, GatewayServicesApi, GatewaysApi, ToolServicesApi, ToolsApi, UpstreamsApi } from "./generated";

export async function roundTrips(gatewayId: string, upstreamId: string, serviceId: string, toolServiceId: number) {
  const configuration = new Configuration({ basePath: "http://127.0.0.1:8000", accessToken: "sg_key" });
  const etag = (response: Response) => response.headers.get("ETag") ?? undefined;

  const gateways = new GatewaysApi(configuration);
  const created = await gateways.createGateway({ gatewayWrite: { name: "edge" } });
  const g = await gateways.getGatewayRaw({ gatewayId });
  await gateways.updateGateway({ gatewayId, gatewayWrite: await g.value(), ifMatch: etag(g.raw) });

  const upstreams = new UpstreamsApi(configuration);
  const u = await upstreams.getUpstreamRaw({ gatewayId, upstreamId });
  await upstreams.updateUpstream({ gatewayId, upstreamId, upstreamWrite: await u.value(), ifMatch: etag(u.raw) });

  const services = new GatewayServicesApi(configuration);
  const s = await services.getGatewayServiceRaw({ gatewayId, serviceId });
  const serviceWrite = await s.value();
  await services.updateGatewayService({ gatewayId, serviceId, gatewayServiceWrite: serviceWrite, ifMatch: etag(s.raw) });

  const toolServices = new ToolServicesApi(configuration);
  const t = await toolServices.getToolServiceRaw({ serviceId: toolServiceId });
  const read = await t.value();
  const keep = Object.fromEntries((read.authValueKeys ?? []).map((key) => [key, null]));
  await toolServices.updateToolService({ toolServiceUpdate: { ...read, authValues: keep }, ifMatch: etag(t.raw) });

  const tools = new ToolsApi(configuration);
  const tool = await tools.getToolRaw({ toolName: "lookup_forecast" });
  await tools.updateTool({ toolUpdate: await tool.value(), ifMatch: etag(tool.raw) });
  return created.id;
}
