from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.algorithm import Algorithm, check_algorithm
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.embedding_config import EmbeddingConfig
    from ..models.health_checks import HealthChecks
    from ..models.host_target import HostTarget
    from ..models.provider_target import ProviderTarget
    from ..models.proxy_config import ProxyConfig
    from ..models.websocket_config import WebsocketConfig


T = TypeVar("T", bound="Upstream")


@_attrs_define
class Upstream:
    """An upstream as read; every stored secret is masked."""

    id: UUID
    gateway_id: UUID
    name: str
    algorithm: Algorithm
    """ How an upstream picks a target; `semantic` needs `embedding_config` and a target `description` on every
    target. """
    targets: list[HostTarget | ProviderTarget]
    created_at: datetime.datetime
    """ An RFC 3339 date-time in UTC. """
    updated_at: datetime.datetime
    """ An RFC 3339 date-time in UTC. """
    embedding_config: EmbeddingConfig | Unset = UNSET
    health_checks: HealthChecks | Unset = UNSET
    proxy: ProxyConfig | Unset = UNSET
    websocket_config: WebsocketConfig | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    _etag: str | Unset = _attrs_field(default=UNSET, init=False, repr=False, eq=False)

    @property
    def etag(self) -> str | Unset:
        """The ETag the server answered with this model (pass it as `if_match=`), or UNSET."""
        return self._etag

    def __repr__(self) -> str:
        # Secrets never show; unset fields are left out (specgate_client/_redact.py).
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        from ..models.provider_target import ProviderTarget  # noqa: PLC0415

        id = str(self.id)

        gateway_id = str(self.gateway_id)

        name = self.name

        algorithm: str = self.algorithm

        targets = []
        for targets_item_data in self.targets:
            targets_item: dict[str, Any]
            if isinstance(targets_item_data, ProviderTarget):
                targets_item = targets_item_data.to_dict()
            else:
                targets_item = targets_item_data.to_dict()

            targets.append(targets_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        embedding_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.embedding_config, Unset):
            embedding_config = self.embedding_config.to_dict()

        health_checks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.health_checks, Unset):
            health_checks = self.health_checks.to_dict()

        proxy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.proxy, Unset):
            proxy = self.proxy.to_dict()

        websocket_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.websocket_config, Unset):
            websocket_config = self.websocket_config.to_dict()

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "gateway_id": gateway_id,
                "name": name,
                "algorithm": algorithm,
                "targets": targets,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if embedding_config is not UNSET:
            field_dict["embedding_config"] = embedding_config
        if health_checks is not UNSET:
            field_dict["health_checks"] = health_checks
        if proxy is not UNSET:
            field_dict["proxy"] = proxy
        if websocket_config is not UNSET:
            field_dict["websocket_config"] = websocket_config
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.embedding_config import EmbeddingConfig  # noqa: PLC0415
        from ..models.health_checks import HealthChecks  # noqa: PLC0415
        from ..models.host_target import HostTarget  # noqa: PLC0415
        from ..models.provider_target import ProviderTarget  # noqa: PLC0415
        from ..models.proxy_config import ProxyConfig  # noqa: PLC0415
        from ..models.websocket_config import WebsocketConfig  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        gateway_id = UUID(d.pop("gateway_id"))

        name = d.pop("name")

        algorithm = check_algorithm(d.pop("algorithm"))

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:

            def _parse_targets_item(data: object) -> HostTarget | ProviderTarget:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_target_type_0 = ProviderTarget.from_dict(data)

                    return componentsschemas_target_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_target_type_1 = HostTarget.from_dict(data)

                return componentsschemas_target_type_1

            targets_item = _parse_targets_item(targets_item_data)

            targets.append(targets_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        _embedding_config = d.pop("embedding_config", UNSET)
        embedding_config: EmbeddingConfig | Unset
        if isinstance(_embedding_config, Unset):
            embedding_config = UNSET
        else:
            embedding_config = EmbeddingConfig.from_dict(_embedding_config)

        _health_checks = d.pop("health_checks", UNSET)
        health_checks: HealthChecks | Unset
        if isinstance(_health_checks, Unset):
            health_checks = UNSET
        else:
            health_checks = HealthChecks.from_dict(_health_checks)

        _proxy = d.pop("proxy", UNSET)
        proxy: ProxyConfig | Unset
        if isinstance(_proxy, Unset):
            proxy = UNSET
        else:
            proxy = ProxyConfig.from_dict(_proxy)

        _websocket_config = d.pop("websocket_config", UNSET)
        websocket_config: WebsocketConfig | Unset
        if isinstance(_websocket_config, Unset):
            websocket_config = UNSET
        else:
            websocket_config = WebsocketConfig.from_dict(_websocket_config)

        tags = cast(list[str], d.pop("tags", UNSET))

        upstream = cls(
            id=id,
            gateway_id=gateway_id,
            name=name,
            algorithm=algorithm,
            targets=targets,
            created_at=created_at,
            updated_at=updated_at,
            embedding_config=embedding_config,
            health_checks=health_checks,
            proxy=proxy,
            websocket_config=websocket_config,
            tags=tags,
        )

        upstream.additional_properties = d
        return upstream

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
