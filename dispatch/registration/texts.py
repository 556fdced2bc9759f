"""Every word of the registration pages and mails, in 日本語, English and やさしい日本語.

Page languages are ``ja``, ``en`` and ``easy`` (the URL parameter); a subscriber's mail
language is :class:`dispatch.base.vocabulary.Language`.
"""

from __future__ import annotations

from dispatch.base.vocabulary import Language

PAGE_LANGUAGES = ("ja", "en", "easy")
HTML_LANG = {"ja": "ja", "en": "en", "easy": "ja"}
MAIL_LANGUAGE = {"ja": Language.JA, "en": Language.EN, "easy": Language.EASY_JA}
PAGE_OF_MAIL_LANGUAGE = {Language.JA: "ja", Language.EN: "en", Language.EASY_JA: "easy"}

# key → (ja, en, easy)
_T: dict[str, tuple[str, str, str]] = {
    "title": ("気象メール 登録", "Weather alert mail — sign up", "きしょうメール とうろく"),
    "service": ("気象メール", "Weather alert mail", "きしょうメール"),
    "language_switch": ("表示言語", "Language", "ことば"),
    "purpose_heading": ("ご登録の前に", "Before you sign up", "とうろくの まえに"),
    "purpose": (
        "{ward}は、気象警報・注意報、雨量、河川水位、神田川洪水予報をいち早くお知らせし、"
        "災害の被害を減らすために、メールアドレスとお知らせの種類をお預かりします。"
        "この目的以外には使いません。登録はいつでも変更・停止できます。",
        "{ward_en} collects your e-mail address and the kinds of information you choose only "
        "to send you weather warnings, rainfall, river levels and Kanda River flood forecasts "
        "quickly, to reduce disaster damage. They are used for nothing else. You can change "
        "or stop the mail at any time.",
        "{ward}は、あめ や かわ の きけんな じょうほうを はやく メールで おしらせします。"
        "そのために メールアドレスと、ほしい じょうほうを おしえてください。"
        "ほかの ことには つかいません。いつでも かえたり、やめたり できます。",
    ),
    "purpose_collected": (
        "お預かりするもの：メールアドレス、お知らせの種類と条件、言語、お知らせを控える時間帯。",
        "What we keep: your e-mail address, the topics and their conditions, the language, "
        "and the quiet hours.",
        "あずかる もの：メールアドレス、ほしい じょうほう、ことば、しずかにする じかん。",
    ),
    "email": ("メールアドレス", "E-mail address", "メールアドレス"),
    "email_hint": (
        "携帯電話のアドレスの方は、{sender} からのメールを受け取れるよう設定してください。",
        "If you use a mobile carrier address, allow mail from {sender}.",
        "けいたいの アドレスの ひとは、{sender} から メールが とどくように してください。",
    ),
    "topics": ("受け取るお知らせ", "What to receive", "ほしい じょうほう"),
    "topics_hint": (
        "1つ以上選んでください。",
        "Choose at least one.",
        "1つ いじょう えらんでください。",
    ),
    "warnings": ("気象警報・注意報", "Weather warnings and advisories", "けいほう・ちゅういほう"),
    "warning_level": ("どの段階から", "From which level", "どこから"),
    "level_2": ("注意報から", "Advisories and above", "ちゅういほう から"),
    "level_3": ("警報から", "Warnings and above", "けいほう から"),
    "level_4": ("危険警報から", "Danger warnings and above", "きけん けいほう から"),
    "level_5": ("特別警報のみ", "Special warnings only", "とくべつ けいほう だけ"),
    "rain": ("新宿区の雨量", "Rainfall in the ward", "あめの りょう"),
    "rain_mm": (
        "1時間の雨量がこれ以上のとき",
        "When rain per hour reaches",
        "1じかんに これより おおいとき",
    ),
    "mm": ("{mm} ミリ", "{mm} mm/h", "{mm} ミリ"),
    "rain_summary": ("1時間に {mm} ミリ以上", "{mm} mm/h or more", "1じかんに {mm} ミリ いじょう"),
    "river": ("河川の水位", "River water levels", "かわの みずの たかさ"),
    "river_stage": ("どの水位から", "From which stage", "どこから"),
    "stage_1": ("氾濫注意水位から", "Flood caution level and above", "ちゅうい から"),
    "stage_2": (
        "避難判断水位から",
        "Evacuation decision level and above",
        "ひなんを かんがえる から",
    ),
    "stage_3": ("氾濫危険水位のみ", "Flood danger level only", "きけん だけ"),
    "river_stations": ("どの観測所", "Which gauges", "どこの かわの はかり"),
    "stations_all": (
        "区に関係するすべての観測所（今後加わる観測所も）",
        "Every gauge for the ward (including gauges added later)",
        "ぜんぶ（これから ふえる ものも）",
    ),
    "stations_chosen": (
        "次の観測所だけ",
        "Only these gauges",
        "つぎの ものだけ",
    ),
    "stations_summary_all": (
        "すべての観測所",
        "every gauge for the ward",
        "ぜんぶ",
    ),
    "kanda": (
        "神田川洪水予報",
        "Kanda River system flood forecasts",
        "かんだがわの こうずい よほう",
    ),
    "kanda_rivers": ("どの川", "Which rivers", "どの かわ"),
    "river_kanda": ("神田川", "Kanda River (神田川)", "かんだがわ"),
    "river_zenpukuji": ("善福寺川", "Zenpukuji River (善福寺川)", "ぜんぷくじがわ"),
    "river_myoshoji": ("妙正寺川", "Myoshoji River (妙正寺川)", "みょうしょうじがわ"),
    "mail_language": ("メールの言語", "Language of the mail", "メールの ことば"),
    "lang_ja": ("日本語", "Japanese (日本語)", "にほんご"),
    "lang_en": ("英語 (English)", "English", "えいご (English)"),
    "lang_easy": ("やさしい日本語", "Easy Japanese (やさしい日本語)", "やさしい にほんご"),
    "charset": ("メールの文字コード", "Character encoding of the mail", "メールの もじの しゅるい"),
    "charset_utf8": (
        "通常（UTF-8）",
        "Standard (UTF-8)",
        "ふつう（UTF-8）",
    ),
    "charset_iso": (
        "古い携帯電話（ガラケー）で文字化けする場合（ISO-2022-JP）",
        "If the mail is garbled on an older mobile phone (ガラケー, garakei) (ISO-2022-JP)",
        "ふるい けいたいでんわ（ガラケー）で もじが よめない とき（ISO-2022-JP）",
    ),
    "quiet": ("お知らせを控える時間帯", "Quiet hours", "しずかにする じかん"),
    "quiet_hint": (
        "注意報など緊急度の低いお知らせを送らない時間です。警報以上は時間帯に関わらず送ります。",
        "Advisory-level mail is held back in these hours. Warnings and above are always sent.",
        "この じかんは ちゅういほう などを おくりません。"
        "けいほう より きけんな ときは おくります。",
    ),
    "quiet_on": ("時間帯を設定する", "Use quiet hours", "じかんを きめる"),
    "quiet_from": ("開始", "From", "はじめ"),
    "quiet_to": ("終了", "To", "おわり"),
    "hour": ("{h}時", "{h}:00", "{h}じ"),
    "consent": (
        "上記の目的に同意して登録します",
        "I agree to the purpose above",
        "うえの ことに さんせいして とうろくします",
    ),
    "submit": ("確認メールを送る", "Send the confirmation mail", "かくにんの メールを おくる"),
    "sent_heading": ("メールをお送りしました", "Please check your mail", "メールを みてください"),
    "sent": (
        "入力されたアドレスに確認のメールをお送りしました。メールのリンクを{minutes}分以内に"
        "開いて、登録を完了してください。数分たってもメールが届かないときは、迷惑メールの設定を"
        "確かめて、1時間ほどたってからもう一度お試しください。",
        "We have sent a mail to the address you entered. Open the link in it within {minutes} "
        "minutes to complete your sign-up. If nothing arrives within a few minutes, check "
        "your spam settings and try again in an hour.",
        "メールを おくりました。{minutes}ぷん までに メールの リンクを ひらいて ください。"
        "メールが こないときは、1じかん たってから もう いちど やってください。",
    ),
    "confirm_heading": ("登録内容の確認", "Confirm your sign-up", "とうろくの かくにん"),
    "confirm_intro": (
        "次の内容で登録します。よろしければボタンを押してください。",
        "You are signing up with these choices. Press the button to confirm.",
        "これで とうろく します。よければ ボタンを おしてください。",
    ),
    "confirm_button": ("登録する", "Confirm", "とうろくする"),
    "registered_heading": ("登録が完了しました", "You are signed up", "とうろく できました"),
    "registered": (
        "これから気象メールをお届けします。変更や停止は、届いたメールのリンクからいつでもできます。",
        "You will receive the weather alert mail from now on. Change or stop it any time "
        "from the link in each mail.",
        "これから メールを おくります。"
        "かえる ときや やめる ときは メールの リンクを おしてください。",
    ),
    "change_heading": ("登録内容の変更", "Change your choices", "とうろくを かえる"),
    "change_button": ("変更する", "Save changes", "かえる"),
    "changed_heading": ("変更しました", "Your choices are saved", "かえました"),
    "changed": (
        "新しい内容でお届けします。",
        "From now on you receive mail with the new choices.",
        "これから あたらしい ないようで おくります。",
    ),
    "to_unsubscribe": ("配信を停止する", "Stop the mail", "メールを やめる"),
    "to_change": ("内容を変更する", "Change my choices instead", "ないようを かえる"),
    "unsubscribe_heading": ("配信の停止", "Stop the mail", "メールを やめる"),
    "unsubscribe_intro": (
        "{address} への気象メールの配信を停止します。",
        "The weather alert mail to {address} will stop.",
        "{address} への メールを やめます。",
    ),
    "unsubscribe_button": ("配信を停止する", "Stop the mail", "やめる"),
    "unsubscribed_heading": ("配信を停止しました", "The mail is stopped", "メールを やめました"),
    "unsubscribed": (
        "今後、気象メールはお送りしません。ご利用ありがとうございました。"
        "もう一度受け取るときは、登録ページから登録してください。",
        "You will receive no more weather alert mail. Thank you for using it. To receive it "
        "again, sign up on the registration page.",
        "もう メールは おくりません。また ほしい ときは もういちど とうろく してください。",
    ),
    "kept_days": (
        "登録されていたアドレスと選択内容は、{days}日後にすべて消去します。",
        "Your address and choices will be erased completely after {days} days.",
        "あなたの メールアドレスと えらんだ ないようは {days}にち あとに ぜんぶ けします。",
    ),
    "kept_none": (
        "登録されていたアドレスと選択内容は、すべて消去しました。",
        "Your address and choices have been erased completely.",
        "あなたの メールアドレスと えらんだ ないようは ぜんぶ けしました。",
    ),
    "back_to_top": ("登録ページへ", "To the registration page", "とうろくの ページへ"),
    "invalid_link_heading": (
        "このリンクは使えません",
        "This link cannot be used",
        "この リンクは つかえません",
    ),
    "invalid_link": (
        "リンクの有効期限が切れているか、すでに使われています。お手数ですが、登録ページから"
        "もう一度お手続きください。",
        "The link has expired or has been used already. Please start again from the "
        "registration page.",
        "じかんが すぎたか、もう つかった リンクです。とうろくの ページから もう いちど "
        "やってください。",
    ),
    "bad_request_heading": (
        "入力を確認してください",
        "Please check your entry",
        "にゅうりょくを みてください",
    ),
    "bad_request": (
        "送られた内容を受け付けられませんでした。",
        "What was sent could not be accepted.",
        "おくられた ないようを うけつけ できませんでした。",
    ),
    "error_email": (
        "メールアドレスの形式が正しくありません。",
        "The e-mail address is not valid.",
        "メールアドレスが ただしく ありません。",
    ),
    "error_stations": (
        "「次の観測所だけ」を選んだときは、観測所を1つ以上選んでください。",
        "With “Only these gauges”, tick at least one gauge.",
        "「つぎの ものだけ」の ときは 1つ いじょう えらんでください。",
    ),
    "error_topics": (
        "受け取るお知らせを1つ以上選んでください。",
        "Choose at least one kind of information.",
        "ほしい じょうほうを 1つ いじょう えらんでください。",
    ),
    "error_consent": (
        "目的への同意が必要です。",
        "Please agree to the purpose to sign up.",
        "さんせい しないと とうろく できません。",
    ),
    "error_quiet": (
        "開始と終了には別の時刻を選んでください。",
        "Choose different start and end hours.",
        "はじめと おわりは ちがう じかんに してください。",
    ),
    "error_form": (
        "フォームの有効期限が切れました。もう一度送ってください。",
        "The form has expired. Please send it again.",
        "じかんが すぎました。もう いちど おくってください。",
    ),
    "too_many_heading": ("しばらくお待ちください", "Please wait a while", "すこし まってください"),
    "too_many": (
        "短い間に多くの申し込みがありました。1時間ほどたってからお試しください。",
        "There were too many requests in a short time. Please try again in an hour.",
        "たくさんの もうしこみが ありました。1じかん たってから やってください。",
    ),
    "too_large": ("送られた内容が大きすぎます。", "The request is too large.", "おおきすぎます。"),
    "not_found": ("ページが見つかりません。", "Page not found.", "ページが ありません。"),
    "address_masked": (
        "登録中のアドレスです（他の人に見られないよう一部を伏せています。変更はできません）",
        "The registered address, partly hidden in case someone else opens this link "
        "(it cannot be changed here)",
        "とうろく している アドレスです（ほかの ひとに わからない ように いちぶを かくしています）",
    ),
    "address_fixed": (
        "このアドレスで登録します（空メールで確認済み）",
        "This address will be registered (confirmed by your mail)",
        "この アドレスで とうろく します",
    ),
    "register_button": ("登録する", "Sign up", "とうろくする"),
    "contact": (
        "お問い合わせ：{office} {phone}",
        "Contact: {office_en} {phone}",
        "といあわせ：{office} {phone}",
    ),
    "yes": ("あり", "yes", "あり"),
    "none": ("なし", "none", "なし"),
    # ---- mails ----
    "mail_confirm_subject": (
        "【気象メール】登録の確認",
        "[Weather alert mail] Confirm your sign-up",
        "【きしょうメール】とうろくの かくにん",
    ),
    "mail_confirm_body": (
        "気象メールへの登録のお申し込みを受け付けました。\n\n"
        "次のリンクを{minutes}分以内に開いて、登録を完了してください。\n{link}\n\n"
        "お申し込みに心当たりがない場合は、このメールを削除してください。登録はされません。",
        "We received a request to sign this address up for the weather alert mail.\n\n"
        "Open this link within {minutes} minutes to complete the sign-up:\n{link}\n\n"
        "If you did not ask for this, delete this mail; nothing will be registered.",
        "きしょうメールの もうしこみを うけつけました。\n\n"
        "{minutes}ぷん までに この リンクを ひらいてください。\n{link}\n\n"
        "こころあたりが ない ときは この メールを けしてください。",
    ),
    "mail_known_subject": (
        "【気象メール】すでに登録されています",
        "[Weather alert mail] You are already signed up",
        "【きしょうメール】もう とうろく されています",
    ),
    "mail_known_body": (
        "このアドレスは気象メールにすでに登録されています。\n\n"
        "内容の変更はこちら：\n{change}\n\n配信の停止はこちら：\n{stop}\n\n"
        "お申し込みに心当たりがない場合は、このメールを削除してください。何も変わりません。",
        "This address is already signed up for the weather alert mail.\n\n"
        "Change your choices:\n{change}\n\nStop the mail:\n{stop}\n\n"
        "If you did not ask for this, delete this mail; nothing has changed.",
        "この アドレスは もう とうろく されています。\n\n"
        "かえる ときは ここ：\n{change}\n\nやめる ときは ここ：\n{stop}\n\n"
        "こころあたりが ない ときは この メールを けしてください。",
    ),
    "mail_invite_subject": (
        "【気象メール】登録のご案内",
        "[Weather alert mail] How to sign up",
        "【きしょうメール】とうろくの しかた",
    ),
    "mail_invite_body": (
        "空メールを受け付けました。次のリンクを{minutes}分以内に開き、受け取るお知らせを選んで"
        "登録してください。\n{link}\n\n{purpose}\n\n"
        "心当たりがない場合は、このメールを削除してください。登録はされません。",
        "We received your empty mail. Open this link within {minutes} minutes and choose what "
        "to receive:\n{link}\n\n{purpose}\n\n"
        "If you did not send it, delete this mail; nothing will be registered.",
        "からメールを うけとりました。{minutes}ぷん までに この リンクを ひらいて、"
        "ほしい じょうほうを えらんでください。\n{link}\n\n{purpose}\n\n"
        "こころあたりが ない ときは この メールを けしてください。",
    ),
    "mail_stop_subject": (
        "【気象メール】配信停止のご案内",
        "[Weather alert mail] How to stop the mail",
        "【きしょうメール】メールを やめる しかた",
    ),
    "mail_stop_body": (
        "配信停止のご依頼を受け付けました。なりすまし防止のため、次のリンクを開いて"
        "「配信を停止する」を押すと停止します。\n{stop}\n\n"
        "心当たりがない場合は、このメールを削除してください。配信は続きます。",
        "We received a request to stop the mail. To make sure it comes from you, open this "
        'link and press "Stop the mail":\n{stop}\n\n'
        "If you did not ask for this, delete this mail; the mail continues.",
        "やめる もうしこみを うけつけました。この リンクを ひらいて「やめる」を おしてください。"
        "\n{stop}\n\nこころあたりが ない ときは この メールを けしてください。",
    ),
    "mail_footer": (
        "――\n{office}\n{phone}\nこのメールは送信専用です。",
        "--\n{office_en}\n{phone}\nThis mail was sent automatically.",
        "――\n{office}\n{phone}\nこの メールに へんしん しないでください。",
    ),
}

_INDEX = {"ja": 0, "en": 1, "easy": 2}


def text(key: str, lang: str, **values: object) -> str:
    words = _T[key][_INDEX.get(lang, 0)]
    return words.format(**values) if values else words


def has(key: str) -> bool:
    return key in _T
