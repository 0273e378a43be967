"""A role created a moment ago is not found yet, then reads back with its unique id for an ARN;
a role whose inline policy was just deleted cannot be deleted yet.

AWS: IAM is eventually consistent: "changes that you make in IAM ... might not be immediately
visible" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency).
hashicorp/terraform-provider-aws ``internal/service/iam/role.go`` retries GetRole after
CreateRole on NoSuchEntity (``propagationTimeout``), waits while the returned ARN is still the
role's unique id (``waitRoleARNIsNotUniqueID``: "IAM returns the ARN as the unique ID" right
after create), and retries DeleteRole on DeleteConflict while the policies it has just removed
propagate (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html, Errors:
DeleteConflict, 409).

moto 5.2.1 (``iam/models.py``) is consistent at once.

Armed only (``_untidy``): after a CreateRole while armed, the role's first GetRole answers 404
NoSuchEntity and the next returns ``Arn`` equal to its ``RoleId`` (``AROA...``); after a
DeleteRolePolicy while armed, the role's next DeleteRole answers 409 DeleteConflict. Each once.
"""

import copy

from moto.iam.exceptions import DeleteConflictException, NotFoundException
from moto.iam.models import Role
from moto.iam.responses import IamResponse

from . import _support, _untidy

NAME = _untidy.behaviour(__name__)


class _RoleReadingItsId(Role):
    """The role as IAM reads it back right after create: the ARN is still the unique id."""

    @property
    def arn(self):
        return self.id


def apply():
    def created(self, _args, _kwargs, _result):
        role = self._get_param("RoleName")
        _untidy.mark(NAME, ("get", role))
        _untidy.mark(NAME, ("arn", role))

    def not_found_yet(self):
        role = self._get_param("RoleName")
        if _untidy.take(NAME, ("get", role)):
            raise NotFoundException(f"The role with name {role} cannot be found.")

    def arn_is_unique_id(self, _args, _kwargs, returned):
        # get_role answers an ActionResult that call_action serialises after it returns.
        result = getattr(returned, "result", None) or {}
        role = result.get("Role")
        if isinstance(role, Role) and _untidy.take(NAME, ("arn", role.name)):
            early = copy.copy(role)
            early.__class__ = _RoleReadingItsId
            result["Role"] = early

    def policy_deleted(self, _args, _kwargs, _result):
        _untidy.mark(NAME, ("delete", self._get_param("RoleName")))

    def conflict_yet(self):
        if _untidy.take(NAME, ("delete", self._get_param("RoleName"))):
            raise DeleteConflictException("Cannot delete entity, must delete policies first.")

    _support.after(IamResponse, "create_role", created)
    _support.after(IamResponse, "get_role", arn_is_unique_id)
    _support.before(IamResponse, "get_role", not_found_yet)
    _support.after(IamResponse, "delete_role_policy", policy_deleted)
    _support.before(IamResponse, "delete_role", conflict_yet)
