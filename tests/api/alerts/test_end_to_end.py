"""Alerts end to end against a real SMTP server: index part of the seeds, subscribe, send
(nothing), index the rest, send (one digest naming the new meeting), unsubscribe from the
email's link (no more digests), and Part II words never reach a public subscriber."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from indexer.config import Settings
from indexer.store.database import Store

from api.cli import main
from tests.api.alerts.conftest import Papers, path_of
from tests.mailbox import Mailbox, html_of, links, text_of

QUERY = "quarterly corporate performance monitoring report"
PART_II = "Agility Laptop for Corporate Broadband"  # only in the exempt report of 11 December 2014


def _dates(text: str) -> set[str]:
    """The meetings a digest cites ('Cabinet Committee on Performance Improvement · 4 October 2018')."""
    return set(re.findall(r"· (\d{1,2} \w+ \d{4})\n", text))


def test_digest_of_the_new_meeting_only_and_unsubscribe_stops_the_next(
        papers: Papers, settings: Settings, mailbox: Mailbox, client, capsys: pytest.CaptureFixture[str]) -> None:
    assert papers.add("2017-03-07").build() == 0
    for reader in ("reader@example.org", "control@example.org"):
        assert main(["alerts", "add", reader, QUERY, "--index", str(papers.index)]) == 0
    assert main(["alerts", "send", "--index", str(papers.index)]) == 0
    assert mailbox.messages() == []  # the index at subscription is the baseline: nothing old is news

    assert papers.add("2018-10-04").build("--send-alerts") == 0
    assert len(mailbox.messages()) == 2
    [digest] = mailbox.messages("reader@example.org")
    body = text_of(digest)
    assert _dates(body) == {"4 October 2018"}
    assert "Item 5: Quarterly Corporate Performance Monitoring Report Quarter 1 2018/19" in body
    assert "H Khan" not in body  # a passage must clear the floor itself, not only its context line
    assert digest["Subject"] == f"Quire: {len(re.findall('^    “', body, re.M))} new passages for “{QUERY}”"
    assert digest["List-Unsubscribe"].startswith("<https://quire.test/alerts/unsubscribe/")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "4 October 2018" in html_of(digest) and "<mark>" in html_of(digest)
    assert all(u.startswith("https://quire.test/items/") for u in re.findall(r"https://\S+#p-\S+", body))

    [stop] = links(digest, "/alerts/unsubscribe/")[:1]
    with client(papers.index) as c:
        page = c.get(path_of(stop))  # opening the link (as a mail scanner would) changes nothing
        assert page.status_code == 200 and "Unsubscribe" in page.text and "no-referrer" == page.headers["referrer-policy"]
        done = c.post(path_of(stop))
        assert done.status_code == 200 and "no more emails" in done.text
    capsys.readouterr()
    assert main(["alerts", "list"]) == 0
    assert "reader@example.org" not in capsys.readouterr().out

    assert papers.add("2014-12-11").build("--send-alerts") == 0
    assert len(mailbox.messages("reader@example.org")) == 1  # unsubscribed: no second digest
    [_, second] = mailbox.messages("control@example.org")
    assert _dates(text_of(second)) == {"11 December 2014", "1 October 2014"}  # the pack's minutes of 1 October
    assert main(["alerts", "send", "--index", str(papers.index)]) == 0
    assert len(mailbox.messages()) == 3  # nothing new, nothing sent; nothing is sent twice


def _officer_alert(papers: Papers, settings: Settings, mailbox: Mailbox, client, capsys, email: str) -> str:
    """An alert set up from the page by a signed-in officer (bearer token), confirmed."""
    assert main(["token", "create", "alice", "--role", "officer"]) == 0
    token = capsys.readouterr().out.split()[-1]
    with client(papers.index) as c:
        asked = c.post("/alerts", data={"email": email, "q": PART_II}, headers={"Authorization": f"Bearer {token}"})
        assert asked.status_code == 200
        [confirmation] = mailbox.messages(email)
        assert "exempt (Part II)" in text_of(confirmation)
        assert c.post(path_of(links(confirmation, "/alerts/confirm/")[0])).status_code == 200
    return token


def _exempt(index: Path) -> tuple[set[str], set[str]]:
    """Every exempt passage id, and a distinctive stretch of each exempt text."""
    store = Store(index)
    rows = store.query("SELECT passage_id, text FROM passages WHERE exempt = 1")
    public = " ".join(" ".join(r["text"].split()) for r in store.query("SELECT text FROM passages WHERE exempt = 0"))
    store.close()
    stretches = {" ".join(r["text"].split())[-60:] for r in rows if len(r["text"]) > 120}
    return {r["passage_id"] for r in rows}, {s for s in stretches if s not in public}


def test_part_ii_words_send_a_public_subscriber_nothing_from_the_exempt_report(
        papers: Papers, settings: Settings, mailbox: Mailbox, client, capsys: pytest.CaptureFixture[str]) -> None:
    papers.add("2017-03-07", "2018-10-04").build()
    main(["alerts", "add", "public@example.org", PART_II, "--index", str(papers.index)])
    main(["alerts", "add", "public@example.org", "BT Lancashire Services governance and performance monitoring",
          "--index", str(papers.index)])
    _officer_alert(papers, settings, mailbox, client, capsys, "officer@example.org")

    assert papers.add("2014-12-11").build("--send-alerts") == 0
    ids, texts = _exempt(papers.index)
    assert ids and texts
    public = mailbox.messages("public@example.org")
    assert len(public) == 1  # the other alert found the public BT Lancashire papers of the new meetings
    everything = " ".join(" ".join((text_of(m) + html_of(m) + str(m["Subject"])).split()) for m in public)
    assert f"“{PART_II}”" not in everything  # that alert found nothing it may show
    assert not [i for i in ids if i in everything] and not [t for t in texts if t in everything]
    assert "Agility" not in everything and "exempt" not in everything.lower()

    # The same words in a token holder's view do reach the exempt report, marked, and audited.
    [_, officer] = mailbox.messages("officer@example.org")
    assert "Agility Laptop for Corporate Broadband" in text_of(officer)
    assert "EXEMPT, NOT FOR PUBLICATION" in text_of(officer)
    [audit] = [json.loads(line) for line in settings.audit_log.read_text().splitlines()]
    assert audit["who"] == "alice" and audit["request"].startswith("alert email ")
    assert set(audit["exempt_passages"]) <= ids


def test_a_revoked_token_holders_alert_sends_as_public(
        papers: Papers, settings: Settings, mailbox: Mailbox, client, capsys: pytest.CaptureFixture[str]) -> None:
    papers.add("2017-03-07").build()
    _officer_alert(papers, settings, mailbox, client, capsys, "left@example.org")
    assert main(["token", "revoke", "alice"]) == 0
    papers.add("2014-12-11").build("--send-alerts")
    ids, _ = _exempt(papers.index)
    later = mailbox.messages("left@example.org")[1:]
    assert not [i for m in later for i in ids if i in text_of(m) + html_of(m)]
    assert not [m for m in later if "Agility" in text_of(m)]
    assert not settings.audit_log.exists()
