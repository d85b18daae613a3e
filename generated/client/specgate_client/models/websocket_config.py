from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebsocketConfig")


@_attrs_define
class WebsocketConfig:
    enable_direct_communication: bool | Unset = UNSET
    handshake_timeout: str | Unset = UNSET
    """ A Go duration, such as `30s`, `1m` or `1h30m`. """
    ping_period: str | Unset = UNSET
    """ A Go duration, such as `30s`, `1m` or `1h30m`. """
    pong_wait: str | Unset = UNSET
    """ A Go duration, such as `30s`, `1m` or `1h30m`. """
    read_buffer_size: int | Unset = UNSET
    return_error_details: bool | Unset = UNSET
    write_buffer_size: int | Unset = UNSET

    _etag: str | Unset = _attrs_field(default=UNSET, init=False, repr=False, eq=False)

    @property
    def etag(self) -> str | Unset:
        """The ETag the server answered with this model (pass it as `if_match=`), or UNSET."""
        return self._etag

    def __repr__(self) -> str:
        # Secrets never show; unset fields are left out (specgate_client/_redact.py).
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        enable_direct_communication = self.enable_direct_communication

        handshake_timeout = self.handshake_timeout

        ping_period = self.ping_period

        pong_wait = self.pong_wait

        read_buffer_size = self.read_buffer_size

        return_error_details = self.return_error_details

        write_buffer_size = self.write_buffer_size

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if enable_direct_communication is not UNSET:
            field_dict["enable_direct_communication"] = enable_direct_communication
        if handshake_timeout is not UNSET:
            field_dict["handshake_timeout"] = handshake_timeout
        if ping_period is not UNSET:
            field_dict["ping_period"] = ping_period
        if pong_wait is not UNSET:
            field_dict["pong_wait"] = pong_wait
        if read_buffer_size is not UNSET:
            field_dict["read_buffer_size"] = read_buffer_size
        if return_error_details is not UNSET:
            field_dict["return_error_details"] = return_error_details
        if write_buffer_size is not UNSET:
            field_dict["write_buffer_size"] = write_buffer_size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enable_direct_communication = d.pop("enable_direct_communication", UNSET)

        handshake_timeout = d.pop("handshake_timeout", UNSET)

        ping_period = d.pop("ping_period", UNSET)

        pong_wait = d.pop("pong_wait", UNSET)

        read_buffer_size = d.pop("read_buffer_size", UNSET)

        return_error_details = d.pop("return_error_details", UNSET)

        write_buffer_size = d.pop("write_buffer_size", UNSET)

        websocket_config = cls(
            enable_direct_communication=enable_direct_communication,
            handshake_timeout=handshake_timeout,
            ping_period=ping_period,
            pong_wait=pong_wait,
            read_buffer_size=read_buffer_size,
            return_error_details=return_error_details,
            write_buffer_size=write_buffer_size,
        )

        return websocket_config
