"""Alert mail bytes: what a resident's mail program will show, in both charsets and modes."""

from __future__ import annotations

import base64
import dataclasses
import email
import email.policy
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dispatch.base.vocabulary import Charset
from dispatch.mail.message import (
    MAX_ATTACHMENTS_MAIL_BYTES,
    UNSUBSCRIBE_URL_SLOT,
    Attachment,
    AttachmentError,
    HeaderInjectionError,
    InvalidAddressError,
    MessageContent,
    MessageTemplate,
    Mode,
    TemplateError,
    chunked,
    message_id_for,
)

JST = timezone(timedelta(hours=9))
OFFICE = "bousai@city.example.jp"
BODY = (
    "千代田区に大雨警報（土砂災害）が発表されました。\n"
    "気象庁発表　東京管区気象台\n\n"
    "配信の停止: " + UNSUBSCRIBE_URL_SLOT + "\n"
    "(このメールは送信専用です)\n"
)


def content(charset: Charset = Charset.UTF8, **changes: object) -> MessageContent:
    base = MessageContent(
        subject="【大雨警報】千代田区",
        body=BODY,
        office_address=OFFICE,
        office_name="千代田区 防災課",
        charset=charset,
        date=datetime(2026, 11, 21, 9, 30, tzinfo=JST),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


# A "PDF" with every byte value (so base64 must carry it exactly) and a Japanese name.
HAZARD_MAP = Attachment(
    "新宿区ハザードマップ（神田川・善福寺川）.pdf", "application/pdf", bytes(range(256)) * 40
)
SHELTERS = Attachment("shelters.csv", "text/csv", "避難所,住所\n戸山小学校,戸山2-1\n".encode())


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


@pytest.mark.parametrize("charset", list(Charset))
def test_individual_message_reads_right_with_a_personal_one_click_unsubscribe(
    charset: Charset,
) -> None:
    template = MessageTemplate(content(charset), Mode.INDIVIDUAL)
    url = "https://mail.city.example.jp/u/Zx81kq?s=1"
    envelope = template.individual("taro@docomo.ne.jp", "<a1b2@city.example.jp>", url)

    assert envelope.recipients == ("taro@docomo.ne.jp",)
    assert envelope.sender == OFFICE
    assert envelope.message_id == "<a1b2@city.example.jp>"
    message = parse(envelope.data)
    assert message["To"] == "taro@docomo.ne.jp"
    assert message["Subject"] == "【大雨警報】千代田区"
    assert message["From"].addresses[0].display_name == "千代田区 防災課"
    assert message["From"].addresses[0].addr_spec == OFFICE
    assert message["Message-ID"] == "<a1b2@city.example.jp>"
    assert message["Date"].datetime == datetime(2026, 11, 21, 9, 30, tzinfo=JST)
    assert message["Precedence"] == "bulk"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe"] == f"<{url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_charset() == charset.value
    text = message.get_content()
    assert "千代田区に大雨警報" in text
    assert f"配信の停止: {url}\r\n" in text or f"配信の停止: {url}\n" in text
    # SMTP wants CRLF everywhere; a bare LF or CR would be mangled by some relays.
    assert b"\n" not in envelope.data.replace(b"\r\n", b"")
    assert b"\r" not in envelope.data.replace(b"\r\n", b"")


def test_iso_2022_jp_message_is_7bit_and_marks_characters_it_lacks() -> None:
    template = MessageTemplate(
        content(Charset.ISO_2022_JP, subject="【大雨警報】①千代田区"), Mode.INDIVIDUAL
    )
    envelope = template.individual("jiro@ezweb.ne.jp", "<c3@city.example.jp>", "https://x.jp/u")

    assert max(envelope.data) < 0x80, "old carrier phones need a pure 7bit message"
    message = parse(envelope.data)
    assert message["Content-Transfer-Encoding"] == "7bit"
    assert message["Subject"] == "【大雨警報】〓千代田区"
    assert template.replaced_characters == 1
    assert "https://x.jp/u" in message.get_content()


@pytest.mark.parametrize("attachments", [(), (HAZARD_MAP, SHELTERS)], ids=["text", "attached"])
@pytest.mark.parametrize("charset", list(Charset))
def test_substituted_bytes_equal_a_message_built_for_that_recipient_alone(
    charset: Charset, attachments: tuple[Attachment, ...]
) -> None:
    shared = MessageTemplate(content(charset, attachments=attachments), Mode.INDIVIDUAL)
    for n, recipient in enumerate(["a@docomo.ne.jp", "b.c..@ezweb.ne.jp", "d+e@gmail.com"]):
        url = f"https://mail.city.example.jp/u/{n}"
        message_id = f"<{n}@city.example.jp>"
        alone = MessageTemplate(content(charset, attachments=attachments), Mode.INDIVIDUAL)
        data = shared.individual(recipient, message_id, url).data
        assert data == alone.individual(recipient, message_id, url).data
        # ... and it is the mail that recipient should get: their link, the same files.
        message = parse(data)
        assert message["To"] == recipient
        assert url in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert [
            (a.get_filename(), a.get_payload(decode=True)) for a in message.iter_attachments()
        ] == [(a.filename, a.data) for a in attachments]


@pytest.mark.parametrize("mode", list(Mode))
@pytest.mark.parametrize("charset", list(Charset))
def test_attachments_arrive_after_the_text_with_their_names_and_exact_bytes(
    charset: Charset, mode: Mode
) -> None:
    body = BODY if mode is Mode.INDIVIDUAL else BODY.replace(UNSUBSCRIBE_URL_SLOT, "")
    template = MessageTemplate(
        content(charset, body=body, attachments=(HAZARD_MAP, SHELTERS)), mode
    )
    url = "https://mail.city.example.jp/u/Zx81kq"
    if mode is Mode.INDIVIDUAL:
        envelope = template.individual("taro@docomo.ne.jp", "<a1@city.example.jp>", url)
    else:
        envelope = template.batch(["taro@docomo.ne.jp"], "<b1@city.example.jp>")

    message = parse(envelope.data)
    assert message.get_content_type() == "multipart/mixed"
    assert message["Subject"] == "【大雨警報】千代田区"
    assert not message.defects
    text_part, *files = message.iter_parts()
    assert text_part.get_content_type() == "text/plain"
    assert text_part.get_content_charset() == charset.value
    assert text_part["Content-Transfer-Encoding"] == (
        "base64" if charset is Charset.UTF8 else "7bit"
    )
    text = text_part.get_content()
    assert "千代田区に大雨警報" in text
    assert (url in text) is (mode is Mode.INDIVIDUAL)
    assert [f.get_content_disposition() for f in files] == ["attachment", "attachment"]
    assert [f.get_filename() for f in files] == [HAZARD_MAP.filename, SHELTERS.filename]
    assert [f.get_content_type() for f in files] == ["application/pdf", "text/csv"]
    assert [f["Content-Transfer-Encoding"] for f in files] == ["base64", "base64"]
    assert [f.get_payload(decode=True) for f in files] == [HAZARD_MAP.data, SHELTERS.data]
    # The Japanese file name travels as RFC 2231 (ASCII on the wire), never as raw UTF-8.
    assert b"filename*" in envelope.data
    assert max(envelope.data) < 0x80
    lines = envelope.data.split(b"\r\n")
    assert b"\n" not in envelope.data.replace(b"\r\n", b"")
    assert b"\r" not in envelope.data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 998


def test_no_recipient_appears_in_another_recipients_mail_or_in_a_batch_in_any_part() -> None:
    recipients = ["a@docomo.ne.jp", "b@ezweb.ne.jp", "c@softbank.ne.jp"]

    def everything(data: bytes) -> bytes:
        """The raw mail and every part decoded: what any mail program could show."""
        decoded = [data]
        for part in parse(data).walk():
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                decoded.append(payload)
        return b"\n".join(decoded)

    individual = MessageTemplate(content(attachments=(HAZARD_MAP, SHELTERS)), Mode.INDIVIDUAL)
    for n, recipient in enumerate(recipients):
        seen = everything(
            individual.individual(recipient, f"<{n}@city.example.jp>", f"https://x.jp/u/{n}").data
        )
        assert recipient.encode() in seen
        for other in recipients:
            if other != recipient:
                assert other.encode() not in seen

    batch = MessageTemplate(
        content(body="本文のみ。", attachments=(HAZARD_MAP, SHELTERS)), Mode.BATCH
    )
    envelope = batch.batch(recipients, "<batch@city.example.jp>")
    assert envelope.recipients == tuple(recipients)
    seen = everything(envelope.data)
    assert parse(envelope.data)["To"] == OFFICE
    for recipient in recipients:
        assert recipient.encode() not in seen


def test_an_awkward_ascii_file_name_round_trips() -> None:
    odd = Attachment('report "final"; v2.pdf', "application/pdf", b"%PDF-1.4")
    template = MessageTemplate(content(attachments=(odd,)), Mode.INDIVIDUAL)
    message = parse(template.individual("a@b.jp", "<m@b.jp>", "https://x.jp/u").data)
    (part,) = message.iter_attachments()
    assert part.get_filename() == odd.filename
    assert part.get_payload(decode=True) == b"%PDF-1.4"


def test_a_mail_without_attachments_stays_a_single_text_part() -> None:
    template = MessageTemplate(content(), Mode.INDIVIDUAL)
    data = template.individual("a@b.jp", "<m@b.jp>", "https://x.jp/u").data
    assert b"multipart" not in data
    assert parse(data).get_content_type() == "text/plain"


@pytest.mark.parametrize(
    ("filename", "error"),
    [
        ("map.pdf\r\nBcc: all@x.jp", HeaderInjectionError),
        ("map\n.pdf", HeaderInjectionError),
        ("../../etc/passwd", AttachmentError),
        ("C:\\Users\\tanaka\\map.pdf", AttachmentError),
        ("..", AttachmentError),
        ("", AttachmentError),
    ],
)
def test_a_file_name_that_could_break_a_header_or_name_a_path_is_refused(
    filename: str, error: type[Exception]
) -> None:
    attachment = Attachment(filename, "application/pdf", b"x")
    with pytest.raises(error) as caught:
        MessageTemplate(content(attachments=(attachment,)), Mode.INDIVIDUAL)
    assert "Bcc" not in str(caught.value)


@pytest.mark.parametrize("content_type", ["multipart/mixed", "message/rfc822", "pdf", "a/b c"])
def test_a_content_type_that_is_not_a_file_type_is_refused(content_type: str) -> None:
    with pytest.raises(AttachmentError):
        MessageTemplate(
            content(attachments=(Attachment("a.bin", content_type, b"x"),)), Mode.INDIVIDUAL
        )


def test_attachments_too_large_for_the_carriers_are_refused_with_the_reason() -> None:
    big = Attachment("video.mp4", "video/mp4", bytes(8 * 1024 * 1024))
    with pytest.raises(AttachmentError) as caught:
        MessageTemplate(content(attachments=(big,)), Mode.INDIVIDUAL)
    assert caught.value.code == "message.attachment"
    assert "10 MB" in str(caught.value) and "carriers" in str(caught.value)
    # Two files count together.
    half = Attachment("a.pdf", "application/pdf", bytes(4 * 1024 * 1024))
    with pytest.raises(AttachmentError):
        MessageTemplate(content(attachments=(half, half)), Mode.INDIVIDUAL)
    # Up to the limit as sent is fine, and the mail is then only a little larger.
    fits = Attachment("a.pdf", "application/pdf", bytes(7 * 1024 * 1024))
    template = MessageTemplate(content(attachments=(fits,)), Mode.INDIVIDUAL)
    data = template.individual("a@b.jp", "<m@b.jp>", "https://x.jp/u").data
    assert len(data) < MAX_ATTACHMENTS_MAIL_BYTES + 10_000


@given(
    body=st.text(
        alphabet=st.characters(
            codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\n"
        ),
        max_size=300,
    ),
    url_token=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=40),
)
@settings(max_examples=60, deadline=None)
def test_any_utf8_body_round_trips_with_the_link_in_place(body: str, url_token: str) -> None:
    template = MessageTemplate(content(body=body + UNSUBSCRIBE_URL_SLOT + body), Mode.INDIVIDUAL)
    url = f"https://x.jp/{url_token}"
    data = template.individual("a@b.jp", "<m@b.jp>", url).data
    text = parse(data).get_content()
    expected = (body + url + body).replace("\r\n", "\n").replace("\r", "\n")
    assert text.replace("\r\n", "\n").rstrip("\n") == expected.rstrip("\n")
    # The body as sent is exactly the base64 of the whole text in 76-character lines (the
    # lines before the link are encoded once for every recipient: they must join seamlessly).
    sent_body = data.partition(b"\r\n\r\n")[2]
    sent_text = "\r\n".join(expected.split("\n"))
    sent_text += "" if sent_text.endswith("\r\n") else "\r\n"
    assert sent_body == base64.encodebytes(sent_text.encode()).replace(b"\n", b"\r\n")


def test_batch_message_names_only_the_office_and_keeps_recipients_in_the_envelope() -> None:
    template = MessageTemplate(content(body="本文のみ。"), Mode.BATCH)
    recipients = [f"user{n}@softbank.ne.jp" for n in range(50)]
    envelope = template.batch(recipients, "<batch-1@city.example.jp>")

    assert envelope.recipients == tuple(recipients)
    message = parse(envelope.data)
    assert message["To"] == OFFICE
    assert "Bcc" not in message and "Cc" not in message
    for recipient in recipients:
        assert recipient.encode() not in envelope.data
    assert "List-Unsubscribe-Post" not in message


def test_control_copy_is_the_same_mail_to_the_office() -> None:
    batch = MessageTemplate(content(body="本文"), Mode.BATCH)
    copy = batch.control_copy("<ctl@city.example.jp>")
    assert copy.recipients == (OFFICE,)
    assert parse(copy.data)["Subject"] == "【大雨警報】千代田区"

    individual = MessageTemplate(content(), Mode.INDIVIDUAL)
    copy = individual.control_copy("<ctl2@city.example.jp>")
    assert copy.recipients == (OFFICE,)
    assert parse(copy.data)["To"] == OFFICE


@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("subject", lambda: MessageTemplate(content(subject="警報\r\nBcc: all@x.jp"), Mode.BATCH)),
        ("office_name", lambda: MessageTemplate(content(office_name="区\nX: y"), Mode.BATCH)),
        (
            "recipient",
            lambda: MessageTemplate(content(), Mode.INDIVIDUAL).individual(
                "a@b.jp\r\nBcc: c@d.jp", "<m@b.jp>", "https://x.jp/u"
            ),
        ),
        (
            "Message-ID",
            lambda: MessageTemplate(content(body="x"), Mode.BATCH).batch(
                ["a@b.jp"], "<m@b.jp>\r\nBcc: c@d.jp"
            ),
        ),
        (
            "unsubscribe_url",
            lambda: MessageTemplate(content(), Mode.INDIVIDUAL).individual(
                "a@b.jp", "<m@b.jp>", "https://x.jp/u\nBcc: c@d.jp"
            ),
        ),
    ],
)
def test_cr_or_lf_in_any_header_value_is_refused_without_echoing_it(
    field: str, make: object
) -> None:
    with pytest.raises(HeaderInjectionError) as caught:
        make()  # type: ignore[operator]
    assert caught.value.field_name == field
    assert "Bcc" not in str(caught.value)
    assert caught.value.code == "message.header_injection"


@pytest.mark.parametrize(
    "address", ["a b@c.jp", "<a@b.jp>", "a@b.jp,c@d.jp", '"a"@b.jp', "山田@b.jp", "nobody"]
)
def test_addresses_that_could_break_out_of_a_header_or_command_are_refused(address: str) -> None:
    template = MessageTemplate(content(), Mode.INDIVIDUAL)
    with pytest.raises(InvalidAddressError):
        template.individual(address, "<m@b.jp>", "https://x.jp/u")


def test_individual_body_needs_the_link_slot_once_and_batch_body_none() -> None:
    with pytest.raises(TemplateError):
        MessageTemplate(content(body="リンクなし"), Mode.INDIVIDUAL)
    with pytest.raises(TemplateError):
        MessageTemplate(content(body=BODY + UNSUBSCRIBE_URL_SLOT), Mode.INDIVIDUAL)
    with pytest.raises(TemplateError):
        MessageTemplate(content(), Mode.BATCH)


def test_templates_refuse_the_other_mode() -> None:
    with pytest.raises(TemplateError):
        MessageTemplate(content(), Mode.INDIVIDUAL).batch(["a@b.jp"], "<m@b.jp>")
    with pytest.raises(TemplateError):
        MessageTemplate(content(body="x"), Mode.BATCH).individual(
            "a@b.jp", "<m@b.jp>", "https://x.jp/u"
        )


def test_message_ids_are_stable_per_alert_and_recipient() -> None:
    first = message_id_for("alert-42", "subscriber-7", domain="city.example.jp")
    assert first == message_id_for("alert-42", "subscriber-7", domain="city.example.jp")
    assert first != message_id_for("alert-42", "subscriber-8", domain="city.example.jp")
    assert first.startswith("<") and first.endswith("@city.example.jp>")


def test_chunked_splits_into_envelopes_of_at_most_n() -> None:
    batches = list(chunked([f"u{n}@x.jp" for n in range(120)], 50))
    assert [len(b) for b in batches] == [50, 50, 20]


def test_a_7bit_body_line_never_exceeds_the_smtp_line_limit() -> None:
    long_line = "a" * 500 + UNSUBSCRIBE_URL_SLOT + "b" * 300
    template = MessageTemplate(content(Charset.ISO_2022_JP, body=long_line), Mode.INDIVIDUAL)
    template.individual("a@b.jp", "<m@b.jp>", "https://x.jp/short")
    with pytest.raises(TemplateError):
        template.individual("a@b.jp", "<m@b.jp>", "https://x.jp/" + "u" * 300)
    with pytest.raises(TemplateError):
        MessageTemplate(content(Charset.ISO_2022_JP, body="本" * 600 + BODY), Mode.INDIVIDUAL)
