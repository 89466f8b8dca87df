"""Delivery: a digest the SMTP server did not take is reported and sent on the next run,
without sending anything twice; logins; what a query can and cannot do to a message."""
from __future__ import annotations

import pytest

from indexer.config import Settings
from indexer.errors import MailError

from api.alerts.compose import Links, confirmation
from api.alerts.signing import Signer
from api.alerts.smtp import Mailer
from api.alerts.store import AlertStore
from api.cli import main
from tests.api.alerts.conftest import Papers
from tests.mailbox import Mailbox, html_of, text_of

QUERY = "quarterly corporate performance monitoring report"


def test_a_failed_delivery_is_reported_and_retried_without_duplicates(
        papers: Papers, settings: Settings, mailbox: Mailbox, capsys: pytest.CaptureFixture[str]) -> None:
    papers.add("2017-03-07").build()
    main(["alerts", "add", "reader@example.org", QUERY, "--index", str(papers.index)])
    mailbox.stop()  # the relay is down for this run
    assert papers.add("2018-10-04").build("--send-alerts") == 2
    err = capsys.readouterr().err
    assert "not delivered to reader@example.org" in err and "tried again on the next send" in err
    main(["alerts", "list"])
    listed = capsys.readouterr().out
    assert "never" in listed and "could not send through 127.0.0.1" in listed

    mailbox.start()  # back, on the same port
    assert main(["alerts", "send", "--index", str(papers.index)]) == 0
    [digest] = mailbox.messages("reader@example.org")
    body = text_of(digest)
    assert "4 October 2018" in body
    passages = [line for line in body.splitlines() if line.startswith("    “")]
    assert passages and len(passages) == len(set(passages))
    assert main(["alerts", "send", "--index", str(papers.index)]) == 0
    assert len(mailbox.messages()) == 1  # delivered once: the next run has nothing to send
    main(["alerts", "list"])
    listed = capsys.readouterr().out
    assert f"{len(passages)} sent" in listed and "could not send" not in listed


def test_a_failure_for_one_address_does_not_hold_back_the_others(
        papers: Papers, settings: Settings, mailbox: Mailbox, capsys: pytest.CaptureFixture[str]) -> None:
    papers.add("2017-03-07").build()
    main(["alerts", "add", "reader@example.org", QUERY, "--index", str(papers.index)])
    main(["alerts", "add", "bounce@example.org", QUERY, "--index", str(papers.index)])
    mailbox.refuse = {"bounce@example.org"}
    assert papers.add("2018-10-04").build("--send-alerts") == 2
    assert len(mailbox.messages("reader@example.org")) == 1
    assert "not delivered to bounce@example.org" in capsys.readouterr().err
    mailbox.refuse = set()
    assert main(["alerts", "send", "--index", str(papers.index)]) == 0
    assert len(mailbox.messages("bounce@example.org")) == 1 and len(mailbox.messages("reader@example.org")) == 1


def _alert(settings: Settings, query: str):  # type: ignore[no-untyped-def]
    store = AlertStore(settings.alerts_path)
    return store, store.create("reader@example.org", query)[0]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # a loopback test server
def test_smtp_login(settings: Settings) -> None:
    box = Mailbox(login=("quire", "s3cret")).start()
    try:
        store, alert = _alert(settings, QUERY)
        links = Links(settings.base_url, store.signer())
        good = Settings(**{**settings.model_dump(), "smtp_port": box.port, "smtp_user": "quire", "smtp_password": "s3cret"})
        with Mailer(good) as mailer:
            mailer.deliver(confirmation(good, links, alert, 7))
        assert len(box.messages("reader@example.org")) == 1
        bad = Settings(**{**good.model_dump(), "smtp_password": "wrong"})
        with Mailer(bad) as mailer, pytest.raises(MailError, match="refused the login"):
            mailer.deliver(confirmation(bad, links, alert, 7))
        anonymous = Settings(**{**good.model_dump(), "smtp_user": ""})
        with Mailer(anonymous) as mailer, pytest.raises(MailError):
            mailer.deliver(confirmation(anonymous, links, alert, 7))
    finally:
        box.stop()


def test_unconfigured_mail_is_one_clear_sentence(settings: Settings) -> None:
    store, alert = _alert(settings, QUERY)
    unset = Settings(**{**settings.model_dump(), "smtp_host": ""})
    with Mailer(unset) as mailer, pytest.raises(MailError, match="QUIRE_SMTP_HOST"):
        mailer.deliver(confirmation(unset, Links("https://q", Signer(b"k" * 32)), alert, 7))


def test_a_query_cannot_inject_headers_or_markup(settings: Settings, mailbox: Mailbox) -> None:
    store, alert = _alert(settings, '<script>alert(1)</script> "budget"\r\nBcc: everyone@example.org')
    message = confirmation(settings, Links(settings.base_url, store.signer()), alert, 7)
    with Mailer(settings) as mailer:
        mailer.deliver(message)
    [got] = mailbox.messages()
    assert [r for r, _ in mailbox.received] == [["reader@example.org"]]
    assert got["Bcc"] is None and "\n" not in got["Subject"]
    assert "<script>" not in html_of(got) and "&lt;script&gt;" in html_of(got)
    assert "<script>alert(1)</script>" in text_of(got)  # plain text is plain: nothing to escape
