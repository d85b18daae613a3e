from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.param_location import ParamLocation, check_param_location
from ..types import UNSET, Unset

T = TypeVar("T", bound="Credentials")


@_attrs_define
class Credentials:
    """Credentials as read; each stored secret is the mask `"********"`, unset ones are left out."""

    allow_override: bool | Unset = UNSET
    api_key: Literal["********"] | Unset = UNSET
    """ A stored secret; the real value is never returned here. """
    aws_access_key_id: Literal["********"] | Unset = UNSET
    """ A stored secret; the real value is never returned here. """
    aws_region: str | Unset = UNSET
    aws_role: str | Unset = UNSET
    aws_secret_access_key: Literal["********"] | Unset = UNSET
    """ A stored secret; the real value is never returned here. """
    aws_session_token: Literal["********"] | Unset = UNSET
    """ A stored secret; the real value is never returned here. """
    aws_use_role: bool | Unset = UNSET
    azure_client_id: str | Unset = UNSET
    azure_client_secret: Literal["********"] | Unset = UNSET
    """ A stored secret; the real value is never returned here. """
    azure_tenant_id: str | Unset = UNSET
    azure_use_managed_identity: bool | Unset = UNSET
    gcp_service_account_json: Literal["********"] | Unset = UNSET
    """ A stored secret; the real value is never returned here. """
    gcp_use_service_account: bool | Unset = UNSET
    header_name: str | Unset = UNSET
    header_value: Literal["********"] | Unset = UNSET
    """ A stored secret; the real value is never returned here. """
    param_location: ParamLocation | Unset = UNSET
    """ Where `param_name`=`param_value` is sent. """
    param_name: str | Unset = UNSET
    param_value: Literal["********"] | Unset = UNSET
    """ A stored secret; the real value is never returned here. """
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
        allow_override = self.allow_override

        api_key = self.api_key

        aws_access_key_id = self.aws_access_key_id

        aws_region = self.aws_region

        aws_role = self.aws_role

        aws_secret_access_key = self.aws_secret_access_key

        aws_session_token = self.aws_session_token

        aws_use_role = self.aws_use_role

        azure_client_id = self.azure_client_id

        azure_client_secret = self.azure_client_secret

        azure_tenant_id = self.azure_tenant_id

        azure_use_managed_identity = self.azure_use_managed_identity

        gcp_service_account_json = self.gcp_service_account_json

        gcp_use_service_account = self.gcp_use_service_account

        header_name = self.header_name

        header_value = self.header_value

        param_location: str | Unset = UNSET
        if not isinstance(self.param_location, Unset):
            param_location = self.param_location

        param_name = self.param_name

        param_value = self.param_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allow_override is not UNSET:
            field_dict["allow_override"] = allow_override
        if api_key is not UNSET:
            field_dict["api_key"] = api_key
        if aws_access_key_id is not UNSET:
            field_dict["aws_access_key_id"] = aws_access_key_id
        if aws_region is not UNSET:
            field_dict["aws_region"] = aws_region
        if aws_role is not UNSET:
            field_dict["aws_role"] = aws_role
        if aws_secret_access_key is not UNSET:
            field_dict["aws_secret_access_key"] = aws_secret_access_key
        if aws_session_token is not UNSET:
            field_dict["aws_session_token"] = aws_session_token
        if aws_use_role is not UNSET:
            field_dict["aws_use_role"] = aws_use_role
        if azure_client_id is not UNSET:
            field_dict["azure_client_id"] = azure_client_id
        if azure_client_secret is not UNSET:
            field_dict["azure_client_secret"] = azure_client_secret
        if azure_tenant_id is not UNSET:
            field_dict["azure_tenant_id"] = azure_tenant_id
        if azure_use_managed_identity is not UNSET:
            field_dict["azure_use_managed_identity"] = azure_use_managed_identity
        if gcp_service_account_json is not UNSET:
            field_dict["gcp_service_account_json"] = gcp_service_account_json
        if gcp_use_service_account is not UNSET:
            field_dict["gcp_use_service_account"] = gcp_use_service_account
        if header_name is not UNSET:
            field_dict["header_name"] = header_name
        if header_value is not UNSET:
            field_dict["header_value"] = header_value
        if param_location is not UNSET:
            field_dict["param_location"] = param_location
        if param_name is not UNSET:
            field_dict["param_name"] = param_name
        if param_value is not UNSET:
            field_dict["param_value"] = param_value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allow_override = d.pop("allow_override", UNSET)

        api_key = cast(Literal["********"] | Unset, d.pop("api_key", UNSET))
        if api_key != "********" and not isinstance(api_key, Unset):
            raise ValueError("api_key must match const '********' (the value is not shown: it could be a secret)")

        aws_access_key_id = cast(Literal["********"] | Unset, d.pop("aws_access_key_id", UNSET))
        if aws_access_key_id != "********" and not isinstance(aws_access_key_id, Unset):
            raise ValueError(
                "aws_access_key_id must match const '********' (the value is not shown: it could be a secret)"
            )

        aws_region = d.pop("aws_region", UNSET)

        aws_role = d.pop("aws_role", UNSET)

        aws_secret_access_key = cast(Literal["********"] | Unset, d.pop("aws_secret_access_key", UNSET))
        if aws_secret_access_key != "********" and not isinstance(aws_secret_access_key, Unset):
            raise ValueError(
                "aws_secret_access_key must match const '********' (the value is not shown: it could be a secret)"
            )

        aws_session_token = cast(Literal["********"] | Unset, d.pop("aws_session_token", UNSET))
        if aws_session_token != "********" and not isinstance(aws_session_token, Unset):
            raise ValueError(
                "aws_session_token must match const '********' (the value is not shown: it could be a secret)"
            )

        aws_use_role = d.pop("aws_use_role", UNSET)

        azure_client_id = d.pop("azure_client_id", UNSET)

        azure_client_secret = cast(Literal["********"] | Unset, d.pop("azure_client_secret", UNSET))
        if azure_client_secret != "********" and not isinstance(azure_client_secret, Unset):
            raise ValueError(
                "azure_client_secret must match const '********' (the value is not shown: it could be a secret)"
            )

        azure_tenant_id = d.pop("azure_tenant_id", UNSET)

        azure_use_managed_identity = d.pop("azure_use_managed_identity", UNSET)

        gcp_service_account_json = cast(Literal["********"] | Unset, d.pop("gcp_service_account_json", UNSET))
        if gcp_service_account_json != "********" and not isinstance(gcp_service_account_json, Unset):
            raise ValueError(
                "gcp_service_account_json must match const '********' (the value is not shown: it could be a secret)"
            )

        gcp_use_service_account = d.pop("gcp_use_service_account", UNSET)

        header_name = d.pop("header_name", UNSET)

        header_value = cast(Literal["********"] | Unset, d.pop("header_value", UNSET))
        if header_value != "********" and not isinstance(header_value, Unset):
            raise ValueError("header_value must match const '********' (the value is not shown: it could be a secret)")

        _param_location = d.pop("param_location", UNSET)
        param_location: ParamLocation | Unset
        if isinstance(_param_location, Unset):
            param_location = UNSET
        else:
            param_location = check_param_location(_param_location)

        param_name = d.pop("param_name", UNSET)

        param_value = cast(Literal["********"] | Unset, d.pop("param_value", UNSET))
        if param_value != "********" and not isinstance(param_value, Unset):
            raise ValueError("param_value must match const '********' (the value is not shown: it could be a secret)")

        credentials = cls(
            allow_override=allow_override,
            api_key=api_key,
            aws_access_key_id=aws_access_key_id,
            aws_region=aws_region,
            aws_role=aws_role,
            aws_secret_access_key=aws_secret_access_key,
            aws_session_token=aws_session_token,
            aws_use_role=aws_use_role,
            azure_client_id=azure_client_id,
            azure_client_secret=azure_client_secret,
            azure_tenant_id=azure_tenant_id,
            azure_use_managed_identity=azure_use_managed_identity,
            gcp_service_account_json=gcp_service_account_json,
            gcp_use_service_account=gcp_use_service_account,
            header_name=header_name,
            header_value=header_value,
            param_location=param_location,
            param_name=param_name,
            param_value=param_value,
        )

        credentials.additional_properties = d
        return credentials

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
