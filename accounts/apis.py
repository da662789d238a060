from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import user_roles
from accounts.serializers import MeSerializer
from core.permissions import roles_allowed


class MeApi(APIView):
    permission_classes = [roles_allowed()]

    @extend_schema(
        operation_id="me_retrieve",
        responses=MeSerializer,
        summary="The signed-in user's e-mail and roles",
    )
    def get(self, request):
        data = {
            "email": request.user.email,
            "display_name": request.user.display_name,
            "roles": sorted(user_roles(request.user)),
        }
        return Response(MeSerializer(data).data)
