"""The alerts database on its own: addresses, signed links, and the ledger of what is new."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from indexer.errors import BadQuery

from api.alerts import signing
from api.alerts.ledger import Ledger
from api.alerts.matching import content_key
from api.alerts.signing import Signer
from api.alerts.store import AlertStore, masked, normal_address


def test_signed_links_cannot_be_forged_or_reused_for_another_purpose() -> None:
    signer = Signer(b"s" * 32)
    token = signer.sign(signing.UNSUBSCRIBE, "3f9c1a7be2")
    assert signer.verify(signing.UNSUBSCRIBE, token) == "3f9c1a7be2"
    assert signer.verify(signing.MANAGE, token) is None  # purpose is part of what is signed
    assert signer.verify(signing.UNSUBSCRIBE, "3f9c1a7be3" + token[10:]) is None
    assert signer.verify(signing.UNSUBSCRIBE, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert Signer(b"t" * 32).verify(signing.UNSUBSCRIBE, token) is None
    assert signer.verify(signing.UNSUBSCRIBE, "") is None and signer.verify(signing.UNSUBSCRIBE, "x" * 5000) is None


@pytest.mark.parametrize("good", ["reader@example.org", " Reader@Example.ORG ", "a.b+alerts@sub.example.co.uk"])
def test_addresses_are_plain_and_lower_case(good: str) -> None:
    assert normal_address(good) == good.strip().lower()


@pytest.mark.parametrize("bad", ["", "reader", "reader@", "@example.org", "a@b", "a b@example.org",
                                 "Eve <eve@example.org>", "a@example.org, b@example.org", "a@example.org\r\nBcc: b@x.org",
                                 "x" * 250 + "@example.org"])
def test_anything_else_is_refused_in_one_sentence(bad: str) -> None:
    with pytest.raises(BadQuery):
        normal_address(bad)


def test_masked() -> None:
    assert masked("reader@example.org") == "r•••@example.org"


def test_the_database_is_private_and_asking_twice_makes_one_alert(tmp_path: Path) -> None:
    store = AlertStore(tmp_path / "sub" / "alerts.sqlite")
    first, new = store.create("Reader@example.org", "family hubs", "Cabinet", None)
    again, new_again = store.create("reader@example.org", "family hubs", "Cabinet", None)
    assert new and not new_again and first.alert_id == again.alert_id
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert len(first.alert_id) == 10 and first.confirmed is None
    assert store.create("reader@example.org", "family hubs", None, "minutes")[1]  # other filters: another alert
    assert store.count_of("reader@example.org") == 2
    store.remove_address(first.address_id)
    assert store.all() == [] and store.count_of("reader@example.org") == 0


def test_the_ledger_numbers_registrations_and_only_moves_forward(tmp_path: Path) -> None:
    store = AlertStore(tmp_path / "alerts.sqlite")
    ledger = Ledger(store)
    assert ledger.register(["a", "b"], "index-1") == 1
    assert ledger.register(["a", "b", "c"], "index-1") == 1  # the same index: skipped
    assert ledger.register(["a", "b"], "index-2") == 1  # nothing new: no new registration
    assert ledger.register(["a", "b", "c"], "index-3") == 2
    assert ledger.first_seen() == {"a": 1, "b": 1, "c": 2}
    alert, _ = store.create("reader@example.org", "q", seen_upto=2)
    ledger.advance(alert.alert_id, 1)
    assert store.get(alert.alert_id).seen_upto == 2  # never backwards
    ledger.failed([alert.alert_id], "relay down")
    ledger.delivered(alert.alert_id, 3, ["c", "c"])
    got = store.get(alert.alert_id)
    assert (got.seen_upto, got.sent_passages, got.last_error, got.failures) == (3, 1, None, 0)
    assert ledger.sent_keys(alert.alert_id) == {"c"}


def test_a_passage_keeps_its_key_when_its_file_moves_or_is_rewrapped() -> None:
    item = "2018-10-04-lancashire-county-council-cabinet-committee-on-performance-improvement-item-5"
    assert content_key(item, "minutes", "Resolved: that the\nreport be noted.") == \
        content_key(item, "minutes", "Resolved:  that the report be noted. ")
    assert content_key(item, "minutes", "Resolved: noted.") != content_key(item.replace("item-5", "item-6"), "minutes",
                                                                          "Resolved: noted.")
