import pytest

from coding import selectors
from coding.models import CodeApplication, Codebook, Memo
from core.demo import demo_seed

pytestmark = pytest.mark.django_db


def test_demo_coding_is_idempotent_and_feeds_agreement():
    from accounts.models import User

    demo_seed()
    first = CodeApplication.objects.count()
    demo_seed()
    assert CodeApplication.objects.count() == first
    assert Memo.objects.filter(kind="project").count() == 1
    researcher = User.objects.get(email="researcher@demo.entendu.test")
    human = CodeApplication.objects.filter(source="human")
    if not human.exists():
        pytest.skip("the demo stories have no research copy here")
    report = selectors.agreement_report(
        user=researcher, codebook=Codebook.objects.get(is_default=True)
    )
    assert report["stories"] >= 1
    assert selectors.disagreements(user=researcher, codebook=Codebook.objects.get(is_default=True))
