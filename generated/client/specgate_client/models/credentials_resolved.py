from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.param_location import ParamLocation, check_param_location
from ..types import UNSET, Unset

T = TypeVar("T", bound="CredentialsResolved")


@_attrs_define
class CredentialsResolved:
    """Credentials with the real secret values (resolve scope only)."""

    allow_override: bool | Unset = UNSET
    api_key: str | Unset = UNSET
    aws_access_key_id: str | Unset = UNSET
    aws_region: str | Unset = UNSET
    aws_role: str | Unset = UNSET
    aws_secret_access_key: str | Unset = UNSET
    aws_session_token: str | Unset = UNSET
    aws_use_role: bool | Unset = UNSET
    azure_client_id: str | Unset = UNSET
    azure_client_secret: str | Unset = UNSET
    azure_tenant_id: str | Unset = UNSET
    azure_use_managed_identity: bool | Unset = UNSET
    gcp_service_account_json: str | Unset = UNSET
    gcp_use_service_account: bool | Unset = UNSET
    header_name: str | Unset = UNSET
    header_value: str | Unset = UNSET
    param_location: ParamLocation | Unset = UNSET
    """ Where `param_name`=`param_value` is sent. """
    param_name: str | Unset = UNSET
    param_value: str | Unset = UNSET
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

        api_key = d.pop("api_key", UNSET)

        aws_access_key_id = d.pop("aws_access_key_id", UNSET)

        aws_region = d.pop("aws_region", UNSET)

        aws_role = d.pop("aws_role", UNSET)

        aws_secret_access_key = d.pop("aws_secret_access_key", UNSET)

        aws_session_token = d.pop("aws_session_token", UNSET)

        aws_use_role = d.pop("aws_use_role", UNSET)

        azure_client_id = d.pop("azure_client_id", UNSET)

        azure_client_secret = d.pop("azure_client_secret", UNSET)

        azure_tenant_id = d.pop("azure_tenant_id", UNSET)

        azure_use_managed_identity = d.pop("azure_use_managed_identity", UNSET)

        gcp_service_account_json = d.pop("gcp_service_account_json", UNSET)

        gcp_use_service_account = d.pop("gcp_use_service_account", UNSET)

        header_name = d.pop("header_name", UNSET)

        header_value = d.pop("header_value", UNSET)

        _param_location = d.pop("param_location", UNSET)
        param_location: ParamLocation | Unset
        if isinstance(_param_location, Unset):
            param_location = UNSET
        else:
            param_location = check_param_location(_param_location)

        param_name = d.pop("param_name", UNSET)

        param_value = d.pop("param_value", UNSET)

        credentials_resolved = cls(
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

        credentials_resolved.additional_properties = d
        return credentials_resolved

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
