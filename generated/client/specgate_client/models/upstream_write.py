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
    from ..models.embedding_config_write import EmbeddingConfigWrite
    from ..models.health_checks import HealthChecks
    from ..models.host_target_write import HostTargetWrite
    from ..models.provider_target_write import ProviderTargetWrite
    from ..models.proxy_config import ProxyConfig
    from ..models.websocket_config import WebsocketConfig


T = TypeVar("T", bound="UpstreamWrite")


@_attrs_define
class UpstreamWrite:
    """An upstream to create or replace. `websocket_config` and `proxy` are not both set; `semantic` needs
    `embedding_config` and a `description` on every target. `id`, `gateway_id`, `created_at` and
    `updated_at` are read-only: accepted so that a GET body can be sent back (ids must match).

    """

    name: str
    targets: list[HostTargetWrite | ProviderTargetWrite]
    algorithm: Algorithm | Unset = UNSET
    """ How an upstream picks a target; `semantic` needs `embedding_config` and a target `description` on every
    target. """
    embedding_config: EmbeddingConfigWrite | Unset = UNSET
    """ The embedding model a `semantic` upstream uses to pick a target. """
    health_checks: HealthChecks | Unset = UNSET
    proxy: ProxyConfig | Unset = UNSET
    websocket_config: WebsocketConfig | Unset = UNSET
    tags: list[str] | Unset = UNSET
    """ Free-form labels. """
    id: UUID | Unset = UNSET
    """ Read-only; when sent, it must be the resource's own id. """
    gateway_id: UUID | Unset = UNSET
    """ Read-only; when sent, it must be the gateway in the path. """
    created_at: datetime.datetime | Unset = UNSET
    """ Read-only; ignored. """
    updated_at: datetime.datetime | Unset = UNSET
    """ Read-only; ignored. """

    _etag: str | Unset = _attrs_field(default=UNSET, init=False, repr=False, eq=False)

    @property
    def etag(self) -> str | Unset:
        """The ETag the server answered with this model (pass it as `if_match=`), or UNSET."""
        return self._etag

    def __repr__(self) -> str:
        # Secrets never show; unset fields are left out (specgate_client/_redact.py).
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        from ..models.provider_target_write import ProviderTargetWrite  # noqa: PLC0415

        name = self.name

        targets = []
        for targets_item_data in self.targets:
            targets_item: dict[str, Any]
            if isinstance(targets_item_data, ProviderTargetWrite):
                targets_item = targets_item_data.to_dict()
            else:
                targets_item = targets_item_data.to_dict()

            targets.append(targets_item)

        algorithm: str | Unset = UNSET
        if not isinstance(self.algorithm, Unset):
            algorithm = self.algorithm

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

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        gateway_id: str | Unset = UNSET
        if not isinstance(self.gateway_id, Unset):
            gateway_id = str(self.gateway_id)

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "targets": targets,
            }
        )
        if algorithm is not UNSET:
            field_dict["algorithm"] = algorithm
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
        if id is not UNSET:
            field_dict["id"] = id
        if gateway_id is not UNSET:
            field_dict["gateway_id"] = gateway_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.embedding_config_write import EmbeddingConfigWrite  # noqa: PLC0415
        from ..models.health_checks import HealthChecks  # noqa: PLC0415
        from ..models.host_target_write import HostTargetWrite  # noqa: PLC0415
        from ..models.provider_target_write import ProviderTargetWrite  # noqa: PLC0415
        from ..models.proxy_config import ProxyConfig  # noqa: PLC0415
        from ..models.websocket_config import WebsocketConfig  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:

            def _parse_targets_item(data: object) -> HostTargetWrite | ProviderTargetWrite:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_target_write_type_0 = ProviderTargetWrite.from_dict(data)

                    return componentsschemas_target_write_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_target_write_type_1 = HostTargetWrite.from_dict(data)

                return componentsschemas_target_write_type_1

            targets_item = _parse_targets_item(targets_item_data)

            targets.append(targets_item)

        _algorithm = d.pop("algorithm", UNSET)
        algorithm: Algorithm | Unset
        if isinstance(_algorithm, Unset):
            algorithm = UNSET
        else:
            algorithm = check_algorithm(_algorithm)

        _embedding_config = d.pop("embedding_config", UNSET)
        embedding_config: EmbeddingConfigWrite | Unset
        if isinstance(_embedding_config, Unset):
            embedding_config = UNSET
        else:
            embedding_config = EmbeddingConfigWrite.from_dict(_embedding_config)

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

        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        _gateway_id = d.pop("gateway_id", UNSET)
        gateway_id: UUID | Unset
        if isinstance(_gateway_id, Unset):
            gateway_id = UNSET
        else:
            gateway_id = UUID(_gateway_id)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        upstream_write = cls(
            name=name,
            targets=targets,
            algorithm=algorithm,
            embedding_config=embedding_config,
            health_checks=health_checks,
            proxy=proxy,
            websocket_config=websocket_config,
            tags=tags,
            id=id,
            gateway_id=gateway_id,
            created_at=created_at,
            updated_at=updated_at,
        )

        return upstream_write
