"""The page's side of alerts: double opt-in, limits, one-click unsubscribe, the manage page,
and nothing about one address shown to anyone else."""
from __future__ import annotations

import re

import pytest

from indexer.config import Settings

from api.cli import main
from api.http.alert_pages import PER_ADDRESS_HOUR, PER_CLIENT_HOUR
from tests.api.alerts.conftest import Papers, path_of
from tests.mailbox import Mailbox, html_of, links, text_of

QUERY = "quarterly corporate performance monitoring report"


def test_double_opt_in_sends_only_the_confirmation_until_confirmed(
        papers: Papers, settings: Settings, mailbox: Mailbox, client) -> None:
    papers.add("2017-03-07").build()
    with client(papers.index) as c:
        page = c.get("/", params={"q": QUERY})
        assert 'action="/alerts"' in page.text and "Email me new results" in page.text
        asked = c.post("/alerts", data={"email": "New.Reader@Example.org", "q": QUERY})
        assert asked.status_code == 200 and "confirm" in asked.text
        assert "new.reader" not in asked.text.lower()  # the page does not echo the address
    [confirmation] = mailbox.messages("new.reader@example.org")
    assert confirmation["Subject"] == f"Confirm your Quire alert for “{QUERY}”"
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [confirm] = links(confirmation, "/alerts/confirm/")
    assert confirm in html_of(confirmation)

    papers.add("2018-10-04").build("--send-alerts")  # new matching papers, but not confirmed yet
    assert mailbox.messages("new.reader@example.org") == [confirmation]

    with client(papers.index) as c:
        assert c.get(path_of(confirm[:-3] + "abc")).status_code == 404  # a tampered link does nothing
        shown = c.get(path_of(confirm))
        assert shown.status_code == 200 and ">Confirm</button>" in shown.text
        done = c.post(path_of(confirm))
        assert done.status_code == 200 and "Alert active" in done.text and "/alerts/manage/" in done.text
        assert "Alert active" in c.post(path_of(confirm)).text  # twice is harmless
    # Papers indexed after subscribing are news once the address is confirmed.
    assert main(["alerts", "send", "--index", str(papers.index)]) == 0
    [_, digest] = mailbox.messages("new.reader@example.org")
    assert "4 October 2018" in text_of(digest)


def test_subscribing_is_rate_limited_per_address_and_per_client(
        papers: Papers, settings: Settings, mailbox: Mailbox, client) -> None:
    papers.add("2017-03-07").build()
    with client(papers.index) as c:
        codes = [c.post("/alerts", data={"email": "target@example.org", "q": f"roads {i}"}).status_code
                 for i in range(PER_ADDRESS_HOUR + 1)]
        assert codes == [200] * PER_ADDRESS_HOUR + [429]
        assert len(mailbox.messages("target@example.org")) == PER_ADDRESS_HOUR
        more = [c.post("/alerts", data={"email": f"r{i}@example.org", "q": "roads"}).status_code
                for i in range(PER_CLIENT_HOUR - PER_ADDRESS_HOUR)]
        assert more[-1] == 429 and 429 not in more[:-1]  # the client's own hourly allowance is spent
    assert len(mailbox.messages()) == PER_CLIENT_HOUR - 1


def test_the_form_refuses_bad_input_and_other_sites(papers: Papers, settings: Settings, mailbox: Mailbox,
                                                   client) -> None:
    papers.add("2017-03-07").build()
    with client(papers.index) as c:
        for email in ("", "not-an-address", "a@b", "x@example.org\nBcc: y@example.org", "Eve <eve@example.org>",
                      "a,b@example.org"):
            assert c.post("/alerts", data={"email": email, "q": QUERY}).status_code == 422, email
        assert c.post("/alerts", data={"email": "a@example.org", "q": "  "}).status_code == 422
        assert c.post("/alerts", data={"email": "a@example.org", "q": QUERY, "kind": "memo"}).status_code == 422
        assert c.post("/alerts", data={"email": "a@example.org", "q": QUERY, "committee": "Nope"}).status_code == 422
        forged = c.post("/alerts", data={"email": "a@example.org", "q": QUERY}, headers={"Origin": "https://evil.example"})
        assert forged.status_code == 403
    assert mailbox.messages() == []


def test_no_mail_settings_no_alerts(papers: Papers, settings: Settings, mailbox: Mailbox, client,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    papers.add("2017-03-07").build()
    settings.smtp_host = ""
    with client(papers.index) as c:
        assert "Email me new results" not in c.get("/", params={"q": QUERY}).text
        assert c.post("/alerts", data={"email": "a@example.org", "q": QUERY}).status_code == 404


def test_a_relay_that_is_down_stores_nothing(papers: Papers, settings: Settings, mailbox: Mailbox, client,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    papers.add("2017-03-07").build()
    mailbox.stop()
    with client(papers.index) as c:
        assert c.post("/alerts", data={"email": "a@example.org", "q": QUERY}).status_code == 503
    capsys.readouterr()
    main(["alerts", "list"])
    assert capsys.readouterr().out == ""


def _subscribed(c, mailbox: Mailbox, email: str, query: str) -> str:  # type: ignore[no-untyped-def]
    """Subscribe and confirm; the confirmation email's message."""
    before = len(mailbox.messages(email))
    assert c.post("/alerts", data={"email": email, "q": query}).status_code == 200
    confirmation = mailbox.messages(email)[before]
    c.post(path_of(links(confirmation, "/alerts/confirm/")[0]))
    return confirmation


def test_manage_page_lists_and_cancels_only_its_own_address(papers: Papers, settings: Settings,
                                                             mailbox: Mailbox, client) -> None:
    papers.add("2017-03-07").build()
    with client(papers.index) as c:
        _subscribed(c, mailbox, "mine@example.org", "risk register")
        _subscribed(c, mailbox, "mine@example.org", "customer access")
        _subscribed(c, mailbox, "other@example.org", "child road safety")
        done = c.post(path_of(links(mailbox.messages("mine@example.org")[0], "/alerts/confirm/")[0]))
        manage = re.search(r'href="(/alerts/manage/[^"]+)"', done.text).group(1)
        page = c.get(manage)
        assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
        assert "“risk register”" in page.text and "“customer access”" in page.text
        assert "child road safety" not in page.text and "other@" not in page.text
        assert "mine@example.org" not in page.text and "m•••@example.org" in page.text
        other = c.get("/alerts", params={}).status_code  # no listing of alerts anywhere
        assert other == 405
        ids = re.findall(r'name="alert_id" value="([0-9a-f]+)"', page.text)
        assert len(ids) == 2
        # Another address's alert id cannot be cancelled through this link.
        theirs = c.get(path_of(links(mailbox.messages("other@example.org")[0], "/alerts/confirm/")[0]))
        assert theirs.status_code == 200
        their_id = path_of(links(mailbox.messages("other@example.org")[0], "/alerts/confirm/")[0]).split("/")[-1].split(".")[0]
        c.post(manage + "/cancel", data={"alert_id": their_id})
        c.post(manage + "/cancel", data={"alert_id": ids[0]})
        page = c.get(manage)
        assert len(re.findall(r'name="alert_id" value="[0-9a-f]+"', page.text)) == 1
        assert c.get(manage[:-4] + "AAAA").status_code == 404
    from api.alerts.store import AlertStore
    left = {(a.email, a.query) for a in AlertStore(settings.alerts_path).all()}
    assert left == {("mine@example.org", "customer access"), ("other@example.org", "child road safety")}


def test_one_click_unsubscribe_from_the_header(papers: Papers, settings: Settings, mailbox: Mailbox, client) -> None:
    papers.add("2017-03-07").build()
    main(["alerts", "add", "reader@example.org", QUERY, "--index", str(papers.index)])
    papers.add("2018-10-04").build("--send-alerts")
    [digest] = mailbox.messages("reader@example.org")
    header = digest["List-Unsubscribe"].strip("<>")
    with client(papers.index) as c:
        # RFC 8058: the mail client POSTs this body to the header's link, with no page and no cookie.
        r = c.post(path_of(header), content=b"List-Unsubscribe=One-Click",
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status_code == 200
        assert "already stopped" in c.get(path_of(header)).text
    from api.alerts.store import AlertStore
    assert AlertStore(settings.alerts_path).all() == []
