"""Contains all the data models used in inputs/outputs"""

from .algorithm import Algorithm
from .auth_type import AuthType
from .auth_values_type_0 import AuthValuesType0
from .credentials import Credentials
from .credentials_resolved import CredentialsResolved
from .credentials_write import CredentialsWrite
from .embedding_config import EmbeddingConfig
from .embedding_config_resolved import EmbeddingConfigResolved
from .embedding_config_write import EmbeddingConfigWrite
from .gateway import Gateway
from .gateway_list import GatewayList
from .gateway_service_endpoint import GatewayServiceEndpoint
from .gateway_service_endpoint_resolved import GatewayServiceEndpointResolved
from .gateway_service_endpoint_write import GatewayServiceEndpointWrite
from .gateway_service_list import GatewayServiceList
from .gateway_service_upstream import GatewayServiceUpstream
from .gateway_service_upstream_resolved import GatewayServiceUpstreamResolved
from .gateway_service_upstream_write import GatewayServiceUpstreamWrite
from .gateway_service_upstream_write_upstream import GatewayServiceUpstreamWriteUpstream
from .gateway_write import GatewayWrite
from .get_openapi_json_response_200 import GetOpenapiJsonResponse200
from .header_map import HeaderMap
from .health import Health
from .health_checks import HealthChecks
from .health_status import HealthStatus
from .host_target import HostTarget
from .host_target_resolved import HostTargetResolved
from .host_target_write import HostTargetWrite
from .order_by_direction import OrderByDirection
from .param_location import ParamLocation
from .problem import Problem
from .protocol import Protocol
from .provider import Provider
from .provider_target import ProviderTarget
from .provider_target_resolved import ProviderTargetResolved
from .provider_target_write import ProviderTargetWrite
from .proxy_config import ProxyConfig
from .tool import Tool
from .tool_create import ToolCreate
from .tool_create_definition import ToolCreateDefinition
from .tool_definition import ToolDefinition
from .tool_list import ToolList
from .tool_property import ToolProperty
from .tool_service import ToolService
from .tool_service_create import ToolServiceCreate
from .tool_service_list import ToolServiceList
from .tool_service_property import ToolServiceProperty
from .tool_service_resolved_auth import ToolServiceResolvedAuth
from .tool_service_resolved_auth_auth_values import ToolServiceResolvedAuthAuthValues
from .tool_service_resolved_auth_headers import ToolServiceResolvedAuthHeaders
from .tool_service_update import ToolServiceUpdate
from .tool_update import ToolUpdate
from .tool_update_definition import ToolUpdateDefinition
from .upstream import Upstream
from .upstream_list import UpstreamList
from .upstream_resolved import UpstreamResolved
from .upstream_write import UpstreamWrite
from .validation_error_item import ValidationErrorItem
from .version_info import VersionInfo
from .websocket_config import WebsocketConfig

__all__ = (
    "Algorithm",
    "AuthType",
    "AuthValuesType0",
    "Credentials",
    "CredentialsResolved",
    "CredentialsWrite",
    "EmbeddingConfig",
    "EmbeddingConfigResolved",
    "EmbeddingConfigWrite",
    "Gateway",
    "GatewayList",
    "GatewayServiceEndpoint",
    "GatewayServiceEndpointResolved",
    "GatewayServiceEndpointWrite",
    "GatewayServiceList",
    "GatewayServiceUpstream",
    "GatewayServiceUpstreamResolved",
    "GatewayServiceUpstreamWrite",
    "GatewayServiceUpstreamWriteUpstream",
    "GatewayWrite",
    "GetOpenapiJsonResponse200",
    "HeaderMap",
    "Health",
    "HealthChecks",
    "HealthStatus",
    "HostTarget",
    "HostTargetResolved",
    "HostTargetWrite",
    "OrderByDirection",
    "ParamLocation",
    "Problem",
    "Protocol",
    "Provider",
    "ProviderTarget",
    "ProviderTargetResolved",
    "ProviderTargetWrite",
    "ProxyConfig",
    "Tool",
    "ToolCreate",
    "ToolCreateDefinition",
    "ToolDefinition",
    "ToolList",
    "ToolProperty",
    "ToolService",
    "ToolServiceCreate",
    "ToolServiceList",
    "ToolServiceProperty",
    "ToolServiceResolvedAuth",
    "ToolServiceResolvedAuthAuthValues",
    "ToolServiceResolvedAuthHeaders",
    "ToolServiceUpdate",
    "ToolUpdate",
    "ToolUpdateDefinition",
    "Upstream",
    "UpstreamList",
    "UpstreamResolved",
    "UpstreamWrite",
    "ValidationErrorItem",
    "VersionInfo",
    "WebsocketConfig",
)
