"""The settings reference (システム設定書), generated from
:data:`dispatch.records.settings.DECLARED`.

    python -m dispatch.cli.settings_reference --write   # rewrite docs/admin/settings-reference.md
    python -m dispatch.cli.settings_reference --check   # exit 1 if the committed file is stale

The English text is each declaration's ``description``; the Japanese text comes from the
declaration's ``description_ja`` when it has one, else from :data:`JAPANESE` below. A setting
without Japanese text is still listed, marked as such, so the reference never leaves one out.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from dispatch.records.settings import DECLARED, Setting

REFERENCE = Path("docs") / "admin" / "settings-reference.md"

GROUPS: dict[str, tuple[str, str]] = {
    "security": ("セキュリティ", "Security"),
    "audit": ("監査ログ", "Audit log"),
    "office": ("発信者（課の情報）", "The office as sender"),
    "smtp": ("メール中継サーバ", "Mail relay"),
    "dkim": ("DKIM 署名", "DKIM signing"),
    "bounces": ("不達メール（バウンス）", "Bounces"),
    "registration": ("登録受付（登録ページ・空メール）", "Registration (pages and empty mail)"),
    "dispatch": ("配信方式", "Dispatch"),
    "feeds": ("気象庁フィード", "JMA feeds"),
    "observations": ("観測データ（雨量・水位）", "Observations (rain, river levels)"),
    "alerts": ("手動配信", "Manual alerts"),
    "export": ("個人情報の書き出し", "Exports of personal data"),
    "backup": ("バックアップ", "Backups"),
    "notify": ("職員への通知", "Staff notifications"),
    "monitor": ("監視", "Monitoring"),
}

KINDS = {bool: "真偽 (bool)", int: "整数 (int)", str: "文字列 (str)"}

#: Japanese descriptions, until the declarations carry their own.
JAPANESE: dict[str, str] = {
    "notify.feed_silent_minutes": "フィードの取得がこの分数成功しないとき、職員に通知します。",
    "notify.repeat_minutes": "状態が続く間、職員への通知をこの間隔で再送します。",
    "notify.summary_at": "職員への毎日の「稼働中」報告の時刻（東京時間 HH:MM）。"
    "届かないこと自体が異常の合図です。",
    "notify.routes": "通知の種類ごとに受け取る役割（既定値を上書き）。"
    "'種類=役割+役割; 種類=役割' の形式。'none' でだれにも送りません。"
    "種類と既定値は管理者マニュアルにあります。",
    "notify.relay_failure_percent": "一回の配信で拒否（5xx）または送信できなかった宛先の割合が"
    "この値（％）を超えたとき、職員に通知します。",
    "notify.disk_free_mb": "データフォルダのディスクの空きがこの値（MB）を下回ったとき、"
    "職員に通知します。",
    "notify.fallback_host": "職員への通知用の第二の中継サーバ。最初の中継サーバが使えないときに"
    "使います（空欄：なし）。",
    "notify.fallback_port": "第二の中継サーバのポート。",
    "notify.fallback_security": "starttls または implicit。平文では送りません。",
    "notify.fallback_username": "第二の中継サーバの認証ユーザー名（空欄：認証なし）。",
    "notify.fallback_password": "第二の中継サーバの認証パスワード。",
    "notify.fallback_cafile": "第二の中継サーバについて、システムの証明書ストアの代わりに"
    "信頼する CA の PEM ファイル。",
    "monitor.health_port": "エンジンのヘルスチェック用ポート（127.0.0.1 のみ、JSON、"
    "個人情報なし）。0：無効。",
    "audit.tsa_url": "区の RFC 3161 タイムスタンプ局（https://…）。設定すると、サービスの起動時と"
    "毎日の監査ログの先頭のアンカーにタイムスタンプを付けます。空欄：サービスの署名のみ。",
    "security.change_first_password": "管理者が決めたパスワード（新しいアカウント、再設定、"
    "再有効化）は、本人が最初のログインで変えるまで他の操作ができない（本人だけが知るパスワードに"
    "するため）。新しい事務所のストアでは既定でオン",
    "security.require_totp": "すべてのアカウントに TOTP（二要素認証）コードでのログインを"
    "義務づけます。未登録のアカウントは、登録を済ませるまで他の操作ができません（R4.3）。"
    "新しいストアでは有効（初期設定で最初の管理者を登録します）。この版より前に作られたストアは"
    "変更するまで無効のままです。",
    "office.name": "すべてのメールの差出人名。",
    "office.name_en": "英語メールの差出人名。",
    "office.ward": "メール本文での区の名称。",
    "office.ward_en": "英語メールでの区の名称。",
    "office.address": "課のメールアドレス。From:、一斉同報方式の To:、"
    "配信ごとの控え（R3.5）の宛先。",
    "office.page_url": "公開の登録ページ。メールの「変更・解除」リンクの先です。",
    "office.contact": "メールのフッターの電話番号（必ず設定してください）。",
    "smtp.host": "メール中継サーバ。空欄のときは内蔵のローカルメールボックスに保存するだけで、"
    "誰にも送信しません。",
    "smtp.port": "STARTTLS は 587、暗黙の TLS は 465。",
    "smtp.security": "starttls または implicit。平文では送りません。",
    "smtp.username": "中継サーバの認証ユーザー名（空欄：認証なし）。",
    "smtp.password": "中継サーバの認証パスワード。",
    "smtp.cafile": "システムの証明書ストアの代わりに信頼する CA（または中継サーバの証明書）の "
    "PEM ファイル。LGWAN の中継サーバなど。",
    "smtp.connections": "中継サーバへの同時接続数（1〜32）。",
    "smtp.max_rate": "全体の毎秒送信通数の上限（0：上限なし）。",
    "smtp.carrier_groups": "携帯キャリアなどの宛先グループ（JSON のリスト）。各グループは "
    "{name, domains, rate（全接続での毎秒宛先数、null：上限なし）, per_session（1 回の SMTP "
    "接続あたりの宛先数、null：上限なし）, soft_retries, soft_retry_minutes}。速度は中継サーバの"
    "管理者と相談して調整してください（管理者マニュアル「メール中継」§3）。",
    "smtp.backoff_floor": "あるキャリアグループ宛てに一時エラー（421・450・451・452）や接続の"
    "切断があるとそのグループのペースを半分にします（1 秒に 1 回まで）。その下限（毎秒宛先数。"
    "グループの設定値より速くはしません）。その他のドメインは減速しません。",
    "smtp.backoff_recover_seconds": "減速したキャリアグループが、一時エラーや切断のないまま"
    "この秒数が過ぎるたびに 1.25 倍に戻り、設定値まで戻ります。",
    "monitor.dns_server": "doctor が SPF・DKIM・DMARC のレコードを問い合わせる DNS サーバ"
    "（アドレス、またはアドレス:ポート）。空欄：システムのリゾルバ。庁内のリゾルバが外部の DNS を"
    "引けないときに設定します。",
    "bounces.local_part": "不達メールの返送先アドレスのローカル部。警報メールは MAIL FROM "
    "<ローカル部+トークン@ドメイン> で送ります（トークンは配信ごと、一斉同報方式ではエンベロープ"
    "ごとの乱数）。",
    "bounces.domain": "返送先アドレスのドメイン。空欄：office.address のドメイン。",
    "bounces.imap_host": "不達メールを受け取るメールボックスの IMAP サーバ（空欄：読まない）。",
    "bounces.imap_port": "暗黙の TLS は 993、STARTTLS は 143。",
    "bounces.imap_security": "implicit または starttls。平文では接続しません。",
    "bounces.imap_user": "不達メール用メールボックスのユーザー名。",
    "bounces.imap_password": "不達メール用メールボックスのパスワード。",
    "bounces.imap_cafile": "不達メール用 IMAP サーバについて信頼する CA の PEM ファイル。",
    "bounces.imap_folder": "不達メールを読むフォルダ。",
    "bounces.imap_poll_seconds": "不達メールを確認する間隔（秒、30 以上）。",
    "bounces.suspend_after": "bounces.window_days の期間にこの回数のハードバウンス（5.x.x）が"
    "あると、その登録者への配信を停止（suspended）します。",
    "bounces.window_days": "ハードバウンスを数える期間（日）。それより古いものは数えません。",
    "bounces.unknown_user_at_once": "アドレスが存在しないという不達（5.1.x、docomo の "
    "550 Unknown user など）は 1 回で配信を停止します。存在しないアドレスに送り続ける送信元は"
    "キャリアに受信拒否されるためです。",
    "dkim.domain": "すべてのメールにこのドメイン（d=）の DKIM 署名を付けます。通常は "
    "office.address のドメイン。空欄：署名しません（中継サーバが署名するときは空欄のままに"
    "してください）。",
    "dkim.selector": "DKIM のセレクタ（s=）。鍵の DNS レコード名は "
    "セレクタ._domainkey.ドメイン です。",
    "dkim.key": "DKIM の秘密鍵（PEM）。暗号化ストアの中だけに保存され、"
    "kishomail dkim keygen で作ります。",
    "registration.listen_host": "kishomail serve-registration が待ち受けるアドレス。ループバックの"
    "まま、TLS を終端する区のリバースプロキシの後ろに置いてください。",
    "registration.listen_port": "登録ページのサービスのポート。",
    "registration.trusted_proxies": "X-Forwarded-For/-Proto を信用するリバースプロキシのアドレス"
    "（カンマ区切り）。送信元ごとの回数制限はこのアドレスで数えます。",
    "registration.address": "区民が空メールを送る登録用アドレス（空メール登録）。ポスターに"
    "印刷されます。空欄：空メール登録なし。",
    "registration.token_minutes": "確認・登録リンクの有効時間（分、1 回限り）。",
    "registration.mails_per_address_per_hour": "1 つのアドレスへ 1 時間に送る確認・返信メールの"
    "上限。超えた申込みは保存も送信もしません。",
    "registration.requests_per_client_per_hour": "送信元アドレスごとの 1 時間あたりのフォーム送信"
    "の上限。超えると 429 を返します（IPv6 は /64 のネットワーク単位で数えます）。",
    "registration.mails_per_hour": "全体での 1 時間あたりの登録メール（確認メール・登録済みの案内）"
    "の上限。超えると何も保存・送信せず（画面の表示は同じ）、ログに警告を書きます。",
    "registration.header_seconds": "リクエストのヘッダが届くまで待つ秒数（接続または前の応答"
    "から）。過ぎると登録サービスは接続を切ります（遅いクライアント・slowloris 対策）。",
    "registration.body_seconds": "ヘッダの後、リクエストの本文が届くまで待つ秒数。過ぎると接続を"
    "切ります。",
    "registration.connections_per_client": "1 送信元（IPv4 アドレスまたは IPv6 の /64）が登録"
    "サービスに同時に持てる接続の数。超えた接続は直ちに切ります。信用するプロキシは除きます。",
    "registration.imap_host": "空メールを受け取るメールボックスの IMAP サーバ。",
    "registration.imap_port": "暗黙の TLS は 993、STARTTLS は 143。",
    "registration.imap_security": "implicit または starttls。平文では接続しません。",
    "registration.imap_user": "IMAP のユーザー名。",
    "registration.imap_password": "IMAP のパスワード。",
    "registration.imap_cafile": "IMAP サーバについて信頼する CA の PEM ファイル。",
    "registration.imap_folder": "空メールを読むフォルダ。",
    "registration.imap_poll_seconds": "空メールを確認する間隔（秒）。",
    "dispatch.mode": "individual（1 通に宛先 1 人、個人用の解除リンク付き）または batch"
    "（宛先はエンベロープのみ）。",
    "dispatch.batch_size": "一斉同報方式での 1 エンベロープあたりの宛先数。",
    "feeds.source": "Atom フィードの URL（カンマ区切りで複数可）、または再生する電文のフォルダ。",
    "feeds.poll_interval": "フィードを確認する間隔（秒）。",
    "feeds.areas": "警報等を配信する市町村等のコード（新宿区は 1310400）。",
    "retention.delivery_days": "配信先ごとの送信記録（SMTP の応答を含む）を保存する日数。配信ごとの"
    "件数は残ります。年1回の取扱状況報告（R4.9）のため365日未満には設定できません。",
    "retention.telegram_days": "受信した電文を保存する日数（再起動後に発表中の状態を組み立て直す"
    "14日以上）。",
    "retention.inactive_days": "配信を停止した人・停止された人のアドレスと選択内容を保存する日数。"
    "過ぎるとサービスの毎日の処理で消去します（0：すぐに。最長 365 日）。アドレスを含まない消去"
    "記録は残ります（001 特記事項 11）。",
    "export.valid_hours": "承認された個人情報の書き出しを実行できる時間（依頼した本人が "
    "1 回だけ）。過ぎると承認は無効になります。",
    "observations.folder": "河川水位・雨量の観測値が課の CSV 形式で届くフォルダ（station_code,"
    "station_name,river,kind,value,observed_at）。空欄：なし。",
    "observations.thresholds": "河川の観測所（水位の基準と、登録者が選べる観測所）。課が設定画面"
    "（kishomail stations）で独自の一覧を保存していないときに使います：bundled:shinjuku_rivers"
    "（既定。同梱の区内関係観測所。水位は課で要確認。docs/feeds.md 参照）、CSV（station_code,"
    "caution_m,evacuation_m,danger_m[,station_name,river,…]）、または川の防災情報の観測所一覧"
    "（.json）。空欄：観測所なし。",
    "observations.amedas_stations": "気象庁のアメダス地点（カンマ区切り）。気象庁の地図ページ用"
    " JSON から前1時間降水量を読みます（例：44132 東京、44126 世田谷、44071 練馬。"
    "区に最も近い雨量計。docs/feeds.md 参照）。空欄：使わない。",
    "observations.kriver_stations": "国土交通省の危機管理型水位計（「川の水位情報」k.river.go.jp の"
    "コード、カンマ区切り）。ページ用データから水位を読みます。各水位計は水位の基準とともに河川の"
    "観測所一覧にも登録してください。observations.kriver_consent を設定するまで読みません"
    "（ページ用データは公開された API ではありません。docs/feeds.md 参照）。空欄：使わない。",
    "observations.kriver_consent": "「川の水位情報」のページ用データを自動で取得してよいことの課の"
    "記録（例：国土交通省の書面回答の日付と番号、または利用条件を確認した課の決定）。空欄："
    "危機管理型水位計の読み取りは止まったままです。",
    "observations.kriver_pref": "危機管理型水位計のファイルを読む都道府県（5 桁。東京都は "
    "13000）。",
    "observations.kriver_interval": "危機管理型水位計のファイルを読む間隔（秒、300 以上）。水位計は"
    "水位が高いあいだ 10 分ごと、ふだんは 1 日 1 回報告します。",
    "observations.kriver_url": "「川の水位情報」のページ用データの場所（プロキシやミラーを使う"
    "ときだけ変更）。",
    "observations.amedas_interval": "アメダスの更新時刻を確認する間隔（秒、120 以上）。アメダスは "
    "10 分ごとに更新され、気象庁のページ用データは API ではないため、控えめに取得します。",
    "observations.amedas_url": "気象庁のアメダスのページ用データの場所（プロキシやミラーを使う"
    "ときだけ変更）。",
    "observations.stale_minutes": "最後の観測値がこれより古い観測地点を、doctor とダッシュボードが"
    "「古い」と報告し、職員に通知メール（gauges-stale）を送ります。",
    "observations.rain_hysteresis_mm": "雨量計：いちばん低い雨量しきい値（10）よりこの値（mm/h）"
    "以上低い観測値を「雨がやんだ」とみなします。その間は同じ雨として扱い、再び強まっても"
    "新たなお知らせはしません。",
    "observations.rain_quiet_minutes": "雨量計：雨がやんだ観測がこの分数続くと、ひとまとまりの雨"
    "（雨のイベント）が終わったとみなします。その後にしきい値に達すると、再びお知らせします。",
    "alerts.single_person_emergency": "緊急時のみ：当直 1 人で、2 人目の承認なしに手動配信を送れる"
    "ようにします。その送信は操作ログとメールの控えに明示されます。既定は無効"
    "（R3.4：手動配信は 2 人で確認）。",
    "backup.folder": "暗号化バックアップの保存先（空欄：ストアと同じ場所の backups）。"
    "ストアとは別のディスクを推奨します。",
    "backup.keep_days": "バックアップを保持する日数。これより古いものは削除されます"
    "（30 日以上、R4.8）。",
    "backup.daily_at": "サービス稼働中に毎日バックアップを取る時刻（東京時間、HH:MM）。",
}


def _japanese(setting: Setting) -> str | None:
    own = getattr(setting, "description_ja", None)
    return str(own) if own else JAPANESE.get(setting.name)


def _default(setting: Setting) -> str:
    if setting.secret:
        return "（なし / none）" if not setting.default else "（非表示 / hidden）"
    if setting.default == "":
        return "（空 / empty）"
    return f"`{json.dumps(setting.default, ensure_ascii=False)}`"


def render_reference(declared: Mapping[str, Setting] = DECLARED) -> str:
    groups: dict[str, list[Setting]] = {}
    for setting in declared.values():
        groups.setdefault(setting.name.split(".", 1)[0], []).append(setting)
    out = [
        "# システム設定書 / Settings reference",
        "",
        "<!-- 生成ファイル：編集しないでください。dispatch/records/settings.py の宣言から "
        "`python -m dispatch.cli.settings_reference --write` で作り直します。 -->",
        "<!-- Generated from the declarations in dispatch/records/settings.py by "
        "`python -m dispatch.cli.settings_reference --write`; do not edit. -->",
        "",
        "設定は暗号化ストアに保存され、管理者が GUI の「設定」画面か次のコマンドで変更します。"
        "変更は操作ログに記録されます（秘密の値は記録されません）。",
        "",
        "Settings live in the encrypted store; an administrator changes them in the GUI's "
        "settings screen or with the command below. Each change is written to the audit log "
        "(secret values never are).",
        "",
        "```sh",
        "kishomail --user ADMIN settings get smtp.host",
        "kishomail --user ADMIN settings set smtp.host relay.city.example.jp",
        "kishomail --user ADMIN settings set smtp.password          # 秘密：入力は表示されません",
        "printf '%s\\n' \"$RELAY_PASSWORD\" | kishomail --user ADMIN settings set smtp.password",
        "```",
        "",
        "秘密の設定（smtp.password など）はコマンドラインでは受け付けません（シェルの履歴や"
        "プロセス一覧に残るため）。エコーなしのプロンプトか標準入力の 1 行目で渡します。",
        "",
        "A secret setting (smtp.password …) is refused on the command line, where the shell "
        "history and the process list would keep it: it is read from a prompt without echo, or "
        "from the first line of standard input.",
        "",
        "全角で入力した文字列の設定は、NFKC で半角にして保存します"
        "（「ｒｅｌａｙ．ｅｘａｍｐｌｅ．ｊｐ」は relay.example.jp、「０８：００」は 08:00）。"
        "ただし秘密の値（パスワード・DKIM 鍵）と課の名前（office.name・office.name_en・"
        "office.ward・office.ward_en、メールにそのまま載るため）と "
        "observations.kriver_consent は入力どおり、ファイル・フォルダ・IMAP フォルダの名前と"
        "アドレスは全角英数字だけを半角にします（半角カナや①を含む実在の名前を変えないため）。",
        "",
        "Text settings typed full-width are stored NFKC (「ｒｅｌａｙ．ｅｘａｍｐｌｅ．ｊｐ」 as "
        "relay.example.jp, 「０８：００」 as 08:00), except secrets (passwords, the DKIM key), the "
        "office's names (they go into every mail as written) and observations.kriver_consent, "
        "kept as typed, and file, folder and IMAP folder names and addresses, where only "
        "full-width ASCII is folded (a real name may hold half-width カナ or ①).",
        "",
        f"{len(declared)} settings / 設定項目 {len(declared)} 件:",
        "",
    ]
    for prefix, settings in groups.items():
        ja, en = GROUPS.get(prefix, (prefix, prefix))
        out.append(f"- [{ja} / {en}](#{prefix}) — " + ", ".join(f"`{s.name}`" for s in settings))
    for prefix, settings in groups.items():
        ja, en = GROUPS.get(prefix, (prefix, prefix))
        out += ["", f'<a id="{prefix}"></a>', "", f"## {ja} / {en}", ""]
        for setting in settings:
            japanese = _japanese(setting) or "（日本語の説明は未記入 / no Japanese text yet）"
            out += [
                f"### `{setting.name}`",
                "",
                f"- 型 / type: {KINDS.get(setting.kind, setting.kind.__name__)}"
                f" · 既定値 / default: {_default(setting)}"
                + (
                    f" · 最小値 / minimum: `{setting.minimum}`"
                    if setting.minimum is not None
                    else ""
                )
                + (
                    f" · 最大値 / maximum: `{setting.maximum}`"
                    if setting.maximum is not None
                    else ""
                ),
                f"- {japanese}",
                f"- {setting.description}",
            ]
            if setting.secret:
                out.append(
                    "- 秘密：画面・ログ・操作ログに表示されません。 / Secret: never shown, "
                    "logged or written to the audit log."
                )
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dispatch.cli.settings_reference")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help=f"rewrite {REFERENCE}")
    action.add_argument("--check", action="store_true", help=f"exit 1 if {REFERENCE} is stale")
    args = parser.parse_args(argv)
    text = render_reference()
    if args.write:
        REFERENCE.write_text(text, encoding="utf-8")
        print(f"wrote {REFERENCE}")
    elif args.check:
        current = REFERENCE.read_text("utf-8") if REFERENCE.exists() else ""
        if current != text:
            print(
                f"{REFERENCE} is out of date: run "
                "'python -m dispatch.cli.settings_reference --write'",
                file=sys.stderr,
            )
            return 1
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
