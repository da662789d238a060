from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_grant_role
from events.models import Event, EventFacilitator

PASSWORD = "a-test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified e-mail address; pass ``roles=[Role.X]`` to grant roles."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Faker("first_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        if create:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )
        for role in extracted or []:
            user_grant_role(user=self, role=role)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Dialogue {n}")
    slug = factory.Sequence(lambda n: f"dialogue-{n}")
    kind = Event.Kind.DIALOGUE
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    timezone = "Europe/Paris"
    country = "FR"
    city = "Lyon"
    languages = factory.LazyFunction(lambda: ["fr"])


class EventFacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventFacilitator

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory, roles=[Role.FACILITATOR])
    role = EventFacilitator.Role.LEAD
