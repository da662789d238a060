from rest_framework import serializers

from accounts.roles import Role


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    display_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
