from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.param_location import ParamLocation, check_param_location
from ..types import UNSET, Unset

T = TypeVar("T", bound="CredentialsWrite")


@_attrs_define
class CredentialsWrite:
    """Credentials sent to a service, target or embedding provider. Secret fields are write-only: send a
    new value to replace, `null` or `"********"` to keep the stored value, leave it out to remove it.
    `null` for a secret with nothing stored is taken as absent. `header_name`, `param_name` and
    `param_location` decide where the secrets travel: changing one needs the secrets sent again.

    """

    allow_override: bool | Unset = UNSET
    """ Whether a caller may override these credentials per request. """
    api_key: None | str | Unset = UNSET
    """ API key (secret). """
    aws_access_key_id: None | str | Unset = UNSET
    """ AWS access key id (secret). """
    aws_region: str | Unset = UNSET
    aws_role: str | Unset = UNSET
    aws_secret_access_key: None | str | Unset = UNSET
    """ AWS secret access key (secret). """
    aws_session_token: None | str | Unset = UNSET
    """ AWS session token (secret). """
    aws_use_role: bool | Unset = UNSET
    azure_client_id: str | Unset = UNSET
    azure_client_secret: None | str | Unset = UNSET
    """ Azure client secret (secret). """
    azure_tenant_id: str | Unset = UNSET
    azure_use_managed_identity: bool | Unset = UNSET
    gcp_service_account_json: None | str | Unset = UNSET
    """ GCP service account key, as JSON text (secret). """
    gcp_use_service_account: bool | Unset = UNSET
    header_name: str | Unset = UNSET
    header_value: None | str | Unset = UNSET
    """ The value of `header_name` (secret), one line (no CR or LF). """
    param_location: ParamLocation | Unset = UNSET
    """ Where `param_name`=`param_value` is sent. """
    param_name: str | Unset = UNSET
    param_value: None | str | Unset = UNSET
    """ The value of `param_name` (secret). """

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

        api_key: None | str | Unset
        if isinstance(self.api_key, Unset):
            api_key = UNSET
        else:
            api_key = self.api_key

        aws_access_key_id: None | str | Unset
        if isinstance(self.aws_access_key_id, Unset):
            aws_access_key_id = UNSET
        else:
            aws_access_key_id = self.aws_access_key_id

        aws_region = self.aws_region

        aws_role = self.aws_role

        aws_secret_access_key: None | str | Unset
        if isinstance(self.aws_secret_access_key, Unset):
            aws_secret_access_key = UNSET
        else:
            aws_secret_access_key = self.aws_secret_access_key

        aws_session_token: None | str | Unset
        if isinstance(self.aws_session_token, Unset):
            aws_session_token = UNSET
        else:
            aws_session_token = self.aws_session_token

        aws_use_role = self.aws_use_role

        azure_client_id = self.azure_client_id

        azure_client_secret: None | str | Unset
        if isinstance(self.azure_client_secret, Unset):
            azure_client_secret = UNSET
        else:
            azure_client_secret = self.azure_client_secret

        azure_tenant_id = self.azure_tenant_id

        azure_use_managed_identity = self.azure_use_managed_identity

        gcp_service_account_json: None | str | Unset
        if isinstance(self.gcp_service_account_json, Unset):
            gcp_service_account_json = UNSET
        else:
            gcp_service_account_json = self.gcp_service_account_json

        gcp_use_service_account = self.gcp_use_service_account

        header_name = self.header_name

        header_value: None | str | Unset
        if isinstance(self.header_value, Unset):
            header_value = UNSET
        else:
            header_value = self.header_value

        param_location: str | Unset = UNSET
        if not isinstance(self.param_location, Unset):
            param_location = self.param_location

        param_name = self.param_name

        param_value: None | str | Unset
        if isinstance(self.param_value, Unset):
            param_value = UNSET
        else:
            param_value = self.param_value

        field_dict: dict[str, Any] = {}

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

        def _parse_api_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_key = _parse_api_key(d.pop("api_key", UNSET))

        def _parse_aws_access_key_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        aws_access_key_id = _parse_aws_access_key_id(d.pop("aws_access_key_id", UNSET))

        aws_region = d.pop("aws_region", UNSET)

        aws_role = d.pop("aws_role", UNSET)

        def _parse_aws_secret_access_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        aws_secret_access_key = _parse_aws_secret_access_key(d.pop("aws_secret_access_key", UNSET))

        def _parse_aws_session_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        aws_session_token = _parse_aws_session_token(d.pop("aws_session_token", UNSET))

        aws_use_role = d.pop("aws_use_role", UNSET)

        azure_client_id = d.pop("azure_client_id", UNSET)

        def _parse_azure_client_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        azure_client_secret = _parse_azure_client_secret(d.pop("azure_client_secret", UNSET))

        azure_tenant_id = d.pop("azure_tenant_id", UNSET)

        azure_use_managed_identity = d.pop("azure_use_managed_identity", UNSET)

        def _parse_gcp_service_account_json(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gcp_service_account_json = _parse_gcp_service_account_json(d.pop("gcp_service_account_json", UNSET))

        gcp_use_service_account = d.pop("gcp_use_service_account", UNSET)

        header_name = d.pop("header_name", UNSET)

        def _parse_header_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        header_value = _parse_header_value(d.pop("header_value", UNSET))

        _param_location = d.pop("param_location", UNSET)
        param_location: ParamLocation | Unset
        if isinstance(_param_location, Unset):
            param_location = UNSET
        else:
            param_location = check_param_location(_param_location)

        param_name = d.pop("param_name", UNSET)

        def _parse_param_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        param_value = _parse_param_value(d.pop("param_value", UNSET))

        credentials_write = cls(
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

        return credentials_write
