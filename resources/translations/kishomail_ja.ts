<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AcceptanceChartBox</name>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="46"/>
        <source>Acceptance over time, latest large dispatch</source>
        <extracomment>Dispatches to fewer recipients say little about the sending rate. A curve of at most this many points (the chart stays quick at 100,000 acceptances).</extracomment>
        <translation>直近の大きな配信の受付の推移</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="48"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="72"/>
        <source>No dispatch to %1 or more recipients has been accepted yet.</source>
        <translation>宛先 %1 人以上の配信の受付記録はまだありません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="81"/>
        <source>Dispatch %1 「%2」 (%3): %4 of %5 accepted, the last %6 s after detection.</source>
        <translation>配信 %1「%2」（%3）：%5 人中 %4 人を受付。最後の受付は検知から %6 秒後。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="94"/>
        <source>seconds from the detection</source>
        <translation>検知からの秒数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="98"/>
        <source>recipients accepted</source>
        <translation>受付済みの宛先数</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../desktop/windows/settings.py" line="540"/>
        <source>Add an account</source>
        <translation>アカウントの追加</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="554"/>
        <source>Tell the person this first password apart from the account name; they choose their own at the first login.</source>
        <translation>この最初のパスワードは、アカウント名とは別の方法で本人に伝えてください。本人が最初のログインで自分のパスワードに変えます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="562"/>
        <source>Account name</source>
        <translation>アカウント名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="563"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="564"/>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="565"/>
        <source>First password</source>
        <translation>最初のパスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="566"/>
        <source>First password again</source>
        <translation>最初のパスワード（確認）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="578"/>
        <source>Enter the account name and the first password.</source>
        <translation>アカウント名と最初のパスワードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="580"/>
        <source>The two passwords differ.</source>
        <translation>2つのパスワードが一致しません。</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../desktop/windows/audit.py" line="70"/>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="71"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="72"/>
        <source>Who</source>
        <translation>実行者</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="73"/>
        <location filename="../../desktop/windows/audit.py" line="92"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="74"/>
        <source>Target</source>
        <translation>対象</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="75"/>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="77"/>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="85"/>
        <source>Text in action, target, outcome or details</source>
        <translation>操作・対象・結果・詳細に含まれる文字</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="86"/>
        <source>Search text</source>
        <translation>検索する文字</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="88"/>
        <location filename="../../desktop/windows/audit.py" line="89"/>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="91"/>
        <source>Action (e.g. approved, subscriber)</source>
        <translation>操作（例：承認、登録者）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="201"/>
        <source>(the latest %1; narrow the search)</source>
        <translation>（新しい順に %1 件のみ。条件を絞ってください）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="99"/>
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="102"/>
        <source>To</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="103"/>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="107"/>
        <source>Verify the chain</source>
        <translation>改ざんチェック</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="109"/>
        <source>Export .xlsx…</source>
        <translation>Excel出力…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="116"/>
        <source>from</source>
        <translation>から</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="118"/>
        <source>to</source>
        <translation>まで</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="127"/>
        <source>Audit log</source>
        <translation>操作ログ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="132"/>
        <source>The chosen entry</source>
        <translation>選んだ記録</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="133"/>
        <source>Choose an entry to read it here.</source>
        <translation>記録を選ぶと、ここに内容が表示されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="199"/>
        <source>%1 entries</source>
        <translation>%1 件</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="270"/>
        <source>Checking every entry of the chain…</source>
        <translation>すべての記録を順に確認しています…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="284"/>
        <source>The chain is intact: %1 entries checked, %2 of them signed, against the key file&apos;s %3 public keys and %4 anchors outside the store (the last: %5). Head %6. Not checked: %7</source>
        <translation>改ざんはありません：%1 件を確認し、うち %2 件は署名付きです。鍵ファイルの公開鍵 %3 個と、ストア外のアンカー %4 件（最新：%5）に照合しました。最終記録 %6。確認できなかったこと：%7</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="299"/>
        <source>The chain is broken: %1</source>
        <translation>改ざんまたは欠落があります：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="312"/>
        <source>%1 entries written to %2.</source>
        <translation>%1 件を %2 に書き出しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="328"/>
        <source>Export the audit log</source>
        <translation>操作ログの出力</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="328"/>
        <source>Excel files (*.xlsx)</source>
        <translation>Excelファイル (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <location filename="../../desktop/audit_words.py" line="25"/>
        <source>account added</source>
        <translation>アカウント追加</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="26"/>
        <source>staff contact added</source>
        <translation>職員連絡先の追加</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="27"/>
        <source>staff contacts viewed</source>
        <translation>職員連絡先の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="28"/>
        <source>staff contact removed</source>
        <translation>職員連絡先の削除</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="29"/>
        <source>account deactivated</source>
        <translation>アカウント無効化</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="30"/>
        <source>accounts viewed</source>
        <translation>アカウント一覧の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="31"/>
        <source>password changed</source>
        <translation>パスワード変更</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="32"/>
        <source>password reset</source>
        <translation>パスワード再設定</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="33"/>
        <source>account reactivated</source>
        <translation>アカウント再有効化</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="34"/>
        <source>role changed</source>
        <translation>役割の変更</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="35"/>
        <source>two-step login confirmed</source>
        <translation>二段階認証の確認</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="36"/>
        <source>two-step login turned off</source>
        <translation>二段階認証の解除</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="37"/>
        <source>two-step login set up</source>
        <translation>二段階認証の設定</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="38"/>
        <source>manual alert approved</source>
        <translation>手動配信の承認</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="39"/>
        <source>manual alert cancelled</source>
        <translation>手動配信の取消</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="40"/>
        <source>manual alert written</source>
        <translation>手動配信の作成</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="41"/>
        <source>manual alert edited</source>
        <translation>手動配信の編集</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="42"/>
        <source>manual alert sent alone (emergency)</source>
        <translation>手動配信の単独送信（緊急時）</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="43"/>
        <source>manual alerts viewed</source>
        <translation>手動配信一覧の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="44"/>
        <source>manual alert password mailed</source>
        <translation>手動配信のパスワード送付</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="45"/>
        <source>manual alert previewed</source>
        <translation>手動配信のプレビュー</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="46"/>
        <source>manual alert draft previewed</source>
        <translation>手動配信の下書きのプレビュー</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="47"/>
        <source>manual alert scheduled</source>
        <translation>手動配信の予約</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="48"/>
        <source>manual alert sent</source>
        <translation>手動配信の送信</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="49"/>
        <source>manual alert submitted for approval</source>
        <translation>手動配信の承認依頼</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="50"/>
        <source>manual alert test mail</source>
        <translation>手動配信の試験送信</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="51"/>
        <source>manual alert viewed</source>
        <translation>手動配信の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="52"/>
        <source>audit log checkpoint</source>
        <translation>操作ログの区切り</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="53"/>
        <source>audit log exported</source>
        <translation>操作ログの出力</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="54"/>
        <source>audit log searched</source>
        <translation>操作ログの検索</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="55"/>
        <source>audit log chain verified</source>
        <translation>操作ログの改ざんチェック</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="56"/>
        <source>backup made</source>
        <translation>バックアップ作成</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="57"/>
        <source>backup deleted</source>
        <translation>バックアップ削除</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="58"/>
        <source>backups viewed</source>
        <translation>バックアップ一覧の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="59"/>
        <source>restored from a backup</source>
        <translation>バックアップからの復元</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="60"/>
        <source>backup checked</source>
        <translation>バックアップの検査</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="61"/>
        <source>bounced mail read</source>
        <translation>不達メールの読み取り</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="62"/>
        <source>bounce summary viewed</source>
        <translation>不達集計の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="63"/>
        <source>dashboard viewed</source>
        <translation>ダッシュボードの閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="64"/>
        <source>demo subscribers made</source>
        <translation>デモ登録者の作成</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="65"/>
        <source>dispatch finished</source>
        <translation>配信完了</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="66"/>
        <source>dispatch queued</source>
        <translation>配信の開始</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="67"/>
        <source>dispatch history viewed</source>
        <translation>配信履歴の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="68"/>
        <source>dispatch progress viewed</source>
        <translation>配信状況の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="69"/>
        <source>failed deliveries sent again</source>
        <translation>失敗分の再送</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="70"/>
        <source>dispatch details viewed</source>
        <translation>配信詳細の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="71"/>
        <source>DKIM key made</source>
        <translation>DKIM鍵の作成</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="72"/>
        <source>DKIM record shown</source>
        <translation>DKIMレコードの表示</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="73"/>
        <source>health check run</source>
        <translation>診断の実行</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="74"/>
        <source>all data erased</source>
        <translation>全データの消去</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="75"/>
        <source>erasure certificate issued</source>
        <translation>消去証明書の発行</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="76"/>
        <source>erasure started</source>
        <translation>消去の開始</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="77"/>
        <source>erasure checked</source>
        <translation>消去の確認</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="78"/>
        <source>export approved</source>
        <translation>出力の承認</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="79"/>
        <source>export requests viewed</source>
        <translation>出力依頼一覧の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="80"/>
        <source>export refused</source>
        <translation>出力の却下</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="81"/>
        <source>export requested</source>
        <translation>出力の依頼</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="82"/>
        <source>login</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="83"/>
        <source>login failed</source>
        <translation>ログイン失敗</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="84"/>
        <source>identity confirmed at this workstation</source>
        <translation>この端末での本人確認</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="85"/>
        <source>mailbox viewed</source>
        <translation>メールボックスの閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="86"/>
        <source>mail in the mailbox opened</source>
        <translation>メールボックスのメールの閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="87"/>
        <source>staff notification sent</source>
        <translation>職員通知の送信</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="88"/>
        <source>staff notification test</source>
        <translation>職員通知の試験送信</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="89"/>
        <source>poster saved</source>
        <translation>ポスターの保存</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="90"/>
        <source>poster viewed</source>
        <translation>ポスターの表示</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="91"/>
        <source>bounce handled</source>
        <translation>不達の処理</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="92"/>
        <source>resident changed their topics</source>
        <translation>住民による配信内容の変更</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="93"/>
        <source>registration confirmed</source>
        <translation>登録の確認</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="94"/>
        <source>unconfirmed registration removed</source>
        <translation>未確認の登録の削除</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="95"/>
        <source>registration applied for</source>
        <translation>登録の申し込み</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="96"/>
        <source>registration service started</source>
        <translation>登録受付の開始</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="97"/>
        <source>registration service stopped</source>
        <translation>登録受付の停止</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="98"/>
        <source>unsubscribe by mail</source>
        <translation>メールでの配信停止</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="99"/>
        <source>resident unsubscribed</source>
        <translation>住民による配信停止</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="100"/>
        <source>handling report made</source>
        <translation>対応記録の作成</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="101"/>
        <source>long-inactive subscribers erased</source>
        <translation>長期未利用の登録者の消去</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="102"/>
        <source>expired records removed</source>
        <translation>保存期間切れの記録の削除</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="103"/>
        <source>service stop requested</source>
        <translation>サービス停止の依頼</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="104"/>
        <source>service state checked</source>
        <translation>サービス状態の確認</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="105"/>
        <source>OS service installed</source>
        <translation>OSサービスの登録</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="106"/>
        <source>service started from the desktop</source>
        <translation>画面からのサービス開始</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="107"/>
        <source>service stopped from the desktop</source>
        <translation>画面からのサービス停止</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="108"/>
        <source>service started</source>
        <translation>サービス開始</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="109"/>
        <source>service stopped</source>
        <translation>サービス停止</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="110"/>
        <source>OS service removed</source>
        <translation>OSサービスの登録解除</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="111"/>
        <source>setting changed</source>
        <translation>設定の変更</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="112"/>
        <source>settings viewed</source>
        <translation>設定の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="113"/>
        <source>relay connection test</source>
        <translation>中継サーバーの接続テスト</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="114"/>
        <source>stations changed</source>
        <translation>観測所の変更</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="115"/>
        <source>stations viewed</source>
        <translation>観測所の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="116"/>
        <source>statistics exported</source>
        <translation>統計の出力</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="117"/>
        <source>statistics viewed</source>
        <translation>統計の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="118"/>
        <source>data folder set up</source>
        <translation>データフォルダの作成</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="119"/>
        <source>administrator recovered</source>
        <translation>管理者の回復</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="120"/>
        <source>store key changed</source>
        <translation>暗号鍵の変更</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="121"/>
        <source>new recovery key issued</source>
        <translation>新しい回復キーの発行</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="122"/>
        <source>subscriber added</source>
        <translation>登録者の追加</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="123"/>
        <source>audience counted</source>
        <translation>配信対象の集計</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="124"/>
        <source>subscriber changed</source>
        <translation>登録者の変更</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="125"/>
        <source>subscribers counted</source>
        <translation>登録者数の集計</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="126"/>
        <source>subscriber deleted</source>
        <translation>登録者の削除</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="127"/>
        <source>subscribers exported</source>
        <translation>登録者の出力</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="128"/>
        <source>subscribers imported</source>
        <translation>登録者の一括登録</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="129"/>
        <source>subscribers viewed</source>
        <translation>登録者一覧の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="130"/>
        <source>subscriber viewed</source>
        <translation>登録者の閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="131"/>
        <source>template deleted</source>
        <translation>文面テンプレートの削除</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="132"/>
        <source>template previewed</source>
        <translation>文面テンプレートのプレビュー</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="133"/>
        <source>template saved</source>
        <translation>文面テンプレートの保存</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="134"/>
        <source>template viewed</source>
        <translation>文面テンプレートの閲覧</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="140"/>
        <source>accepted</source>
        <translation>受付</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="141"/>
        <source>added</source>
        <translation>追加件数</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="142"/>
        <source>alert</source>
        <translation>情報</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="143"/>
        <source>anchors</source>
        <translation>アンカー</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="144"/>
        <source>approval voided</source>
        <translation>承認の取消</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="145"/>
        <source>audience</source>
        <translation>配信対象</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="146"/>
        <source>category</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="147"/>
        <source>password change at first login</source>
        <translation>初回ログイン時のパスワード変更</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="148"/>
        <source>changed</source>
        <translation>変更</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="149"/>
        <source>channel</source>
        <translation>経路</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="150"/>
        <source>characters</source>
        <translation>文字数</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="151"/>
        <source>checked</source>
        <translation>確認件数</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="152"/>
        <source>contacts</source>
        <translation>連絡先</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="153"/>
        <source>content hash</source>
        <translation>内容のハッシュ</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="154"/>
        <source>correction of</source>
        <translation>訂正元</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="155"/>
        <source>days</source>
        <translation>日数</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="156"/>
        <source>emergency</source>
        <translation>緊急</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="157"/>
        <source>erased</source>
        <translation>消去件数</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="158"/>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="159"/>
        <source>exercise</source>
        <translation>訓練</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="160"/>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="161"/>
        <source>formats</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="162"/>
        <source>from</source>
        <translation>開始</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="163"/>
        <source>id</source>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="164"/>
        <source>label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="165"/>
        <source>languages</source>
        <translation>言語</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="166"/>
        <source>once</source>
        <translation>一回のみ</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="167"/>
        <source>one click</source>
        <translation>ワンクリック</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="168"/>
        <source>outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="169"/>
        <source>previous hash</source>
        <translation>以前のハッシュ</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="170"/>
        <source>problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="171"/>
        <source>reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="172"/>
        <source>recipients</source>
        <translation>配信対象数</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="173"/>
        <source>refused</source>
        <translation>拒否</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="174"/>
        <source>removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="175"/>
        <source>sent again (in doubt)</source>
        <translation>再送（未確認分）</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="176"/>
        <source>revision</source>
        <translation>版</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="177"/>
        <source>role</source>
        <translation>役割</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="178"/>
        <source>rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="179"/>
        <source>sent</source>
        <translation>送信</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="180"/>
        <source>shown</source>
        <translation>表示件数</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="181"/>
        <source>signed</source>
        <translation>署名付き</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="182"/>
        <source>source</source>
        <translation>情報源</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="183"/>
        <source>status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="184"/>
        <source>subscribers</source>
        <translation>登録者</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="185"/>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="186"/>
        <source>to</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="187"/>
        <source>topics</source>
        <translation>情報の種類</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="188"/>
        <source>typed, not saved</source>
        <translation>入力中（未保存）の項目</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="189"/>
        <source>value</source>
        <translation>値</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="190"/>
        <source>via</source>
        <translation>経由</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="195"/>
        <source>done</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="196"/>
        <source>refused (no permission)</source>
        <translation>拒否（権限なし）</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="197"/>
        <source>problems found</source>
        <translation>問題あり</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="198"/>
        <source>wrong two-step code</source>
        <translation>二段階認証コードの誤り</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="204"/>
        <source>account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="205"/>
        <source>manual alert</source>
        <translation>手動配信</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="206"/>
        <source>backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="207"/>
        <source>dispatch</source>
        <translation>配信</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="208"/>
        <source>export</source>
        <translation>出力</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="209"/>
        <source>setting</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="210"/>
        <source>subscriber</source>
        <translation>登録者</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="211"/>
        <source>template</source>
        <translation>文面テンプレート</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="231"/>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="233"/>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
</context>
<context>
    <name>BackupsBox</name>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="59"/>
        <source>Backups and restore</source>
        <extracomment>The log viewer shows the end of the log file: this many bytes at most.</extracomment>
        <translation>バックアップと復元</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="64"/>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="65"/>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="66"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="67"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="68"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="72"/>
        <source>Backups</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="75"/>
        <source>Back up now</source>
        <translation>今すぐバックアップ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="77"/>
        <source>Verify</source>
        <translation>検証</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="79"/>
        <source>Restore…</source>
        <translation>復元…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="90"/>
        <source>Encrypted copies of the data, checked when written. A backup is made every night by the service; make one now before a big change.</source>
        <translation>データの暗号化コピーです（書き込み時に検査済み）。サービスが毎晩作成します。大きな変更の前には今すぐ作成してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="119"/>
        <source>Working… the program stays usable.</source>
        <translation>処理中です…その間もプログラムは使えます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="143"/>
        <source>Backup %1 written and checked.</source>
        <translation>バックアップ %1 を書き込み、検査しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="149"/>
        <location filename="../../desktop/windows/maintenance.py" line="178"/>
        <source>Select a backup first.</source>
        <translation>先にバックアップを選んでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="153"/>
        <source>Backup %1 is complete and opens with this store&apos;s key.</source>
        <translation>バックアップ %1 は完全で、このデータの鍵で開けます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="162"/>
        <source>Restore a backup: this replaces the subscribers and alerts</source>
        <translation>バックアップの復元：登録者と配信の記録が置き換わります</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="164"/>
        <source>Restoring %1 REPLACES the subscribers, settings, alerts and delivery records with the backup&apos;s; changes since the backup are lost. Residents erased or stopped since stay so; staff accounts, keys and the audit log are not changed. A safety backup of the current data is made first and kept until you delete it. The service must be stopped.

Type RESTORE to continue.</source>
        <translation>%1 を復元すると、登録者・設定・配信・配信記録がバックアップの内容に置き換わり、バックアップ以降の変更は失われます。その後に消去・配信停止された住民はそのままです。職員アカウント・鍵・操作ログは変わりません。先に現在のデータの安全用バックアップを作り、削除するまで残します。サービスは停止しておく必要があります。

続けるには RESTORE と入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="181"/>
        <source>Restore cancelled; nothing was changed.</source>
        <translation>復元を取りやめました。何も変更していません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="189"/>
        <source>The data was restored from %1. Log out and in again to see it everywhere.</source>
        <translation>%1 からデータを復元しました。すべての画面に反映するには、ログアウトして再度ログインしてください。</translation>
    </message>
</context>
<context>
    <name>BounceSettingsBox</name>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="204"/>
        <source>Bounces of alert mail</source>
        <translation>配信メールの不達通知</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="207"/>
        <source>Alert mail goes out with a return address of its own per delivery; the carriers&apos; bounces come back to this mailbox, which is read and never emptied of mail that is not a bounce of ours.</source>
        <translation>配信メールは1通ごとに固有の返送先アドレスで送られ、キャリアからの不達通知はこのメールボックスに戻ります。このメールボックスを読みますが、当方の不達通知以外のメールは消しません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="215"/>
        <source>Mailbox server (IMAP; empty: not read)</source>
        <translation>メールボックスのサーバー（IMAP。空欄：読まない）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="216"/>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="217"/>
        <source>Security</source>
        <translation>セキュリティ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="218"/>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="219"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="220"/>
        <source>CA file (PEM)</source>
        <translation>CAファイル（PEM）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="221"/>
        <source>Folder</source>
        <translation>フォルダ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="222"/>
        <source>Seconds between reads</source>
        <translation>読み取りの間隔（秒）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="223"/>
        <source>Hard bounces that suspend an address</source>
        <translation>配信を一時停止する恒久的な不達の回数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="224"/>
        <source>…counted over the last (days)</source>
        <translation>…数える期間（直近の日数）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="226"/>
        <source>Suspend at once when the address does not exist</source>
        <translation>アドレスが存在しないときはすぐ一時停止</translation>
    </message>
</context>
<context>
    <name>CarrierGroupsBox</name>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="235"/>
        <source>Carrier pacing</source>
        <translation>キャリア別の送信速度</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="238"/>
        <source>How fast mail to each mobile carrier may go. Tune the figures with the relay&apos;s operator; other domains have no limit of their own. Recipients per second or per session empty: no limit.</source>
        <translation>携帯キャリアごとに、どれだけの速さで送ってよいかを決めます。数値は中継サーバーの運用者と相談して調整してください。その他のドメインには個別の上限はありません。「毎秒の宛先数」「1接続あたりの宛先数」は空欄で上限なしです。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="247"/>
        <source>Carrier groups</source>
        <translation>キャリアのグループ</translation>
    </message>
</context>
<context>
    <name>CarrierGroupsEditor</name>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="48"/>
        <source>Group</source>
        <extracomment>The columns of a carrier group: its key in the setting&apos;s JSON.</extracomment>
        <translation>グループ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="49"/>
        <source>Domains</source>
        <translation>ドメイン</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="50"/>
        <source>Recipients per second</source>
        <translation>毎秒の宛先数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="51"/>
        <source>Recipients per session</source>
        <translation>1接続あたりの宛先数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="52"/>
        <source>Soft-bounce retries</source>
        <translation>一時的な不達の再送回数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="53"/>
        <source>Minutes between retries</source>
        <translation>再送の間隔（分）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="56"/>
        <source>Carrier groups</source>
        <translation>キャリアのグループ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="63"/>
        <source>Add a group</source>
        <translation>グループを追加</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="65"/>
        <source>Remove the selected group</source>
        <translation>選んだグループを削除</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="150"/>
        <source>Carrier group %1 (row %2)</source>
        <translation>キャリアのグループ %1（%2 行目）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="154"/>
        <source>: give a name of a-z, 0-9, - or _ (not &apos;other&apos;).</source>
        <translation>：名前は半角の a-z・0-9・-・_ で付けてください（other は使えません）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="156"/>
        <source>: this name is given twice.</source>
        <translation>：同じ名前が2回あります。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="161"/>
        <source>: give its mail domains, e.g. docomo.ne.jp, separated by commas.</source>
        <translation>：メールのドメインを docomo.ne.jp のように、カンマで区切って入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="169"/>
        <source>recipients per second</source>
        <translation>毎秒の宛先数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="170"/>
        <source>recipients per session</source>
        <translation>1接続あたりの宛先数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="171"/>
        <source>soft-bounce retries</source>
        <translation>一時的な不達の再送回数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="172"/>
        <source>minutes between retries</source>
        <translation>再送の間隔（分）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="180"/>
        <source>: %1 must be a whole number from %2 to %3.</source>
        <translation>：%1 は %2〜%3 の整数にしてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="182"/>
        <source>: %1 must be a number from %2 to %3, or empty for no limit.</source>
        <translation>：%1 は %2〜%3 の数にするか、上限なしなら空欄にしてください。</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <location filename="../../desktop/widgets/common.py" line="290"/>
        <source>Cancel</source>
        <extracomment>The keyboard focus, visible on every focusable widget: a 3 px blue ring (Fusion&apos;s own is a 1 px line a tired eye misses on a button). Only ``:focus`` rules, so the rest keeps the platform&apos;s look; the padding matches the unfocused widget, so nothing moves when focus does. Spin boxes are filled light blue instead (a border there hides their arrows).</extracomment>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="201"/>
        <source>Add a notification address</source>
        <translation>通知先を追加</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="205"/>
        <source>e.g. duty-phone@docomo.ne.jp</source>
        <translation>例：duty-phone@docomo.ne.jp</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="207"/>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="208"/>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
</context>
<context>
    <name>ContactsBox</name>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="50"/>
        <location filename="../../desktop/windows/staff_contacts.py" line="71"/>
        <source>Staff notification addresses</source>
        <extracomment>The list was (re)loaded: the number of addresses. An add, a removal or a test ended: its result, or the exception.</extracomment>
        <translation>職員への通知先</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="57"/>
        <source>Where kishomail tells the staff of a failure or a serious warning (a duty phone, the office mailbox). Which roles receive which notification is the setting notify.routes.</source>
        <extracomment>The active accounts (loaded with the list), offered when adding an address.</extracomment>
        <translation>障害や重大な警報を職員に知らせるメールアドレスです（当直携帯、課の共有メールボックスなど）。どの役割がどの通知を受け取るかは、管理者マニュアル「職員への通知」を参照してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="65"/>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="66"/>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="67"/>
        <source>Added</source>
        <translation>追加日時</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="74"/>
        <source>Add an address…</source>
        <translation>通知先を追加…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="76"/>
        <source>Remove the address</source>
        <translation>通知先を削除</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="78"/>
        <source>Send a test notification</source>
        <translation>試験通知を送る</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="80"/>
        <source>One test mail to every address, through the relay (or the second relay).</source>
        <translation>すべての通知先へ試験メールを1通ずつ、中継サーバ（または予備の中継サーバ）経由で送ります。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="130"/>
        <source>%1 now receives notifications at %2.</source>
        <translation>%1 への通知を %2 に送るようにしました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="138"/>
        <source>Select an address first.</source>
        <translation>先に通知先を選んでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="142"/>
        <source>Remove a notification address</source>
        <translation>通知先の削除</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="143"/>
        <source>Stop sending staff notifications for %1 to %2?</source>
        <translation>%1 への職員通知を %2 に送るのをやめますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="146"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="152"/>
        <source>The address was removed.</source>
        <translation>通知先を削除しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="163"/>
        <source>Test notification: no relay is set, so it went into this PC&apos;s local mailbox (tab &quot;Mailbox&quot;) and reached no phone.</source>
        <translation>試験通知：中継サーバーが未設定のため、このPCのローカルメールボックス（「メールボックス」タブ）に入りました。携帯電話には届いていません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="168"/>
        <source>Test notification: %1 of %2 addresses accepted it.</source>
        <translation>試験通知：%2 件の通知先のうち %1 件が受け付けられました。</translation>
    </message>
</context>
<context>
    <name>CoreWords</name>
    <message>
        <location filename="../../desktop/core_words.py" line="52"/>
        <source>An e-mail address cannot contain a line break.</source>
        <translation>メールアドレスに改行は入れられません。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="56"/>
        <source>The e-mail address is empty.</source>
        <translation>メールアドレスが入力されていません。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="60"/>
        <source>The e-mail address is longer than 254 characters.</source>
        <translation>メールアドレスが254文字を超えています。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="64"/>
        <source>An e-mail address has exactly one &apos;@&apos;.</source>
        <translation>メールアドレスには「@」がちょうど1つ必要です。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="69"/>
        <source>The part before &apos;@&apos; may hold only half-width letters, digits, dots and !#$%&amp;&apos;*+/=?^_`{|}~-, and may not start with a dot.</source>
        <translation>「@」より前に使えるのは半角の英字・数字・ドットと記号 !#$%&amp;&apos;*+/=?^_`{|}~- だけで、ドットで始めることはできません。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="76"/>
        <source>The part after &apos;@&apos; is not a valid domain name; check the spelling.</source>
        <translation>「@」より後ろがドメイン名として正しくありません。つづりを確かめてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="81"/>
        <source>The domain after &apos;@&apos; does not end in a real top-level domain.</source>
        <translation>「@」より後ろのドメインが、実在するトップレベルドメイン（.jp など）で終わっていません。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="86"/>
        <source>This address is already registered; change the existing entry instead.</source>
        <translation>このアドレスはすでに登録されています。既存の登録を変更してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="96"/>
        <source>Choose at least one topic (warnings, rain, river or Kanda River).</source>
        <translation>配信内容（気象警報・雨量・河川水位・神田川洪水予報）を1つ以上選んでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="101"/>
        <source>Choose at least one river station, or all.</source>
        <translation>水位観測所を1つ以上選ぶか、「すべて」を選んでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="106"/>
        <source>The rain threshold must be one of %1 mm/h, not %2.</source>
        <translation>雨量のしきい値は %1 mm/h のいずれかです（%2 は選べません）。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="111"/>
        <source>Quiet hours are times of day between 00:00 and 23:59.</source>
        <translation>配信停止時間帯は 00:00〜23:59 の時刻で入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="115"/>
        <source>Quiet hours need a start and an end that differ.</source>
        <translation>配信停止時間帯の開始と終了は別の時刻にしてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="119"/>
        <source>Quiet hours must look like 22:00-06:00, not %1.</source>
        <translation>配信停止時間帯は 22:00-06:00 の形で入力してください（入力：%1）。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="124"/>
        <source>Unknown river %1; choose from Kanda, Zenpukuji or Myoshoji.</source>
        <translation>河川 %1 はありません。神田川・善福寺川・妙正寺川から選んでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="130"/>
        <source>Unknown topic %1; choose from warnings, rain, river or kanda.</source>
        <translation>配信内容 %1 はありません。気象警報・雨量・河川水位・神田川洪水予報から選んでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="136"/>
        <source>Unknown river station %1; choose from %2 or all.</source>
        <translation>水位観測所 %1 はありません。%2 または「すべて」から選んでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="146"/>
        <source>unknown topic %1</source>
        <translation>配信内容 %1 が読めません</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="150"/>
        <source>unknown language %1 (ja, en, やさしい日本語)</source>
        <translation>言語 %1 が読めません（日本語・英語・やさしい日本語）</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="155"/>
        <source>unknown warning level %1 (注意報/警報/危険警報/特別警報)</source>
        <translation>警報レベル %1 が読めません（注意報・警報・危険警報・特別警報）</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="161"/>
        <source>unknown river stage %1 (氾濫注意/避難判断/氾濫危険)</source>
        <translation>水位段階 %1 が読めません（氾濫注意・避難判断・氾濫危険）</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="167"/>
        <source>the rain threshold %1 is not a whole number of mm/h</source>
        <translation>雨量のしきい値 %1 が mm/h の整数ではありません</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="172"/>
        <source>the rain threshold %1 is not one of %2 mm/h</source>
        <translation>雨量のしきい値 %1 は選べません（%2 mm/h のいずれか）</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="176"/>
        <source>the consent time %1 is not a date and time</source>
        <translation>登録日時 %1 が日時として読めません</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="180"/>
        <source>river stations are chosen but the river topic is not</source>
        <translation>水位観測所が指定されていますが、配信内容に河川水位がありません</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="184"/>
        <source>repeats the address of line %1</source>
        <translation>%1 行目と同じアドレスです</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="194"/>
        <source>%1: a line break or another control character is not allowed</source>
        <translation>%1：改行などの制御文字は使えません</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="199"/>
        <source>%1: not a plain half-width address or link</source>
        <translation>%1：半角のアドレスまたはリンクの形になっていません</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="204"/>
        <source>Give the attachment&apos;s file name only, without a folder (no / or \).</source>
        <translation>添付ファイルは、フォルダを含めずファイル名だけにしてください（/ や \ は使えません）。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="209"/>
        <source>The attachment needs a file name.</source>
        <translation>添付ファイルに名前がありません。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="214"/>
        <source>The attachment&apos;s file name may have at most %1 characters.</source>
        <translation>添付ファイルの名前は %1 文字以内にしてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="220"/>
        <source>Attachment %1: %2 is not a file type (e.g. application/pdf).</source>
        <translation>添付ファイル %1：%2 はファイルの種類として使えません（例：application/pdf）。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="227"/>
        <source>Attachment %1 is empty.</source>
        <translation>添付ファイル %1 は空です。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="235"/>
        <source>The attachments (%1 MB) take %2 MB in the mail; the mobile carriers refuse mail over %3 MB, so many residents would get nothing. Send a smaller file, or put it on the ward&apos;s web page and give its address.</source>
        <translation>添付ファイル（%1 MB）はメールでは %2 MB になります。携帯キャリアは %3 MB を超えるメールを受け付けないため、多くの区民に届きません。小さいファイルにするか、区のウェブページに載せてそのアドレスを書いてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="256"/>
        <source>%1 could not be read (%2). It is tried again by itself; check the network, the proxy and the feed address in Settings.</source>
        <translation>%1 を読み込めませんでした（%2）。自動で再試行します。ネットワーク、プロキシ、設定のフィードのアドレスを確認してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="265"/>
        <source>%1 is not a usable Atom feed (%2).</source>
        <translation>%1 は使えるAtomフィードではありません（%2）。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="270"/>
        <source>The gauge file %1 could not be read (%2): see the feeds manual.</source>
        <translation>観測値のファイル %1 を読めませんでした（%2）。フィードの手引きを参照してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="284"/>
        <source>The telegram %1 could not be read (%2): only JMA&apos;s 防災情報XML telegrams, unmodified, are taken.</source>
        <translation>電文 %1 を読めませんでした（%2）。気象庁の防災情報XMLの電文を、手を加えずにそのまま取り込みます。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="295"/>
        <source>The telegram %1 could not be stored (%2); it is taken again at the next poll. Check the disk of the data folder.</source>
        <translation>電文 %1 を保存できませんでした（%2）。次の受信でもう一度取り込みます。データフォルダのディスクを確認してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="305"/>
        <source>This is not a valid recovery key: a character is mistyped or missing. Type it again exactly as it was printed.</source>
        <translation>回復キーとして正しくありません。文字の打ち間違いか抜けがあります。印刷されたとおりにもう一度入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="312"/>
        <source>This recovery key belongs to another data folder, not this one.</source>
        <translation>この回復キーは別のデータフォルダのもので、このデータフォルダのものではありません。</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="317"/>
        <source>The scheduled manual alerts could not be queued.</source>
        <translation>予約された手動配信を送信待ちにできませんでした。</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../desktop/errors.py" line="221"/>
        <source>kishomail: unexpected error</source>
        <translation>kishomail：予期しないエラー</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="223"/>
        <source>Something unexpected went wrong. The details are in the log file in %1. The work in progress continues; if this repeats, tell the system administrator.</source>
        <translation>予期しないエラーが発生しました。詳細は %1 のログファイルにあります。作業は続けられます。繰り返す場合はシステム担当者に連絡してください。</translation>
    </message>
</context>
<context>
    <name>CrashTraceDialog</name>
    <message>
        <location filename="../../desktop/dialogs/crash.py" line="26"/>
        <source>kishomail stopped unexpectedly last time</source>
        <translation>前回、気象メールが予期せず停止しました</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crash.py" line="30"/>
        <source>The last time kishomail ran, an unexpected error happened. Give this text to the system administrator (Copy), or send the file from the log folder %1.</source>
        <translation>前回の実行中に予期しないエラーが起きました。この内容をシステム管理者に渡してください（「コピー」）。ログフォルダ %1 のファイルを送ることもできます。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crash.py" line="38"/>
        <source>Error details</source>
        <translation>エラーの詳細</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crash.py" line="40"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crash.py" line="41"/>
        <source>Open folder</source>
        <translation>フォルダを開く</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="86"/>
        <source>Service state</source>
        <extracomment>A new alert was shown (title) — tests and the tray use it. A staff notification reached not every contact: shown and sounded. The sound on a new レベル４+ warning (set by the main window; on by default). The banner&apos;s 警戒レベル (0: none), so a 解除 does not hide a レベル４ in force. When the last poll failed (monotonic seconds) and the poll interval in seconds.</extracomment>
        <translation>サービスの状態</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="88"/>
        <source>Start the service</source>
        <translation>サービス開始</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="91"/>
        <source>Poll the feed and send alerts (Ctrl+Shift+S)</source>
        <translation>防災情報の監視とメール配信を始めます（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="93"/>
        <location filename="../../desktop/windows/dashboard.py" line="414"/>
        <source>Stop the service</source>
        <translation>サービス停止</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="101"/>
        <source>Engine health</source>
        <translation>エンジンの状態</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="110"/>
        <source>Level</source>
        <translation>レベル</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="115"/>
        <source>Warning / forecast</source>
        <translation>警報・予報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="116"/>
        <source>Area</source>
        <translation>地域</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="117"/>
        <source>Since</source>
        <translation>発表時刻</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="121"/>
        <source>Warnings in force</source>
        <translation>発表中の警報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="124"/>
        <source>No warning or advisory is in force for the ward.</source>
        <translation>区に発表中の警報・注意報はありません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="126"/>
        <source>In force now</source>
        <translation>発表中の警報・注意報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="132"/>
        <source>Reading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="137"/>
        <source>Feed</source>
        <translation>防災情報の受信</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="147"/>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="148"/>
        <source>Station</source>
        <translation>観測所</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="150"/>
        <source>Last reading</source>
        <translation>最後の観測値</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="151"/>
        <source>none yet</source>
        <translation>まだなし</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="154"/>
        <source>Age</source>
        <translation>経過</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="162"/>
        <source>Gauge sources</source>
        <translation>観測元</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="165"/>
        <location filename="../../desktop/windows/dashboard.py" line="572"/>
        <source>Gauges</source>
        <translation>観測所</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="177"/>
        <location filename="../../desktop/windows/dashboard.py" line="208"/>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="178"/>
        <location filename="../../desktop/windows/dashboard.py" line="210"/>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="180"/>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="185"/>
        <source>Rate</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="187"/>
        <source>%1 /s</source>
        <translation>%1 通/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="191"/>
        <source>Time left</source>
        <translation>残り時間</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="195"/>
        <source>Dispatches running</source>
        <translation>配信中の一覧</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="199"/>
        <source>No dispatch is running.</source>
        <translation>配信中のものはありません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="200"/>
        <location filename="../../desktop/windows/dashboard.py" line="422"/>
        <source>Sending now</source>
        <translation>配信中</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="209"/>
        <source>Detected</source>
        <translation>検知時刻</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="211"/>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="215"/>
        <source>Last alerts</source>
        <translation>最近の配信</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="217"/>
        <source>Last alerts and their outcome</source>
        <translation>最近の配信と結果</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="260"/>
        <source>%1 mm/h</source>
        <translation>%1 mm/h</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="270"/>
        <location filename="../../desktop/windows/dashboard.py" line="433"/>
        <source>%1 (exercise)</source>
        <translation>%1（訓練）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="274"/>
        <source>AMeDAS (rain)</source>
        <translation>アメダス（雨量）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="275"/>
        <source>MLIT crisis gauges (water level)</source>
        <translation>危機管理型水位計（水位）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="276"/>
        <source>Office CSV</source>
        <translation>課のCSV</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="281"/>
        <source>stale</source>
        <translation>古い</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="282"/>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="283"/>
        <source>%1 (stale)</source>
        <translation>%1（古い）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="298"/>
        <source>sending: %1 of %2</source>
        <translation>送信中：%2 件中 %1 件</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="306"/>
        <source>%1 sent, %2 failed</source>
        <translation>送信 %1 件、失敗 %2 件</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="315"/>
        <source>cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="303"/>
        <location filename="../../desktop/windows/dashboard.py" line="316"/>
        <source>%1 sent</source>
        <translation>送信 %1 件</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="265"/>
        <source>Advisory</source>
        <translation>注意報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="266"/>
        <source>Warning</source>
        <translation>警報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="267"/>
        <source>Danger warning</source>
        <translation>危険警報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="268"/>
        <source>Emergency warning</source>
        <translation>特別警報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="287"/>
        <source>Warning level %1</source>
        <translation>警戒レベル%1相当</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="311"/>
        <source>, %1 not sent as superseded</source>
        <translation>、差し替えのため送信せず %1 件</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="332"/>
        <source>Service stopped: no feed is read and nothing is sent.</source>
        <translation>サービス停止中：防災情報を受信せず、メールも送りません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="333"/>
        <source>Service starting…</source>
        <translation>サービス開始中…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="328"/>
        <location filename="../../desktop/windows/dashboard.py" line="334"/>
        <source>Service running: the feed is read and alerts are sent.</source>
        <translation>サービス稼働中：防災情報を監視し、該当者へ配信します。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="335"/>
        <source>Service stopping (finishing the current batch)…</source>
        <translation>サービス停止中（送信中の分を終えてから止まります）…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="325"/>
        <source>Service running (the OS service of this computer): the feed is read and alerts are sent, whoever is logged in.</source>
        <translation>サービス稼働中（このコンピューターのOSサービス）：誰がログインしていても、防災情報を監視し、該当者へ配信します。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="371"/>
        <source>Last successful poll: none yet.</source>
        <translation>最後に成功した受信：まだありません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="375"/>
        <source>Last successful poll: %1 (%2 ago).</source>
        <translation>最後に成功した受信：%1（%2前）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="380"/>
        <source>Feed: failing (%1).</source>
        <translation>防災情報の受信：失敗しています（%1）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="382"/>
        <source>Feed: ok.</source>
        <translation>防災情報の受信：正常。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="384"/>
        <source>Mail relay: failing (%1).</source>
        <translation>中継サーバー：使えません（%1）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="386"/>
        <source>Mail relay: nothing sent yet.</source>
        <translation>中継サーバー：まだ送信していません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="388"/>
        <source>Mail relay: ok.</source>
        <translation>中継サーバー：正常。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="389"/>
        <source>Waiting to be sent: %1.</source>
        <translation>送信待ち：%1 件。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="405"/>
        <source>The OS service of this computer stops: no feed is read and no alert is sent, for every staff member, until it is started again (also after a restart of the computer it starts by itself).</source>
        <translation>このコンピューターのOSサービスが停止します。再び開始するまで、どの職員の画面からも防災情報を受信せず、メールも送りません（コンピューターを再起動すると自動で開始します）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="411"/>
        <source>The service running in the background on this computer (process %1) stops: no feed is read and no alert is sent until it is started again.</source>
        <translation>このコンピューターのバックグラウンドで動いているサービス（プロセス %1）が停止します。再び開始するまで、防災情報を受信せず、メールも送りません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="414"/>
        <source>Stop the service?</source>
        <translation>サービスを停止しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="420"/>
        <source>Not finished: sent when the service runs again</source>
        <translation>未完了（サービスを再開すると送信されます）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="503"/>
        <source>Service running, but the feed cannot be read: no new warning arrives. See the feed error below.</source>
        <translation>サービス稼働中ですが、フィードを読めません：新しい警報が届きません。下のフィードのエラーを見てください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="572"/>
        <source>Gauges: %1 stale</source>
        <translation>観測所：%1 か所の観測値が古い</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="352"/>
        <source>No mail relay is set: mail goes only into the local mailbox on this computer (tab &quot;Mailbox&quot;). Nothing reaches residents.</source>
        <translation>メール中継サーバーが未設定です：メールはこのパソコン内のローカルメールボックス（「メールボックス」タブ）にだけ届き、区民には届きません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="436"/>
        <source>New alert: %1 — %2 recipients</source>
        <translation>新しい情報：%1 — 配信対象 %2 人</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="460"/>
        <source>New warning</source>
        <translation>新しい警報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="467"/>
        <source>Scheduled manual alert sent out: %1 — %2 recipients</source>
        <translation>予約した手動配信の送信を始めました：%1 — 配信対象 %2 人</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="484"/>
        <source>Last feed error: %1</source>
        <translation>最後の受信エラー：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/engine_troubles.py" line="21"/>
        <source>The mail relay could not be used; sending is retried in a minute. (%1)</source>
        <translation>メール中継サーバーに接続できません。1分後に再送します。（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/engine_troubles.py" line="26"/>
        <source>The daily backup failed: no new backup was made. Check the backup folder and its disk, then press &quot;Back up now&quot; (tab &quot;Settings&quot;). (%1)</source>
        <translation>毎日のバックアップに失敗しました。新しいバックアップは作られていません。バックアップ先のフォルダとそのディスクを確認してから、「今すぐバックアップ」（「設定」タブ）を押してください。（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/engine_troubles.py" line="33"/>
        <source>A staff notification did not reach the duty phones: 「%1」 reached %2 of %3 contacts (relay and second relay failed). Check the mail relay, and tell the duty officers by telephone.</source>
        <translation>職員への通知が当直携帯に届いていません：「%1」は %3 件の通知先のうち %2 件にしか届きませんでした（中継サーバも予備の中継サーバも失敗）。中継サーバを確認し、当直職員には電話で伝えてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="546"/>
        <source>Last telegram: %1 (%2). %3 telegrams stored.</source>
        <translation>最後の電文：%1（%2）。保存済み電文 %3 件。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="552"/>
        <source>No telegram received yet.</source>
        <translation>まだ電文を受信していません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="554"/>
        <source>the bundled demo telegrams</source>
        <translation>同梱のデモ電文</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="558"/>
        <source>Source: %1, every %2 s</source>
        <translation>受信元：%1（%2 秒ごと）</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <location filename="../../desktop/errors.py" line="64"/>
        <source>Something unexpected went wrong: %1</source>
        <extracomment>The last unexpected error&apos;s trace, offered on the next start (then renamed to SEEN).</extracomment>
        <translation>予期しないエラーが発生しました：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="79"/>
        <source>The account name or the password is wrong. Check both and try again.</source>
        <translation>アカウント名またはパスワードが違います。両方を確かめて、もう一度入力してください。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/errors.py" line="84"/>
        <source>This account is locked after too many failed logins. Try again in %n second(s), or ask an administrator.</source>
        <translation>
            <numerusform>ログインの失敗が続いたため、このアカウントはロックされています。%n 秒後にもう一度試すか、管理者に連絡してください。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="89"/>
        <source>This account is locked after too many failed logins.</source>
        <translation>ログインの失敗が続いたため、このアカウントはロックされています。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="92"/>
        <source>This account has been deactivated. Ask an administrator to reactivate it.</source>
        <translation>このアカウントは無効になっています。管理者に再有効化を依頼してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="95"/>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation>認証アプリに表示される6桁のコードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="98"/>
        <source>Two-step login is required for every account. Ask an administrator to set it up for you.</source>
        <translation>すべてのアカウントで二段階ログインが必須です。管理者に設定を依頼してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="107"/>
        <source>The key file (kishomail.keys) is missing from the data folder. Without it the data cannot be opened: restore the key file from your backup into that folder.</source>
        <translation>データフォルダに鍵ファイル（kishomail.keys）がありません。鍵ファイルがないとデータを開けません。バックアップから鍵ファイルをそのフォルダに戻してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="111"/>
        <source>The key file (kishomail.keys) is damaged. Restore it from a backup.</source>
        <translation>鍵ファイル（kishomail.keys）が壊れています。バックアップから戻してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="114"/>
        <source>Another kishomail program is changing the key file (a login, a password change or a re-encryption). Nothing was changed; try again when it has finished.</source>
        <translation>別の kishomail が鍵ファイルを変更中です（ログイン、パスワード変更または再暗号化）。何も変更していません。終わってからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="118"/>
        <source>There is no kishomail data in this folder.</source>
        <translation>このフォルダには kishomail のデータがありません。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="120"/>
        <source>This folder holds a database that is not kishomail&apos;s.</source>
        <translation>このフォルダには kishomail 以外のデータベースがあります。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="122"/>
        <source>The data was written by a newer kishomail. Update this program.</source>
        <translation>このデータは新しい版の kishomail で作られています。プログラムを更新してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="125"/>
        <source>The data is busy: another kishomail program has been writing to it for more than 10 seconds. Nothing was changed; try again in a minute.</source>
        <translation>データが使用中です：別の kishomail が 10 秒を超えて書き込みを続けています。何も変更していません。1 分ほどしてからやり直してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="130"/>
        <source>The data cannot be written: the disk is full (or the folder cannot be written). Nothing was changed. Free space on that disk and try again.</source>
        <translation>データを書き込めません：ディスクが満杯です（またはフォルダに書き込めません）。何も変更していません。ディスクの空きを作ってからやり直してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="141"/>
        <source>The relay&apos;s certificate is not trusted or not made out to its host name. Check the host name and the CA file. Nothing was sent.</source>
        <translation>中継サーバーの証明書を信頼できないか、証明書がそのホスト名のものではありません。ホスト名とCAファイルを確かめてください。何も送信していません。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="146"/>
        <source>The relay does not offer STARTTLS, so kishomail did not log in or send (never without encryption). Check the security choice and the port.</source>
        <translation>中継サーバーが STARTTLS に対応していないため、ログインも送信もしていません（暗号化なしでは送りません）。セキュリティの方式とポートを確かめてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="151"/>
        <source>The encrypted connection to the relay failed. Check that the security choice (STARTTLS or implicit TLS) matches the port.</source>
        <translation>中継サーバーとの暗号化接続に失敗しました。セキュリティの方式（STARTTLS か暗黙の TLS）とポートが合っているか確かめてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="156"/>
        <source>The relay refused the user name or the password. Check both in Settings.</source>
        <translation>中継サーバーがユーザー名またはパスワードを受け付けませんでした。設定で両方を確かめてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="159"/>
        <source>The relay could not be reached or refused the connection. Check the host name, the port and the network, and try again in a few minutes. Nothing was sent.</source>
        <translation>中継サーバーに接続できません（接続を拒否されました）。ホスト名・ポート・ネットワークを確かめ、数分後にもう一度試してください。何も送信していません。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="166"/>
        <source>This backup does not open with this data&apos;s key: it belongs to other data or was made before a key change. Choose another backup, or restore with the recovery key of that time (administrator manual). Nothing was changed.</source>
        <translation>このバックアップは、このデータの鍵では開けません。別のデータのものか、鍵を変更する前に作られたものです。別のバックアップを選ぶか、当時の回復キーで復元してください（管理者マニュアル）。何も変更していません。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="171"/>
        <source>This backup is damaged or incomplete: it cannot be used. Choose another backup. Nothing was changed.</source>
        <translation>このバックアップは壊れているか不完全なため、使えません。別のバックアップを選んでください。何も変更していません。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="178"/>
        <source>Your role may not do this. Ask a colleague with that role.</source>
        <translation>あなたの役割ではこの操作はできません。権限のある職員に依頼してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="183"/>
        <source>This cannot be done now: %1</source>
        <translation>今は実行できません：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="180"/>
        <source>It no longer exists (someone may have deleted it).</source>
        <translation>既に存在しません（他の職員が削除した可能性があります）。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="185"/>
        <source>Please check the input: %1</source>
        <translation>入力を確認してください：%1</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../desktop/windows/history.py" line="61"/>
        <source>No.</source>
        <extracomment>Failed deliveries were queued again: how many. The chosen dispatch&apos;s detail (the mail as sent) is shown.</extracomment>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="62"/>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="63"/>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="64"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="66"/>
        <source>JMA report</source>
        <translation>気象庁発表</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="69"/>
        <source>Detected</source>
        <translation>検知時刻</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="74"/>
        <source>First accepted</source>
        <translation>最初の受付</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="79"/>
        <source>Last accepted</source>
        <translation>最後の受付</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="84"/>
        <source>Recipients</source>
        <translation>配信対象</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="86"/>
        <source>Sent</source>
        <translation>送信済</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="88"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="97"/>
        <source>Not sent (superseded)</source>
        <translation>差し替えのため送信せず</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="99"/>
        <source>%1 not sent as superseded</source>
        <translation>差し替えのため送信せず %1 件</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="109"/>
        <source>Bounced (hard)</source>
        <translation>不達（恒久的）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="114"/>
        <source>Accepted by the relay, then returned by the carrier: the address does not exist or refuses mail. Counts towards suspending it.</source>
        <translation>中継サーバーは受け付けたが、キャリアから返送されたもの：アドレスが存在しないか受信を拒否しています。配信の一時停止の回数に数えます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="119"/>
        <source>Bounced (soft)</source>
        <translation>不達（一時的）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="123"/>
        <source>Accepted by the relay, then returned by the carrier for a passing reason (e.g. a full mailbox) after every retry. Never suspends.</source>
        <translation>中継サーバーは受け付けたが、一時的な理由（メールボックスの容量超過など）でキャリアから返送され、再送もすべて届かなかったもの。配信の一時停止にはなりません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="135"/>
        <source>Dispatches</source>
        <extracomment>The order chosen by a header click (core key, descending); None: newest first.</extracomment>
        <translation>配信一覧</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="142"/>
        <source>Delivery</source>
        <translation>配送番号</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="143"/>
        <source>Subscriber ID</source>
        <translation>登録者ID</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="144"/>
        <source>SMTP code</source>
        <translation>SMTPコード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="145"/>
        <source>Server&apos;s reply or bounce</source>
        <translation>サーバーの応答・不達通知</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="149"/>
        <source>Failed deliveries</source>
        <translation>失敗した配送</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="151"/>
        <source>Select a dispatch to see its failed deliveries.</source>
        <translation>配信を選ぶと、失敗した配送が表示されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="155"/>
        <source>Resend failed deliveries</source>
        <translation>失敗した配信を再送</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="158"/>
        <source>Queues again the deliveries that failed for a temporary reason (busy server, lost connection) to subscribers who are still active. Refused addresses (5xx) are not resent. The running service sends them within seconds.</source>
        <translation>一時的な理由（サーバー混雑・接続切断）で失敗した、現在も有効な登録者への配信をもう一度キューに入れます。拒否されたアドレス（5xx）には再送しません。実行中のサービスが数秒以内に送信します。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="169"/>
        <source>The dispatch&apos;s mail as sent</source>
        <translation>送られたとおりの配信メール</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="170"/>
        <source>Select a dispatch to see its mail as it went out.</source>
        <translation>配信を選ぶと、送られたとおりのメールが表示されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="183"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="188"/>
        <source>Kind of dispatch</source>
        <translation>配信の種類</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="189"/>
        <source>Every kind</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="194"/>
        <source>Words in the subject</source>
        <translation>件名の語句</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="195"/>
        <source>Words in the subject, e.g. 大雨</source>
        <translation>件名の語句で絞り込み（例：大雨）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="205"/>
        <source>Every dispatch, newest first. Times are Tokyo time.</source>
        <translation>すべての配信（新しい順）。時刻は日本時間です。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="308"/>
        <source>Not sent: a later alert replaced it during quiet hours</source>
        <translation>送信せず：静穏時間中に後の情報で差し替えられました</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="320"/>
        <source>Dispatch %1: %2 failed deliveries</source>
        <translation>配信 %1：失敗 %2 件</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="325"/>
        <source>, %1 not sent as superseded</source>
        <translation>、差し替えのため送信せず %1 件</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="329"/>
        <source>, %1 bounced after the relay accepted them</source>
        <translation>、受付後の不達 %1 件</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="351"/>
        <source>Bounced by the carrier: the address is dead (%1)</source>
        <translation>キャリアから不達：アドレスが存在しません（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="353"/>
        <source>Bounced by the carrier for a passing reason; it is sent again (%1)</source>
        <translation>キャリアから一時的な不達：再送します（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="355"/>
        <source>Bounced by the carrier for a passing reason, every retry used (%1)</source>
        <translation>キャリアから一時的な不達：再送もすべて届きませんでした（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="362"/>
        <source>Resend failed deliveries?</source>
        <translation>失敗した配信を再送しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="364"/>
        <source>Send dispatch %1 (%2) again to the subscribers it failed to reach for a temporary reason? Someone whose server accepted it after all gets it twice.</source>
        <translation>配信 %1（%2）を、一時的な理由で届かなかった登録者にもう一度送りますか？ 実際には受け取っていた人には二重に届きます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="382"/>
        <source>%1 deliveries of dispatch %2 are queued again; the running service sends them (start it on the dashboard if it is stopped).</source>
        <translation>配信 %2 の %1 件を再度キューに入れました。実行中のサービスが送信します（停止中ならダッシュボードで開始してください）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="392"/>
        <source>Nothing to resend: the failures of dispatch %1 are refused addresses or subscribers who are no longer active.</source>
        <translation>再送するものはありません：配信 %1 の失敗は、拒否されたアドレスか、有効でなくなった登録者です。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="422"/>
        <source>Dispatch %1 (%2): %3</source>
        <translation>配信 %1（%2）：%3</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="426"/>
        <source>Detected %1, first accepted %2, last accepted %3</source>
        <translation>検知 %1、最初の受付 %2、最後の受付 %3</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="435"/>
        <source>%1 recipients (%2)</source>
        <translation>宛先 %1 人（%2）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="441"/>
        <source>single-person emergency send</source>
        <translation>単独の緊急送信</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="443"/>
        <source>approved by %1</source>
        <translation>%1 が承認</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="448"/>
        <source>Written by %1, %2</source>
        <translation>作成 %1、%2</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="457"/>
        <source>  %1: %2 accepted, %3 waiting for a retry, %4 failed, %5 bounced; last accepted %6 s after the detection</source>
        <translation>  %1：受付 %2、再試行待ち %3、失敗 %4、不達 %5。検知から最後の受付まで %6 秒</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="469"/>
        <source>〔each subscriber&apos;s own link〕</source>
        <translation>〔登録者ごとの配信停止・変更用リンク〕</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="476"/>
        <source>The mail&apos;s text is no longer kept (removed after its retention time).</source>
        <translation>メールの本文はもう残っていません（保存期間を過ぎて削除されました）。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="44"/>
        <source>Import subscribers from a CSV file</source>
        <translation>CSVファイルから登録者を取り込む</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="76"/>
        <source>Importing…</source>
        <translation>取り込み中…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="88"/>
        <source>%1 subscribers were added.</source>
        <translation>%1 人を登録しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="92"/>
        <source>Nothing was imported: the file has bad lines. Fix them and try again.</source>
        <translation>取り込みませんでした：ファイルに誤りのある行があります。直してからもう一度取り込んでください。</translation>
    </message>
</context>
<context>
    <name>LogViewerBox</name>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="204"/>
        <source>Log file</source>
        <translation>ログファイル</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="208"/>
        <source>Log file (read-only)</source>
        <translation>ログファイル（読み取り専用）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="215"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="249"/>
        <source>The log file is empty or not written yet.</source>
        <translation>ログファイルは空か、まだ書き込まれていません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="258"/>
        <source>The log file cannot be read: %1</source>
        <translation>ログファイルを読めません：%1</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="56"/>
        <source>kishomail — log in</source>
        <extracomment>A login failed; the error&apos;s code (tests and the status line use it). The recovery dialog is about to open (tests fill it in).</extracomment>
        <translation>kishomail — ログイン</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="61"/>
        <source>Account name</source>
        <translation>アカウント名</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="64"/>
        <location filename="../../desktop/dialogs/login.py" line="82"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="66"/>
        <location filename="../../desktop/dialogs/login.py" line="68"/>
        <source>6-digit code</source>
        <translation>6桁のコード</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="72"/>
        <location filename="../../desktop/dialogs/login.py" line="371"/>
        <source>Log in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="81"/>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="84"/>
        <source>Data folder: %1</source>
        <translation>データフォルダ：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="90"/>
        <source>kishomail — weather alert mail</source>
        <translation>kishomail 気象メール</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="91"/>
        <source>Log in with your own account.</source>
        <translation>ご自分のアカウントでログインしてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="96"/>
        <source>Every administrator&apos;s password lost…</source>
        <translation>管理者全員のパスワードが分からないとき…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="113"/>
        <source>Two-step login is required for every account. Scan this QR code with the authenticator app on the office&apos;s phone (or type the secret into it), then enter the code the app shows.</source>
        <translation>すべてのアカウントで二段階ログインが必要です。課で管理する端末の認証アプリでこの QR コードを読み取る（または秘密鍵を入力する）と、アプリにコードが出ます。そのコードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="120"/>
        <source>QR code for the authenticator app</source>
        <translation>認証アプリ用の QR コード</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="124"/>
        <source>TOTP secret</source>
        <translation>TOTP の秘密鍵</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="126"/>
        <location filename="../../desktop/dialogs/login.py" line="132"/>
        <source>Code from the app</source>
        <translation>アプリのコード</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="128"/>
        <source>Turn on two-step login</source>
        <translation>二段階ログインを有効にする</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="131"/>
        <source>Secret</source>
        <translation>秘密鍵</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="148"/>
        <source>This password was set by an administrator. Choose your own now, so that only you know it (at least 10 characters).</source>
        <translation>このパスワードは管理者が決めたものです。あなただけが知るパスワードに今変えてください（10文字以上）。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="155"/>
        <location filename="../../desktop/dialogs/login.py" line="164"/>
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="158"/>
        <source>New password again</source>
        <translation>新しいパスワード（確認）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="161"/>
        <source>Change the password and continue</source>
        <translation>パスワードを変えて続ける</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="165"/>
        <source>Again</source>
        <translation>もう一度</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="194"/>
        <source>Enter your account name and password.</source>
        <translation>アカウント名とパスワードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="197"/>
        <source>Checking…</source>
        <translation>確認しています…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="262"/>
        <source>The two new passwords differ.</source>
        <translation>2つの新しいパスワードが一致しません。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="268"/>
        <source>Choose a password different from the one the administrator set.</source>
        <translation>管理者が決めたものとは別のパスワードにしてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="301"/>
        <source>Preparing two-step login…</source>
        <translation>二段階ログインの準備をしています…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="324"/>
        <source>Enter the code the app shows now.</source>
        <translation>アプリにいま表示されているコードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="351"/>
        <source>The code does not match the secret. Check that the phone&apos;s clock is right and enter the code the app shows now.</source>
        <translation>コードが秘密鍵と一致しません。スマートフォンの時刻が正しいか確かめ、アプリにいま表示されているコードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="367"/>
        <source>You can try again now.</source>
        <translation>もう一度ログインできます。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="369"/>
        <source>Log in (%1 s)</source>
        <translation>ログイン（%1 秒）</translation>
    </message>
</context>
<context>
    <name>MailboxPage</name>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="108"/>
        <source>Received</source>
        <extracomment>The list shown changed (rows in it: groups or messages).</extracomment>
        <translation>受信日時</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="109"/>
        <location filename="../../desktop/windows/mailbox.py" line="121"/>
        <source>Recipients</source>
        <translation>配信対象</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="110"/>
        <location filename="../../desktop/windows/mailbox.py" line="122"/>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="114"/>
        <source>Messages in the local mailbox</source>
        <translation>ローカルメールボックスのメール</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="119"/>
        <source>Latest</source>
        <translation>最新の受信</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="120"/>
        <source>Messages</source>
        <translation>通数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="126"/>
        <source>Subjects in the local mailbox</source>
        <translation>ローカルメールボックスの件名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="132"/>
        <source>Double-click or Enter: this subject&apos;s messages</source>
        <translation>ダブルクリックまたは Enter：この件名のメールを一覧表示</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="137"/>
        <location filename="../../desktop/windows/mailbox.py" line="138"/>
        <source>Search the subject or recipient</source>
        <translation>件名・宛先で検索</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="141"/>
        <source>One line per subject</source>
        <translation>同じ件名をまとめる</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="148"/>
        <source>Message</source>
        <translation>メール本文</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="152"/>
        <source>Messages name their recipient, so only roles that may see subscribers open them. The list shows that mail was delivered.</source>
        <translation>メールには宛先が記載されているため、登録者を閲覧できる役割の職員だけが開けます。一覧で配信されたことを確認できます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="158"/>
        <source>The local mailbox keeps the mail sent while no mail relay is set. NONE of it reached anyone. It is kept encrypted with the rest of the data and deleted with the delivery records when their keeping period ends.</source>
        <translation>ローカルメールボックスには、中継サーバー未設定の間に送ったメールが保存されています。どのメールも誰にも届いていません。ほかのデータと同じく暗号化して保存され、配信記録の保存期間が過ぎると配信記録と一緒に消えます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="165"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="166"/>
        <source>The window&apos;s F5 does the same on every page.</source>
        <translation>F5 キーでも、どのページからでも再読み込みできます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="206"/>
        <source>%1 subjects, %2 messages</source>
        <translation>件名 %1 種類・%2 通</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="211"/>
        <source>%2 messages</source>
        <translation>%2 通</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="213"/>
        <source> (of %3)</source>
        <translation>（全 %3 通中）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="70"/>
        <source>kishomail — %1 (%2)</source>
        <extracomment>The window closed for good (not a logout, not a language change): the app should end. The training demo&apos;s window opened (desktop.training). A training demo&apos;s window (desktop.training): marked, and closing it ends only it.</extracomment>
        <translation>kishomail — %1（%2）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="75"/>
        <source>[TRAINING · DEMO] %1</source>
        <translation>【訓練・DEMO】%1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="108"/>
        <source>Logged in as %1. Data folder: %2</source>
        <translation>%1 としてログイン中。データフォルダ：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="186"/>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="189"/>
        <source>Subscribers</source>
        <translation>登録者</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="193"/>
        <source>Manual alert</source>
        <translation>手動配信</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="198"/>
        <source>Dispatch history</source>
        <translation>配信履歴</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="201"/>
        <source>Statistics</source>
        <translation>統計</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="204"/>
        <source>Mailbox</source>
        <translation>メールボックス</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="207"/>
        <source>Audit log</source>
        <translation>操作ログ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="210"/>
        <source>Templates</source>
        <translation>文面テンプレート</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="214"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="218"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="223"/>
        <source>Open the training demo…</source>
        <translation>訓練用デモを開く…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="227"/>
        <location filename="../../desktop/windows/main_window.py" line="338"/>
        <source>Log out</source>
        <translation>ログアウト</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="227"/>
        <source>Close the training demo</source>
        <translation>訓練用デモを閉じる</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="231"/>
        <location filename="../../desktop/windows/main_window.py" line="339"/>
        <location filename="../../desktop/windows/main_window.py" line="458"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="235"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="238"/>
        <source>Text size</source>
        <translation>文字の大きさ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="243"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="244"/>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="245"/>
        <source>Extra large</source>
        <translation>特大</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="253"/>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="265"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="266"/>
        <source>Staff manual</source>
        <translation>職員向けマニュアル</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="269"/>
        <source>Keyboard shortcuts…</source>
        <translation>キーボード操作の一覧…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="271"/>
        <location filename="../../desktop/windows/main_window.py" line="330"/>
        <source>About kishomail</source>
        <translation>kishomail について</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="287"/>
        <source>Preparing the training demo…</source>
        <translation>訓練用デモを準備しています…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="307"/>
        <source>Training demo</source>
        <translation>訓練用デモ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="322"/>
        <source>%1 (weather alert mail) — the crisis-management office&apos;s alert mail system.
Data folder: %2
The staff manual: Help → Staff manual (F1).</source>
        <translation>%1（気象メール）— 危機管理課の気象情報メール配信システム。
データフォルダ：%2
職員向けマニュアル：ヘルプ → 職員向けマニュアル（F1）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="337"/>
        <source>Show window</source>
        <translation>ウィンドウを表示</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="352"/>
        <source>Service: stopped</source>
        <translation>サービス：停止中</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="353"/>
        <source>Service: starting</source>
        <translation>サービス：開始中</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="354"/>
        <source>Service: running</source>
        <translation>サービス：稼働中</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="355"/>
        <source>Service: stopping</source>
        <translation>サービス：停止処理中</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="360"/>
        <source>Service: running (OS service)</source>
        <translation>サービス：稼働中（OSサービス）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="362"/>
        <source> · last poll %1</source>
        <translation>・最終受信 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="440"/>
        <source>Stopping the service… the window closes when it has stopped.</source>
        <translation>サービスを停止しています…停止すると、このウィンドウは閉じます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="456"/>
        <source>Quit kishomail?</source>
        <translation>気象メールを終了しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="457"/>
        <source>Quit kishomail? You are logged out and the window closes.</source>
        <translation>気象メールを終了しますか？ ログアウトし、ウィンドウを閉じます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="471"/>
        <source>Keep alerting in the background?</source>
        <translation>バックグラウンドで送信を続けますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="474"/>
        <source>The service is running. It can keep reading the feed and sending alerts after this window closes (the next login shows it again), or stop now: then no alert is sent until someone starts it again.</source>
        <translation>サービスは稼働中です。このウィンドウを閉じた後もバックグラウンドで防災情報を受信し、メールを送り続けられます（次にログインすると、その状態が表示されます）。ここで停止すると、誰かが開始するまでメールは送られません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="480"/>
        <source>Keep alerting in the background</source>
        <translation>バックグラウンドで送信を続ける</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="485"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="483"/>
        <source>Stop the service and close</source>
        <translation>サービスを停止して閉じる</translation>
    </message>
</context>
<context>
    <name>ManualAlertPage</name>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="67"/>
        <location filename="../../desktop/windows/alert_composer.py" line="83"/>
        <source>Evacuation information</source>
        <translation>避難情報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="69"/>
        <source>Weather information</source>
        <translation>気象情報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="140"/>
        <location filename="../../desktop/windows/alert_composer.py" line="188"/>
        <source>Subject (Japanese)</source>
        <translation>件名（日本語）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="144"/>
        <location filename="../../desktop/windows/alert_composer.py" line="190"/>
        <source>Text (Japanese)</source>
        <translation>本文（日本語）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="148"/>
        <location filename="../../desktop/windows/alert_composer.py" line="192"/>
        <source>Subject (English, optional)</source>
        <translation>件名（英語・任意）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="152"/>
        <location filename="../../desktop/windows/alert_composer.py" line="196"/>
        <source>Text (English, optional)</source>
        <translation>本文（英語・任意）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="177"/>
        <source>Audience: every active subscriber (no topic chosen).</source>
        <extracomment>Each language&apos;s subject and text fields, in the order of the form.</extracomment>
        <translation>配信対象：配信中の全登録者（情報の種類を選んでいません）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="74"/>
        <location filename="../../desktop/windows/alert_composer.py" line="186"/>
        <source>Category</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="68"/>
        <source>Shelters open</source>
        <translation>避難所開設</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="70"/>
        <source>Notice</source>
        <translation>お知らせ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="71"/>
        <source>Exercise</source>
        <translation>訓練</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="77"/>
        <location filename="../../desktop/windows/alert_composer.py" line="183"/>
        <source>Template</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="79"/>
        <source>(no template: write freely)</source>
        <translation>（テンプレートなし：自由に記述）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="82"/>
        <source>Shelters opened</source>
        <translation>避難所を開設しました</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="84"/>
        <source>Delivery exercise</source>
        <translation>配信訓練</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="90"/>
        <source>Details for the template</source>
        <translation>テンプレートに入れる詳細</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="93"/>
        <source>e.g. 戸山小学校、落合第一小学校 (goes into every language)</source>
        <translation>例：戸山小学校、落合第一小学校（すべての言語に入ります）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="98"/>
        <source>Fill in from template</source>
        <translation>テンプレートから入力</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="104"/>
        <location filename="../../desktop/windows/alert_composer.py" line="340"/>
        <source>No attachment.</source>
        <translation>添付ファイルなし</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="108"/>
        <source>Attach file…</source>
        <translation>ファイルを添付…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="112"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="117"/>
        <source>Contains personal data (sent as an encrypted ZIP; password shown once)</source>
        <translation>個人情報を含む（暗号化ZIPで送付。パスワードは一度だけ表示）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="125"/>
        <source>Send at (Tokyo time):</source>
        <translation>送信予定（日本時間）：</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="131"/>
        <source>Send time (Tokyo time)</source>
        <translation>送信予定時刻（日本時間）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="156"/>
        <location filename="../../desktop/windows/alert_composer.py" line="199"/>
        <source>Subject (easy Japanese, optional)</source>
        <translation>件名（やさしい日本語・任意）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="160"/>
        <location filename="../../desktop/windows/alert_composer.py" line="203"/>
        <source>Text (easy Japanese, optional)</source>
        <translation>本文（やさしい日本語・任意）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="207"/>
        <source>Only subscribers of</source>
        <translation>対象とする情報の種類</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="210"/>
        <source>Attachment</source>
        <translation>添付ファイル</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="216"/>
        <source>Save draft and submit for approval (Ctrl+Enter)</source>
        <translation>下書きを保存して承認を依頼（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="227"/>
        <source>See it as mailed (&amp;W)</source>
        <translation>送られる形で確認(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="230"/>
        <source>Shows the draft exactly as each language will be mailed, with the number of recipients now, before anything is saved.</source>
        <translation>保存する前に、下書きが言語ごとに実際に送られる形と、現在の宛先人数を表示します。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="90"/>
        <source>&amp;Approve (second officer)</source>
        <translation>承認する(&amp;A)（2人目の職員）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="102"/>
        <source>Send &amp;now</source>
        <translation>今すぐ送信(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="114"/>
        <source>Send &amp;test</source>
        <translation>試験送信(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="127"/>
        <source>Approvals &amp;queue and sending</source>
        <translation>承認待ちと送信(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="385"/>
        <source>Write a subject first.</source>
        <translation>先に件名を入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="222"/>
        <source>Compose</source>
        <translation>作成</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="71"/>
        <source>No.</source>
        <extracomment>A test send ended: its TrialReport, or the exception. The dispatch this screen started has finished (its :class:`DispatchDone` event). The &quot;approve as another officer&quot; dialog is about to open (tests fill it in).</extracomment>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="72"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="74"/>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="77"/>
        <source>Author</source>
        <translation>作成者</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="78"/>
        <source>Approved by</source>
        <translation>承認者</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="79"/>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="83"/>
        <source>Manual alerts</source>
        <translation>手動配信の一覧</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="88"/>
        <source>Preview exactly as mailed</source>
        <translation>配信されるとおりの表示</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="89"/>
        <source>Select an alert to see it exactly as mailed.</source>
        <translation>配信を選ぶと、配信されるとおりに表示されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="92"/>
        <source>Approve as another &amp;officer…</source>
        <translation>別の職員として承認(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="94"/>
        <source>The second officer approves here with their own password; nobody logs out.</source>
        <translation>2人目の職員がこの画面で自分のパスワードを入力して承認します。誰もログアウトしません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="99"/>
        <source>&amp;Emergency: send alone…</source>
        <translation>緊急：単独で送信(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="104"/>
        <source>Cancel alert</source>
        <translation>配信を取り消す</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="110"/>
        <source>Test address</source>
        <translation>試験送信先</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="112"/>
        <source>your own address, e.g. bousai@city.example.jp</source>
        <translation>自分のアドレス（例：bousai@city.example.jp）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="116"/>
        <source>Sends the selected alert, marked as a test, to this address only.</source>
        <translation>選んだ配信を「試験」と明記して、このアドレスにだけ送ります。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="121"/>
        <source>Sending progress</source>
        <translation>送信の進み具合</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="139"/>
        <source>Test send to</source>
        <translation>試験送信先</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="161"/>
        <source>draft</source>
        <extracomment>The dispatch this screen sent and follows (progress bar and outcome).</extracomment>
        <translation>下書き</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="162"/>
        <source>waiting for approval</source>
        <translation>承認待ち</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="163"/>
        <source>approved</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="164"/>
        <source>scheduled</source>
        <translation>予約済み</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="165"/>
        <source>sent</source>
        <translation>送信済み</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="166"/>
        <source>cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="200"/>
        <source>Not saved yet: the draft as it would be mailed now.</source>
        <translation>まだ保存していません：今送ると、この下書きは次のように送られます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="273"/>
        <source>Replace the text?</source>
        <extracomment>The texts the last template filled in (to tell edited text from it).</extracomment>
        <translation>本文を置き換えますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="274"/>
        <source>The subject and text were edited. Replace them with the template?</source>
        <translation>件名と本文は編集されています。テンプレートの文面で置き換えますか？編集した内容は失われます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="278"/>
        <source>Replace with the template</source>
        <translation>テンプレートで置き換える</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="324"/>
        <source>Attach a file</source>
        <translation>ファイルを添付</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="39"/>
        <source>Password of the encrypted attachment</source>
        <translation>暗号化した添付ファイルのパスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="40"/>
        <source>The attachment is stored as an encrypted ZIP. Its password is shown only now: give it to the recipients separately (never in the same mail).</source>
        <translation>添付ファイルは暗号化ZIPとして保存しました。パスワードは今だけ表示します。受信者には別の手段で伝えてください（同じメールには絶対に書かないこと）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="57"/>
        <source>Subject: %1
Recipients: %2
Languages: %3</source>
        <translation>件名：%1
送信先：%2 人
言語：%3</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="74"/>
        <source>〔each subscriber&apos;s own link〕</source>
        <translation>〔登録者ごとの配信停止・変更用リンク〕</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="402"/>
        <source>Alert %1 waits for a second officer&apos;s approval.</source>
        <translation>手動配信 %1 は、2人目の職員の承認を待っています。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="68"/>
        <source>Recipients now: %1</source>
        <translation>現在の配信対象：%1 人</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="224"/>
        <source>You wrote this alert: another officer must approve it.</source>
        <translation>この配信はあなたが作成しました。承認は別の職員が行います。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="80"/>
        <source>Send time: %1</source>
        <translation>送信予定：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="91"/>
        <source>Attachment: %1</source>
        <translation>添付ファイル：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="86"/>
        <source> (encrypted ZIP)</source>
        <translation>（暗号化ZIP）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="247"/>
        <source>Approve this alert?</source>
        <translation>このお知らせを承認しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="248"/>
        <source>Approve alert %1? After approval it can be sent to every recipient.</source>
        <translation>お知らせ %1 を承認しますか？承認すると、全送信先に送信できる状態になります。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="251"/>
        <source>Approve</source>
        <translation>承認する</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="262"/>
        <source>Approved. It can be sent now.</source>
        <translation>承認しました。送信できます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="272"/>
        <source>Approved by %1. It can be sent now.</source>
        <translation>%1 が承認しました。送信できます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="298"/>
        <source>Send this alert now?</source>
        <translation>このお知らせを今すぐ送信しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="299"/>
        <source>Send alert %1 to %2 recipients now? A sent mail cannot be called back.</source>
        <translation>お知らせ %1 を %2 人に今すぐ送信しますか？送信したメールは取り消せません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="302"/>
        <source>Send</source>
        <translation>送信する</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="142"/>
        <source>Scheduled: it goes out by itself at %1.</source>
        <translation>予約しました：%1 に自動で送信されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="147"/>
        <source>Sending to %1 recipients. The service sends it (start it on the dashboard if it is stopped).</source>
        <translation>%1 人に送信します。サービスが送信します（停止中ならダッシュボードで開始してください）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="157"/>
        <source>%v of %m handed over</source>
        <translation>%m 件中 %v 件を引き渡し済み</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="161"/>
        <source>Dispatch %1: sending…</source>
        <translation>配信 %1：送信中…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="319"/>
        <source>Cancel this alert?</source>
        <translation>このお知らせを取り消しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="320"/>
        <source>Cancel alert %1? It will not be sent.</source>
        <translation>お知らせ %1 を取り消しますか？送信されなくなります。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="321"/>
        <source>Cancel the alert</source>
        <translation>お知らせを取り消す</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="326"/>
        <source>The alert was cancelled.</source>
        <translation>配信を取り消しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="102"/>
        <source>Test send: the relay refused %1 of %2 mails.</source>
        <translation>試験送信：中継サーバーが %2 通中 %1 通を拒否しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="108"/>
        <source>Test send: %1 mail(s) for %2 went into this PC&apos;s local mailbox (tab &quot;Mailbox&quot;); no relay is set, so nothing left this PC.</source>
        <translation>試験送信：%2 宛ての %1 通は、このPCのローカルメールボックス（「メールボックス」タブ）に入りました。中継サーバーが未設定のため、PCの外には出ていません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="114"/>
        <source>Test send: %1 mail(s) accepted for %2 (one per language).</source>
        <translation>試験送信：%2 宛ての %1 通が受け付けられました（言語ごとに1通）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="194"/>
        <source>Dispatch %1 finished: %2 of %3 accepted by the relay, %4 failed.</source>
        <translation>配信 %1 完了：%3 人中 %2 人分を中継サーバーが受け付け、失敗 %4 件。</translation>
    </message>
</context>
<context>
    <name>ManualWindow</name>
    <message>
        <location filename="../../desktop/help.py" line="41"/>
        <source>Staff manual — %1</source>
        <translation>職員向けマニュアル — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/help.py" line="45"/>
        <source>Find in the manual (Enter: next)</source>
        <translation>マニュアル内を検索（Enter で次へ）</translation>
    </message>
    <message>
        <location filename="../../desktop/help.py" line="46"/>
        <source>Find in the manual</source>
        <translation>マニュアル内を検索</translation>
    </message>
    <message>
        <location filename="../../desktop/help.py" line="51"/>
        <source>Staff manual</source>
        <translation>職員向けマニュアル</translation>
    </message>
    <message>
        <location filename="../../desktop/help.py" line="56"/>
        <source>The staff manual (docs/staff-manual.md) is not installed with this copy of the program. Ask the administrator for the printed manual.</source>
        <translation>このプログラムには職員向けマニュアル（docs/staff-manual.md）が同梱されていません。印刷版を管理者に頼んでください。</translation>
    </message>
</context>
<context>
    <name>NewRecoveryKeyDialog</name>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="95"/>
        <source>The new recovery key (shown once)</source>
        <translation>新しい回復キー（一度だけ表示）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="108"/>
        <source>Print it or save it to a USB stick now, and lock it away.</source>
        <translation>今すぐ印刷するか USB メモリに保存し、鍵のかかる場所に保管してください。</translation>
    </message>
</context>
<context>
    <name>PasswordOnceDialog</name>
    <message>
        <location filename="../../desktop/widgets/password_once.py" line="32"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/password_once.py" line="37"/>
        <source>&amp;Copy the password</source>
        <translation>パスワードをコピー(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/password_once.py" line="41"/>
        <source>The ZIP is encrypted with AES-256: Windows Explorer cannot open it. Open it with 7-Zip (free) or another tool that supports AES.</source>
        <translation>このZIPはAES-256で暗号化されています。Windowsのエクスプローラーでは開けません。7-Zip（無料）などAES対応の解凍ソフトで開いてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/password_once.py" line="57"/>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
</context>
<context>
    <name>PosterBox</name>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="272"/>
        <source>Registration poster and QR code</source>
        <translation>登録案内ポスターとQRコード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="280"/>
        <source>QR code of the registration page</source>
        <translation>登録ページのQRコード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="284"/>
        <source>Save A4 poster (PDF or PNG)…</source>
        <translation>A4ポスターを保存（PDF/PNG）…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="288"/>
        <source>Residents scan this code to open the registration page:</source>
        <translation>区民はこのコードを読み取って登録ページを開きます：</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="321"/>
        <source>Save the poster</source>
        <translation>ポスターを保存</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="323"/>
        <source>PDF (*.pdf);;PNG image (*.png)</source>
        <translation>PDF (*.pdf);;PNG画像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="336"/>
        <source>Drawing the poster…</source>
        <translation>ポスターを作成中…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="346"/>
        <source>Poster saved: %1</source>
        <translation>ポスターを保存しました：%1</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="37"/>
        <source>Recover with the recovery key</source>
        <translation>回復キーで管理者のパスワードを設定</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="41"/>
        <source>Only when every administrator&apos;s password is lost. Type the printed recovery key; the administrator named below gets the new password (the account is made if it does not exist). This is recorded in the audit log.</source>
        <translation>管理者全員のパスワードが分からなくなったときだけ使います。印刷した回復キーを入力すると、下の管理者に新しいパスワードが設定されます（アカウントがなければ作られます）。この操作は操作ログに記録されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="48"/>
        <source>Recovery key</source>
        <translation>回復キー</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="51"/>
        <source>Administrator account</source>
        <translation>管理者のアカウント</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="54"/>
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="57"/>
        <source>New password again</source>
        <translation>新しいパスワード（確認）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="59"/>
        <source>Recovery &amp;key</source>
        <translation>回復キー(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="60"/>
        <source>&amp;Administrator</source>
        <translation>管理者(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="61"/>
        <source>&amp;New password</source>
        <translation>新しいパスワード(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="62"/>
        <source>A&amp;gain</source>
        <translation>もう一度(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="65"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="66"/>
        <source>Set the new password</source>
        <translation>新しいパスワードを設定</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="82"/>
        <source>Enter the recovery key, the administrator and the new password.</source>
        <translation>回復キー、管理者、新しいパスワードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="87"/>
        <source>The two new passwords differ.</source>
        <translation>2つの新しいパスワードが一致しません。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="93"/>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyActions</name>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="36"/>
        <source>&amp;Print…</source>
        <translation>印刷(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="37"/>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="38"/>
        <source>&amp;Save to a file…</source>
        <translation>ファイルに保存(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="51"/>
        <source>kishomail (weather alert mail) — recovery key
Made on %1 (Tokyo time).

%2

If every administrator&apos;s password is lost, only this key opens the data (kishomail recover). Keep it locked away, not with the computer.</source>
        <translation>気象メール（kishomail）— 復旧キー
作成日時：%1（日本時間）

%2

管理者全員のパスワードが失われたとき、このキーだけがデータを開けます（kishomail recover）。コンピューターとは別の、鍵のかかる場所に保管してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="74"/>
        <source>The recovery key was sent to the printer.</source>
        <translation>復旧キーをプリンターに送りました。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="81"/>
        <source>The recovery key is on the clipboard. Paste it where it is kept safe, then copy something else so it does not stay there.</source>
        <translation>復旧キーをクリップボードにコピーしました。安全な保管先に貼り付けたら、クリップボードに残らないよう別のものをコピーしてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="91"/>
        <source>Save the recovery key</source>
        <translation>復旧キーの保存</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="93"/>
        <source>Text files (*.txt)</source>
        <translation>テキストファイル (*.txt)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="105"/>
        <source>The key could not be saved to %1 (%2); choose another place.</source>
        <translation>キーを %1 に保存できませんでした（%2）。別の場所を選んでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="113"/>
        <source>Saved to %1. Keep that file on a USB stick locked away, not on this computer.</source>
        <translation>%1 に保存しました。このコンピューターではなく、鍵のかかる場所に保管する USB メモリーに置いてください。</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyBox</name>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="33"/>
        <source>Recovery key</source>
        <extracomment>A new key was issued (its dialog is about to show: tests read it there), or the error.</extracomment>
        <translation>回復キー</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="38"/>
        <source>If every administrator&apos;s password is lost, only the printed recovery key opens the data. Issue a new one when it is lost or someone who saw it has left: the old key then opens only backups made before.</source>
        <translation>管理者全員のパスワードが失われたとき、データを開けるのは印刷した回復キーだけです。回復キーをなくしたときや、見たことのある職員が異動・退職したときは新しいキーを発行してください。古いキーで開けるのは、それ以前のバックアップだけになります。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="44"/>
        <source>Issue a new recovery key…</source>
        <translation>新しい回復キーを発行…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="55"/>
        <source>Issue a new recovery key?</source>
        <translation>新しい回復キーを発行しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="57"/>
        <source>The printed recovery key will no longer open the data. Have a printer or a USB stick ready: the new key is shown only once.</source>
        <translation>印刷してある回復キーではデータを開けなくなります。プリンターか USB メモリを用意してください。新しいキーは一度だけ表示されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="60"/>
        <source>Issue a new key</source>
        <translation>新しいキーを発行</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="76"/>
        <source>A new recovery key was issued; the old one no longer opens the data.</source>
        <translation>新しい回復キーを発行しました。古いキーではデータを開けません。</translation>
    </message>
</context>
<context>
    <name>SecondOfficerDialog</name>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="62"/>
        <source>Emergency: send without a second officer</source>
        <extracomment>The act itself, run off the GUI thread: (account, password, code or &quot;&quot;) → its result. What the act returned once it succeeded (the approved or sent alert).</extracomment>
        <translation>緊急：2人目の確認なしで送信</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="64"/>
        <source>The office allows the single-person emergency path. The officer who decides checks the alert below and confirms with their own password: it goes out at once without a second officer&apos;s check, and the audit log marks it as a single-person emergency in their name.</source>
        <translation>この事務所では緊急時の単独送信が許可されています。判断した職員が下の内容を確かめ、自分のパスワードで確定します。2人目の確認なしにすぐ送られ、監査ログにはその職員の名前で「単独の緊急送信」と記録されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="70"/>
        <source>Approve as another officer</source>
        <translation>別の職員として承認</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="72"/>
        <source>The second duty officer checks the recipients, every language and the attachment below, then approves with their own account. %1 stays logged in and automatic alerts keep going out.</source>
        <translation>2人目の当直職員が、下の配信先・すべての言語の本文・添付ファイルを確認し、自分のアカウントで承認します。%1 はログインしたままで、自動配信は止まりません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="80"/>
        <source>The alert exactly as mailed</source>
        <translation>実際に送られるとおりの配信内容</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="83"/>
        <source>Account of the approving officer</source>
        <translation>承認する職員のアカウント</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="86"/>
        <source>Password of the approving officer</source>
        <translation>承認する職員のパスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="88"/>
        <source>6-digit code</source>
        <translation>6桁のコード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="89"/>
        <source>only for accounts with two-step login</source>
        <translation>2段階認証を使うアカウントのみ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="93"/>
        <source>&amp;Account</source>
        <translation>アカウント(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="94"/>
        <source>&amp;Password</source>
        <translation>パスワード(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="95"/>
        <source>6-digit &amp;code</source>
        <translation>6桁のコード(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="98"/>
        <source>Appro&amp;ve as this officer</source>
        <translation>この職員として承認(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="98"/>
        <source>Send &amp;now, alone</source>
        <translation>単独で今すぐ送信(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="102"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="148"/>
        <source>Enter the approving officer&apos;s account and password.</source>
        <translation>承認する職員のアカウントとパスワードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="155"/>
        <source>%1 is the officer logged in here. The approving officer enters their own account and password.</source>
        <translation>%1 はこのパソコンにログイン中の職員です。承認する職員は、自分のアカウントとパスワードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="163"/>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
</context>
<context>
    <name>ServiceControl</name>
    <message>
        <location filename="../../desktop/service_control.py" line="260"/>
        <source>The service stopped (it was stopped on this computer by someone else, or it ended). Nothing is being sent until it runs again.</source>
        <translation>サービスが停止しました（このコンピューターで別の人が停止したか、終了しました）。再び動くまで、何も送信されません。</translation>
    </message>
    <message>
        <location filename="../../desktop/service_control.py" line="309"/>
        <source>The service was started but does not answer. Check the log file, or ask the system administrator to look at the OS service.</source>
        <translation>サービスを開始しましたが応答がありません。ログファイルを確認するか、OSサービスの確認をシステム管理者に依頼してください。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/windows/settings.py" line="119"/>
        <source>Play a sound when a level 4 or higher warning arrives</source>
        <extracomment>The settings this page edits, by group; secrets are write-only. Write-only: shown as set or not set, saved only when something is typed.</extracomment>
        <translation>警戒レベル４以上の情報が届いたら音で知らせる</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="120"/>
        <source>Stored for this computer only; on by default.</source>
        <translation>このパソコンだけの設定です。既定は「音を鳴らす」です。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="124"/>
        <source>This computer</source>
        <translation>このパソコン</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="140"/>
        <source>● Unsaved changes</source>
        <translation>● 未保存の変更があります</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="144"/>
        <source>&amp;Save settings</source>
        <translation>設定を保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="194"/>
        <source>Unsaved settings</source>
        <translation>未保存の設定</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="195"/>
        <source>Some settings were changed and not saved. Leave without saving?</source>
        <translation>変更した設定がまだ保存されていません。保存せずに移動しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="196"/>
        <source>Leave without saving</source>
        <translation>保存せずに移動</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="215"/>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS（ポート 587）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="216"/>
        <source>implicit TLS (port 465)</source>
        <translation>暗黙のTLS（ポート 465）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="220"/>
        <source>implicit TLS (port 993)</source>
        <translation>暗黙の TLS（ポート 993）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="221"/>
        <source>STARTTLS (port 143)</source>
        <translation>STARTTLS（ポート 143）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="225"/>
        <source>Suspend at once when the carrier says the address does not exist (5.1.x)</source>
        <translation>キャリアが「アドレスが存在しない」と返したら、すぐに配信を一時停止する（5.1.x）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="232"/>
        <source>individual (one mail per person, personal stop link)</source>
        <translation>個別送信（1人に1通、個人別の配信停止リンク）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="234"/>
        <source>batch (many recipients per envelope)</source>
        <translation>一括送信（1通に複数の宛先）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="247"/>
        <source>Mail relay</source>
        <translation>メール中継サーバー</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="249"/>
        <source>Host (empty: local mailbox only)</source>
        <translation>ホスト（空欄：ローカルメールボックスのみ）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="250"/>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="251"/>
        <source>Security</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="252"/>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="253"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="254"/>
        <source>CA file (PEM)</source>
        <translation>CAファイル（PEM）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="255"/>
        <source>Parallel connections</source>
        <translation>同時接続数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="256"/>
        <source>Messages per second (0: no limit)</source>
        <translation>1秒あたりの送信数（0：制限なし）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="257"/>
        <source>Test connection</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="259"/>
        <source>Connects with the values typed above, saved or not; sends nothing.</source>
        <translation>上に入力した値（保存前でも）で接続します。何も送りません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="269"/>
        <source>Feed</source>
        <translation>防災情報の受信</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="271"/>
        <source>Source (feed URL or folder)</source>
        <translation>受信元（フィードのURLまたはフォルダ）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="272"/>
        <source>Seconds between polls</source>
        <translation>受信の間隔（秒）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="273"/>
        <source>Area codes</source>
        <translation>地域コード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="277"/>
        <source>Dispatch</source>
        <translation>配信</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="279"/>
        <source>Mode</source>
        <translation>送信方式</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="280"/>
        <source>Recipients per envelope (batch)</source>
        <translation>1通あたりの宛先数（一括送信）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="285"/>
        <source>Accounts and roles</source>
        <translation>アカウントと役割</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="288"/>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="289"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="290"/>
        <location filename="../../desktop/windows/settings.py" line="490"/>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="291"/>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="291"/>
        <location filename="../../desktop/windows/settings.py" line="294"/>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="291"/>
        <location filename="../../desktop/windows/settings.py" line="294"/>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="293"/>
        <source>Two-step login</source>
        <translation>二段階ログイン</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="296"/>
        <source>Password changed</source>
        <translation>パスワード変更日</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="300"/>
        <source>Accounts</source>
        <translation>アカウント一覧</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="305"/>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="306"/>
        <source>Change role…</source>
        <translation>役割の変更…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="307"/>
        <source>New password…</source>
        <translation>新しいパスワード…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="308"/>
        <location filename="../../desktop/windows/settings.py" line="522"/>
        <source>Deactivate</source>
        <translation>無効にする</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="344"/>
        <source>(set — type to replace)</source>
        <translation>（設定済み — 入力すると置き換えます）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="344"/>
        <source>(not set)</source>
        <translation>（未設定）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="375"/>
        <source>Nothing changed.</source>
        <translation>変更はありません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="387"/>
        <source>Saved. A running service uses the new settings after it is restarted.</source>
        <translation>保存しました。稼働中のサービスには、再起動後に反映されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="397"/>
        <source>Connecting to the relay…</source>
        <translation>中継サーバーに接続しています…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="411"/>
        <source>No relay is set: mail goes to the local mailbox only.</source>
        <translation>中継サーバーは未設定です：メールはローカルメールボックスにだけ届きます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="415"/>
        <source>Connected to %1:%2 over %3; certificate %4. Nothing was sent.</source>
        <translation>%1:%2 に %3 で接続しました。証明書 %4。メールは送っていません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="422"/>
        <source>Tested with the values typed above; they are not saved yet.</source>
        <translation>上に入力した値で試しました。まだ保存されていません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="461"/>
        <source>The alerting engine is running, so the data key could not be changed now: until it is, an earlier copy of the key file still opens the store with the old password. Stop the service and run &apos;kishomail rekey&apos;.</source>
        <translation>配信サービスが動いているため、今はデータ鍵を変えられませんでした。変えるまでは、以前の鍵ファイルの写しと以前のパスワードでデータが開けてしまいます。サービスを止めて「kishomail rekey」を実行してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="480"/>
        <source>Account %1 was added.</source>
        <translation>アカウント %1 を追加しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="497"/>
        <source>The role was changed.</source>
        <translation>役割を変更しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="505"/>
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="511"/>
        <source>The password was replaced.</source>
        <translation>パスワードを置き換えました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="518"/>
        <source>Deactivate an account</source>
        <translation>アカウントの無効化</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="519"/>
        <source>Deactivate the account %1? It can no longer log in.</source>
        <translation>アカウント %1 を無効にしますか？このアカウントではログインできなくなります。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="528"/>
        <source>Account %1 was deactivated.</source>
        <translation>アカウント %1 を無効にしました。</translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="90"/>
        <source>kishomail — first start</source>
        <extracomment>The demo store gets one account per working role, all with the demo password.</extracomment>
        <translation>kishomail — 初回の設定</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="101"/>
        <source>Welcome to kishomail (weather alert mail)</source>
        <translation>kishomail（気象メール）へようこそ</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="111"/>
        <source>There is no kishomail data in the data folder yet:
%1

Create the office&apos;s data to start using kishomail for real, or try the demo first: it uses invented subscribers and replays a typhoon night, and its mail goes only into a local mailbox on this computer.</source>
        <translation>データフォルダにはまだ kishomail のデータがありません：
%1

本番で使うには区の運用データを作成してください。先にデモを試すこともできます。デモは架空の登録者と台風の夜の再生を使い、メールはこのパソコン内のローカルメールボックスにだけ届きます。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="119"/>
        <source>Create the office&apos;s data…</source>
        <translation>区の運用データを作成…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="121"/>
        <source>Try the demo</source>
        <translation>デモを試す</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="124"/>
        <source>Demo role</source>
        <translation>デモの役割</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="126"/>
        <source>as administrator (settings, service, audit log)</source>
        <translation>管理者として（設定・サービス・操作ログ）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="127"/>
        <source>as operator (subscribers, mailbox)</source>
        <translation>運用担当として（登録者・メールボックス）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="128"/>
        <source>as duty officer (manual alerts)</source>
        <translation>当直として（手動配信）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="152"/>
        <location filename="../../desktop/dialogs/setup.py" line="160"/>
        <source>Administrator&apos;s account name</source>
        <translation>管理者のアカウント名</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="155"/>
        <location filename="../../desktop/dialogs/setup.py" line="161"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="158"/>
        <location filename="../../desktop/dialogs/setup.py" line="162"/>
        <source>Password again</source>
        <translation>パスワード（確認）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="165"/>
        <source>Account names use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;. Choose a long password; the data is encrypted with it.</source>
        <translation>アカウント名には半角の英小文字・数字・「.」「_」「-」が使えます。パスワードは長くしてください。データはこのパスワードで暗号化されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="170"/>
        <location filename="../../desktop/dialogs/setup.py" line="211"/>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="213"/>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="176"/>
        <source>The first administrator</source>
        <translation>最初の管理者</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="133"/>
        <source>Demo accounts: demo (administrator), demo-operator, demo-duty, demo-auditor; password for all: %1. The demo asks for no TOTP codes (its data is invented); the office&apos;s own data always does.</source>
        <translation>デモのアカウント：demo（管理者）、demo-operator、demo-duty、demo-auditor。パスワードはすべて %1。デモは架空のデータなので二段階ログインのコードを求めません（区の運用データでは必ず求めます）。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="172"/>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="187"/>
        <source>Every staff account logs in with a password and a 6-digit code from an authenticator app on a phone (TOTP). Scan this QR code with the app, or type the secret into it, then enter the code the app shows.</source>
        <translation>職員のアカウントはすべて、パスワードと、スマートフォンの認証アプリに出る6桁のコード（TOTP）でログインします。課で管理する端末の認証アプリでこの QR コードを読み取るか秘密鍵を入力し、アプリに出たコードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="194"/>
        <source>QR code for the authenticator app</source>
        <translation>認証アプリ用の QR コード</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="198"/>
        <source>TOTP secret</source>
        <translation>TOTP の秘密鍵</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="202"/>
        <source>otpauth URI</source>
        <translation>otpauth URI</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="205"/>
        <location filename="../../desktop/dialogs/setup.py" line="210"/>
        <source>Code from the app</source>
        <translation>アプリのコード</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="208"/>
        <source>Secret</source>
        <translation>秘密鍵</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="209"/>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="217"/>
        <source>Two-step login (TOTP)</source>
        <translation>二段階ログイン（TOTP）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="229"/>
        <source>This is the recovery key. It is shown only now. If every administrator&apos;s password is lost, only this key opens the data. Print it or write it down, and keep it locked away (not on this computer).</source>
        <translation>これは復旧キーです。表示されるのは今回だけです。管理者全員がパスワードを失ったとき、このキーだけがデータを開けます。印刷するか書き写して、施錠できる場所に保管してください（このパソコンには保存しないでください）。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="242"/>
        <location filename="../../desktop/dialogs/setup.py" line="253"/>
        <source>Recovery key</source>
        <translation>復旧キー</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="247"/>
        <source>I have printed or written down the recovery key</source>
        <translation>復旧キーを印刷または書き写しました</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="248"/>
        <source>Continue</source>
        <translation>続ける</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="269"/>
        <source>The recovery key is shown only now. Print, copy or save it, tick the box, then press Continue.</source>
        <translation>復旧キーが表示されるのは今回だけです。印刷・コピー・保存のいずれかをしてからチェックを入れ、「続ける」を押してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="284"/>
        <source>The two passwords differ.</source>
        <translation>2つのパスワードが一致しません。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="308"/>
        <source>Enter the code the app shows now.</source>
        <translation>アプリにいま表示されているコードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="313"/>
        <source>Creating the encrypted data…</source>
        <translation>暗号化したデータを作成しています…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="343"/>
        <source>Preparing the demo (about a second)…</source>
        <translation>デモを準備しています（1秒ほど）…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="359"/>
        <source>The code does not match the secret. Check that the phone&apos;s clock is right and enter the code the app shows now.</source>
        <translation>コードが秘密鍵と一致しません。スマートフォンの時刻が正しいか確かめ、アプリにいま表示されているコードを入力してください。</translation>
    </message>
</context>
<context>
    <name>StationsBox</name>
    <message>
        <location filename="../../desktop/windows/stations.py" line="59"/>
        <source>River stations and their levels</source>
        <extracomment>The table&apos;s columns, in order: what each holds.</extracomment>
        <translation>河川の観測所と水位</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="64"/>
        <source>River</source>
        <translation>河川</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="65"/>
        <source>Station</source>
        <translation>観測所</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="66"/>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="67"/>
        <source>Caution (m)</source>
        <translation>氾濫注意 (m)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="68"/>
        <source>Evacuation (m)</source>
        <translation>避難判断 (m)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="69"/>
        <source>Danger (m)</source>
        <translation>氾濫危険 (m)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="70"/>
        <source>Overflow (m)</source>
        <translation>氾濫発生 (m)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="71"/>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="72"/>
        <source>Date (YYYY-MM-DD)</source>
        <translation>日付 (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="73"/>
        <source>Confirmed</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="76"/>
        <source>River stations</source>
        <translation>河川の観測所</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="83"/>
        <source>Add a station</source>
        <translation>観測所を追加</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="85"/>
        <source>Remove the selected station</source>
        <translation>選んだ観測所を削除</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="87"/>
        <source>Save the stations</source>
        <translation>観測所を保存</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="89"/>
        <source>Back to the shipped list…</source>
        <translation>同梱の一覧に戻す…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="97"/>
        <source>The gauges residents may choose and the levels at which they are told. An empty caution or evacuation level means the station publishes only the danger level (the first notice is then 氾濫危険). Leave &apos;Confirmed&apos; unticked until the office has confirmed the levels with the river&apos;s office.</source>
        <translation>登録者が選べる観測所と、お知らせする水位です。氾濫注意・避難判断が空欄の観測所は氾濫危険水位だけを公表しているもので、最初のお知らせは氾濫危険になります。水位を河川の管理者に確認するまでは「確認済み」にチェックを入れないでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="125"/>
        <source>The office&apos;s own list (saved here or with &apos;kishomail stations&apos;).</source>
        <translation>課の独自の一覧です（ここ、または「kishomail stations」で保存）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="127"/>
        <source>The shipped list (or the file of observations.thresholds).</source>
        <translation>同梱の一覧です（または observations.thresholds のファイル）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="181"/>
        <source>Row %1: %2 is not a level in metres (e.g. 3.02).</source>
        <translation>%1 行目：「%2」はメートル単位の水位ではありません（例：3.02）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="188"/>
        <source>Row %1: the danger level (氾濫危険水位) is needed.</source>
        <translation>%1 行目：氾濫危険水位が必要です。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="221"/>
        <source>Keep at least one station, or go back to the shipped list.</source>
        <translation>観測所を1つ以上残すか、同梱の一覧に戻してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="227"/>
        <source>%1 stations saved; residents choose from them.</source>
        <translation>%1 か所の観測所を保存しました。登録者はこの中から選べます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="236"/>
        <source>Back to the shipped list</source>
        <translation>同梱の一覧に戻す</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="238"/>
        <source>Forget the office&apos;s station list and use the shipped one again? Residents who chose a station that is not in the shipped list are then told of none.</source>
        <translation>課の観測所一覧を消して、同梱の一覧に戻しますか？同梱の一覧にない観測所を選んだ登録者には、その観測所のお知らせが届かなくなります。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="241"/>
        <source>Use the shipped list</source>
        <translation>同梱の一覧に戻す</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="250"/>
        <source>The shipped list applies again.</source>
        <translation>同梱の一覧に戻しました。</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="124"/>
        <location filename="../../desktop/windows/statistics.py" line="151"/>
        <source>Period</source>
        <extracomment>Fiscal years offered besides the current one.</extracomment>
        <translation>期間</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="128"/>
        <location filename="../../desktop/windows/statistics.py" line="206"/>
        <source>FY%1</source>
        <translation>%1年度</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="129"/>
        <source>Everything</source>
        <translation>全期間</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="130"/>
        <source>From … to …</source>
        <translation>期間を指定</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="134"/>
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="134"/>
        <source>To</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="141"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="142"/>
        <source>The window&apos;s F5 does the same on every page.</source>
        <translation>F5 キーでも、どのページからでも再読み込みできます。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="144"/>
        <source>Export .xlsx…</source>
        <translation>Excel出力…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="146"/>
        <source>Export CSV…</source>
        <translation>CSV出力…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="154"/>
        <source>to</source>
        <translation>まで</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="167"/>
        <source>Carrier group</source>
        <translation>宛先グループ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="168"/>
        <source>Sent</source>
        <translation>送信</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="169"/>
        <source>Accepted</source>
        <translation>受付</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="170"/>
        <source>Waiting to retry</source>
        <translation>再試行待ち</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="171"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="172"/>
        <source>Hard bounces</source>
        <translation>不達（ハード）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="173"/>
        <source>Soft bounces</source>
        <translation>不達（ソフト）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="174"/>
        <source>To acceptance, median (s)</source>
        <translation>受付まで 中央値（秒）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="175"/>
        <source>To acceptance, 95% (s)</source>
        <translation>受付まで 95%（秒）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="176"/>
        <source>To the last acceptance (s)</source>
        <translation>検知から最後の受付まで（秒）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="202"/>
        <source>all</source>
        <translation>全期間</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="231"/>
        <source>The start date is after the end date: swap them.</source>
        <translation>開始日が終了日より後です。入れ替えてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="252"/>
        <source>Active subscribers by topic</source>
        <translation>情報の種類別の登録者数（配信中）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="259"/>
        <source>By language</source>
        <translation>言語別</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="264"/>
        <source>By channel</source>
        <translation>登録経路別</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="273"/>
        <source>Rain subscribers by threshold (mm/h)</source>
        <translation>雨量のしきい値別の登録者数（1時間の雨量、ミリ）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="282"/>
        <source>River subscribers a stage at each station reaches</source>
        <translation>観測所ごとの河川水位の受信者数（氾濫注意水位で届く人数）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="343"/>
        <source>Registrations over time (cumulative, by day)</source>
        <translation>登録者数の推移（日別・累計）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="381"/>
        <source>Mails sent per dispatch (last 15)</source>
        <translation>配信ごとの送信数（直近15件）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="391"/>
        <source>statistics</source>
        <translation>統計</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="409"/>
        <source>Written: %1</source>
        <translation>書き出しました：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="416"/>
        <source>Excel files (*.xlsx)</source>
        <translation>Excelファイル (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="416"/>
        <source>CSV files (*.csv)</source>
        <translation>CSVファイル (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="418"/>
        <source>Export statistics</source>
        <translation>統計の出力</translation>
    </message>
</context>
<context>
    <name>SubscriberDialog</name>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="54"/>
        <source>Add a subscriber</source>
        <translation>登録者の追加</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="56"/>
        <source>Change subscriber %1</source>
        <translation>登録者 %1 の変更</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="60"/>
        <location filename="../../desktop/dialogs/subscriber.py" line="139"/>
        <source>E-mail address</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="63"/>
        <source>Topics</source>
        <translation>受け取る情報</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="65"/>
        <source>Warnings from</source>
        <translation>気象警報・注意報</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="68"/>
        <source>advisories (level 2)</source>
        <translation>注意報（レベル2）以上</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="69"/>
        <source>warnings (level 3)</source>
        <translation>警報（レベル3）以上</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="70"/>
        <source>danger warnings (level 4)</source>
        <translation>危険警報（レベル4）以上</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="71"/>
        <source>special warnings (level 5)</source>
        <translation>特別警報（レベル5）のみ</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="75"/>
        <source>Heavy rain from</source>
        <translation>大雨（雨量）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="80"/>
        <source>{} mm/h or more</source>
        <translation>1時間{}ミリ以上</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="82"/>
        <source>River levels from</source>
        <translation>河川水位</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="85"/>
        <source>flood caution level</source>
        <translation>氾濫注意水位以上</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="86"/>
        <source>evacuation decision level</source>
        <translation>避難判断水位以上</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="87"/>
        <source>flood danger level</source>
        <translation>氾濫危険水位以上</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="91"/>
        <source>Kanda River</source>
        <translation>神田川</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="92"/>
        <source>Zenpukuji River</source>
        <translation>善福寺川</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="93"/>
        <source>Myoshoji River</source>
        <translation>妙正寺川</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="104"/>
        <source>Flood forecasts</source>
        <translation>洪水予報</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="108"/>
        <source>Every station (also ones added later)</source>
        <translation>すべての観測所（今後加わる観測所も）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="109"/>
        <source>Only these stations:</source>
        <translation>次の観測所だけ：</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="122"/>
        <source>River stations</source>
        <translation>河川の観測所</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="129"/>
        <source>UTF-8 (usual)</source>
        <translation>UTF-8（通常）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="130"/>
        <source>ISO-2022-JP (old phones)</source>
        <translation>ISO-2022-JP（古い携帯電話）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="133"/>
        <source>Quiet hours</source>
        <translation>配信を控える時間帯</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="140"/>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="141"/>
        <source>Character set</source>
        <translation>文字コード</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="142"/>
        <source>Quiet hours (advisories held back)</source>
        <translation>配信を控える時間帯（注意報のみ保留）</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="144"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="219"/>
        <source>Enter the e-mail address.</source>
        <translation>メールアドレスを入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="221"/>
        <source>Choose at least one topic.</source>
        <translation>情報の種類を1つ以上選んでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="224"/>
        <source>Tick at least one river station, or choose every station.</source>
        <translation>河川の観測所を1つ以上選ぶか、「すべての観測所」を選んでください。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="230"/>
        <source>Quiet hours look like 22:00-06:00 (start and end differ).</source>
        <translation>時間帯は 22:00-06:00 のように入力してください（開始と終了は別の時刻）。</translation>
    </message>
</context>
<context>
    <name>SubscribersPage</name>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="58"/>
        <source>ID</source>
        <extracomment>An action finished and the table was asked to reload (tests wait for this).</extracomment>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="59"/>
        <source>E-mail address</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="60"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="62"/>
        <source>Topics</source>
        <translation>受け取る情報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="64"/>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="65"/>
        <source>Channel</source>
        <translation>登録経路</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="66"/>
        <source>Registered</source>
        <translation>登録日時</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="68"/>
        <source>Bounces</source>
        <translation>不達</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="72"/>
        <source>Mail the relay accepted and the carrier returned, over the last %1 days: hard (the address is dead; enough of them suspend it) and soft (a passing reason, e.g. a full mailbox).</source>
        <translation>直近 %1 日に、中継サーバーが受け付けた後にキャリアから返送された配信の数：恒久的（アドレスが存在しない。一定回数で配信を一時停止）と一時的（メールボックスの容量超過など）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="81"/>
        <location filename="../../desktop/windows/subscribers.py" line="82"/>
        <source>Search by part of the address</source>
        <translation>メールアドレスの一部で検索</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="84"/>
        <source>All topics</source>
        <translation>すべての情報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="86"/>
        <source>All languages</source>
        <translation>すべての言語</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="88"/>
        <source>All statuses</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="89"/>
        <source>All channels</source>
        <translation>すべての経路</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="91"/>
        <source>Number of subscribers shown</source>
        <translation>表示中の登録者数</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="103"/>
        <source>Subscribers</source>
        <translation>登録者</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="110"/>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="111"/>
        <source>Change…</source>
        <translation>変更…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="113"/>
        <source>Stop mail</source>
        <translation>配信停止</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="116"/>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="119"/>
        <source>Import CSV…</source>
        <translation>CSV取り込み…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="122"/>
        <source>Encrypted export…</source>
        <translation>暗号化して出力…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="155"/>
        <source>hard %1, soft %2</source>
        <translation>恒久的 %1・一時的 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="199"/>
        <source>%1 shown</source>
        <translation>%1 件表示</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="202"/>
        <source>%1 subscribers match; %2 loaded (scroll for more)</source>
        <translation>該当 %1 人（%2 人を読み込み済み。スクロールで続きを表示）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="206"/>
        <source>%1 subscribers match</source>
        <translation>該当 %1 人</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="261"/>
        <source>The subscriber was added.</source>
        <translation>登録者を追加しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="290"/>
        <source>The subscriber was changed.</source>
        <translation>登録者を変更しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="300"/>
        <source>Mail to subscriber %1 was stopped.</source>
        <translation>登録者 %1 への配信を停止しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="308"/>
        <source>Delete %1 for good?</source>
        <translation>%1 を完全に削除しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="310"/>
        <source>Subscriber %1 (%2) gets no more mail. The address is erased; an erasure record without the address is kept. This cannot be undone.</source>
        <translation>登録者 %1（%2）にはもうメールが届きません。メールアドレスは消去され、アドレスを含まない削除記録だけが残ります。元に戻せません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="412"/>
        <source>Delete a subscriber</source>
        <translation>登録者の削除</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="412"/>
        <source>Delete</source>
        <translation>削除する</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="424"/>
        <source>The ZIP file is encrypted (AES-256). Its password is shown only now; give it to the recipient by another way than the file (phone, in person).</source>
        <translation>ZIPファイルは暗号化されています（AES-256）。パスワードは今だけ表示されます。ファイルとは別の方法（電話、手渡しなど）で受け取る人に伝えてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="320"/>
        <source>Subscriber %1 was deleted.</source>
        <translation>登録者 %1 を削除しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="353"/>
        <source>Writing the encrypted file…</source>
        <translation>暗号化したファイルを書き出しています…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="358"/>
        <source>%1 subscribers written to %2.</source>
        <translation>%1 人を %2 に書き出しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="381"/>
        <source>Export request %1 was made. An administrator approves it (kishomail subscribers export-approve %1); then press Export again to write the file.</source>
        <translation>書き出しの依頼（番号 %1）を登録しました。管理者が承認したあと（kishomail subscribers export-approve %1）、もう一度「書き出し」を押すとファイルを書き出します。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="399"/>
        <source>Ask for an export</source>
        <translation>書き出しの依頼</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="401"/>
        <source>Personal data leaves the store only with a second person&apos;s approval.
Why must these subscribers be written to a file?</source>
        <translation>個人情報は、別の職員の承認があるときだけ持ち出せます。
この登録者をファイルに書き出す理由を入力してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="416"/>
        <source>Encrypted export</source>
        <translation>暗号化して出力</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="416"/>
        <source>ZIP files (*.zip)</source>
        <translation>ZIPファイル (*.zip)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="422"/>
        <source>The file&apos;s password (shown once)</source>
        <translation>ファイルのパスワード（一度だけ表示）</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <location filename="../../desktop/windows/templates.py" line="45"/>
        <source>Warnings and advisories</source>
        <translation>警報・注意報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="46"/>
        <source>Flood forecasts</source>
        <translation>指定河川洪水予報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="47"/>
        <source>Record rain</source>
        <translation>記録的短時間大雨情報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="48"/>
        <source>Landslide alert</source>
        <translation>土砂災害警戒情報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="49"/>
        <source>Emergency warnings</source>
        <translation>特別警報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="50"/>
        <source>River levels</source>
        <translation>河川水位</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="51"/>
        <source>Other reports</source>
        <translation>その他の情報</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="52"/>
        <source>Lowered</source>
        <translation>引き下げ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="53"/>
        <source>Lifted</source>
        <translation>解除</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="54"/>
        <source>Withdrawn</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="55"/>
        <source>Flood forecast lowered</source>
        <translation>洪水予報の引き下げ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="56"/>
        <source>Flood forecast lifted</source>
        <translation>洪水予報の解除</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="57"/>
        <source>Heavy rain observed</source>
        <translation>大雨の観測</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="58"/>
        <source>Heavy rain over</source>
        <translation>大雨の観測終了</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="59"/>
        <source>River level lowered</source>
        <translation>河川水位の低下</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="60"/>
        <source>River level back to normal</source>
        <translation>河川水位の平常化</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="61"/>
        <source>Footer of every mail</source>
        <translation>全メール共通のフッター</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="70"/>
        <location filename="../../desktop/windows/templates.py" line="106"/>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="74"/>
        <location filename="../../desktop/windows/templates.py" line="108"/>
        <source>Template</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="83"/>
        <source>Template text</source>
        <translation>テンプレートの本文</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="88"/>
        <source>Preview subject</source>
        <translation>プレビューの件名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="91"/>
        <source>Preview body</source>
        <translation>プレビューの本文</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="95"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="96"/>
        <location filename="../../desktop/windows/templates.py" line="307"/>
        <source>Revert to the bundled text</source>
        <translation>同梱の文面に戻す</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="116"/>
        <source>Wording (placeholders such as ${area} are filled in)</source>
        <translation>文面（${area} などの差し込み項目は自動で埋まります）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="123"/>
        <source>Preview: a level-3 heavy rain warning for Shinjuku (sample)</source>
        <translation>プレビュー：新宿区のレベル３大雨警報（見本）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="126"/>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="141"/>
        <source>Mail templates</source>
        <translation>メールの文面テンプレート</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="144"/>
        <source>The office&apos;s own wording replaces the wording shipped with the program, file by file. JMA&apos;s text is always relayed as published: write only the office&apos;s words.</source>
        <translation>区独自の文面は、同じ名前の同梱テンプレートに代わって使われます（ファイルごと）。気象庁の発表文は常に発表のまま転載されます。テンプレートには区の言葉だけを書いてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="201"/>
        <source>Unsaved wording</source>
        <translation>保存していない文面</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="202"/>
        <source>The wording of %1 was edited and not saved. Save it now?</source>
        <translation>%1 の文面は編集したまま保存されていません。いま保存しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="223"/>
        <source>The office&apos;s own wording</source>
        <translation>区独自の文面</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="223"/>
        <source>The bundled wording</source>
        <translation>同梱の文面</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="249"/>
        <source>This wording cannot be used: %1</source>
        <translation>この文面は使えません：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="258"/>
        <source>the first line must be &apos;Subject: …&apos;, followed by an empty line.</source>
        <translation>1行目は「Subject: …」とし、次の行は空けてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="261"/>
        <source>%1 is not a placeholder kishomail fills (the list is in docs/templates.md).</source>
        <translation>%1 は kishomail が差し込む項目ではありません（一覧は docs/templates.md にあります）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="265"/>
        <source>%1 must appear exactly once (it carries the unsubscribe link every mail needs).</source>
        <translation>%1 はちょうど1回だけ書いてください（どのメールにも必要な配信停止リンクが入ります）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="268"/>
        <source>a &apos;$&apos; that is not a placeholder. Write $$ for a dollar sign.</source>
        <translation>差し込み項目でない「$」があります。「$」そのものは $$ と書いてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="270"/>
        <source>write $manage_url for the unsubscribe link.</source>
        <translation>配信停止リンクには $manage_url と書いてください。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="283"/>
        <location filename="../../desktop/windows/templates.py" line="288"/>
        <source>Not saved. %1</source>
        <translation>保存していません。%1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="294"/>
        <source>Saved. The next mail uses this wording (%1).</source>
        <translation>保存しました。次のメールからこの文面が使われます（%1）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="309"/>
        <source>Delete the office&apos;s wording of %1 and use the bundled text again?</source>
        <translation>%1 の区独自の文面を削除し、同梱の文面に戻しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="320"/>
        <source>The bundled text is used again.</source>
        <translation>同梱の文面に戻しました。</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <location filename="../../desktop/training.py" line="33"/>
        <source>TRAINING (DEMO): invented data in a folder of its own. Nothing here reaches a resident, and the ward&apos;s data and service are not touched.</source>
        <extracomment>The per-user folder of the training demo&apos;s store (never inside the ward&apos;s data folder).</extracomment>
        <translation>訓練用デモ（DEMO）：別のフォルダにある架空のデータです。ここから住民にメールが届くことはなく、区のデータとサービスには一切触れません。</translation>
    </message>
    <message>
        <location filename="../../desktop/training.py" line="38"/>
        <source>Training demo</source>
        <translation>訓練用デモ</translation>
    </message>
</context>
<context>
    <name>WindowKeys</name>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="70"/>
        <source>Refresh this page</source>
        <extracomment>What refreshes each page (a method of the page). Settings and templates hold edits: F5 does not reload them. The search field of each page that has one (an attribute of the page).</extracomment>
        <translation>このページを再読み込み</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="71"/>
        <source>Search on this page</source>
        <translation>このページで検索</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="72"/>
        <source>Next page</source>
        <translation>次のページ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="74"/>
        <source>Previous page</source>
        <translation>前のページ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="77"/>
        <source>Start the service</source>
        <translation>サービスを開始</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="80"/>
        <source>Stop the service</source>
        <translation>サービスを停止</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="108"/>
        <source>This page has nothing to refresh (it holds your edits).</source>
        <translation>このページには再読み込みがありません（編集中の内容を守るため）。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="117"/>
        <source>This page has no search field.</source>
        <translation>このページには検索欄がありません。</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="154"/>
        <source>Page: %1</source>
        <translation>ページ：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="157"/>
        <source>Next / previous page</source>
        <translation>次 / 前のページ</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="158"/>
        <source>Table: sort by the chosen column (again: reverse)</source>
        <translation>表：選んでいる列で並べ替え（もう一度で逆順）</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="159"/>
        <source>Manual alert: save the draft and submit it for approval</source>
        <translation>手動配信：下書きを保存して承認を依頼</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="160"/>
        <source>Settings: save</source>
        <translation>設定：保存</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="171"/>
        <source>Keyboard shortcuts</source>
        <translation>キーボード操作</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../desktop/words.py" line="13"/>
        <source>administrator</source>
        <translation>管理者</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="14"/>
        <source>operator</source>
        <translation>運用担当</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="15"/>
        <source>duty officer</source>
        <translation>当直</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="16"/>
        <source>auditor</source>
        <translation>監査</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="21"/>
        <source>pending</source>
        <translation>確認待ち</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="22"/>
        <source>active</source>
        <translation>配信中</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="23"/>
        <source>unsubscribed</source>
        <translation>解除</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="24"/>
        <source>suspended</source>
        <translation>停止（不達）</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="29"/>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="30"/>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="31"/>
        <source>Easy Japanese</source>
        <translation>やさしい日本語</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="36"/>
        <source>web form</source>
        <translation>登録サイト</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="37"/>
        <source>by mail</source>
        <translation>空メール</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="38"/>
        <source>staff</source>
        <translation>職員登録</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="39"/>
        <source>import</source>
        <translation>一括登録</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="44"/>
        <source>warnings</source>
        <translation>気象警報・注意報</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="45"/>
        <source>rain</source>
        <translation>雨量</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="46"/>
        <source>river levels</source>
        <translation>河川水位</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="47"/>
        <source>Kanda flood</source>
        <translation>神田川洪水予報</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="52"/>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="53"/>
        <source>sending</source>
        <translation>送信中</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="54"/>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="55"/>
        <source>paused</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="56"/>
        <source>cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="61"/>
        <source>automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="62"/>
        <source>manual</source>
        <translation>手動</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="63"/>
        <source>test</source>
        <translation>テスト</translation>
    </message>
</context>
<context>
    <name>_DonePage</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="217"/>
        <source>Import</source>
        <translation>取り込み</translation>
    </message>
</context>
<context>
    <name>_FilePage</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="104"/>
        <source>Choose the CSV file</source>
        <translation>CSVファイルを選ぶ</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="106"/>
        <source>UTF-8 or Shift_JIS, with a header line. Columns: email, topics, language …</source>
        <translation>UTF-8またはShift_JIS、1行目は見出し。列：email、topics、language など</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="109"/>
        <location filename="../../desktop/dialogs/import_wizard.py" line="125"/>
        <source>CSV file</source>
        <translation>CSVファイル</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="111"/>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="118"/>
        <source>Next checks the file without changing anything (a dry run).</source>
        <translation>「次へ」でファイルを確認します（何も変更しない試行です）。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="125"/>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSVファイル (*.csv *.txt)</translation>
    </message>
</context>
<context>
    <name>_ReportPage</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="144"/>
        <source>What the import would do</source>
        <translation>取り込むと何が起きるか</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="150"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="151"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="152"/>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="156"/>
        <source>Bad lines</source>
        <translation>誤りのある行</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="164"/>
        <source>Checking %1…</source>
        <translation>%1 を確認しています…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="172"/>
        <source>%1 lines read (%2). %3 new subscribers, %4 already registered, %5 duplicate lines in the file, %6 bad lines.</source>
        <translation>%1 行を読み込みました（%2）。新規 %3 人、登録済み %4 人、ファイル内の重複 %5 行、誤りのある行 %6 行。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="182"/>
        <source>bad line</source>
        <translation>誤りのある行</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="183"/>
        <source>duplicate in file</source>
        <translation>ファイル内の重複</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="190"/>
        <source>&amp;Import %1 subscribers</source>
        <translation>%1 人を取り込む(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="194"/>
        <source>The file is fine. 「Import %1 subscribers」 registers them.</source>
        <translation>問題ありません。「%1 人を取り込む」で登録します。</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="201"/>
        <source>Nothing can be imported until the bad lines are fixed.</source>
        <translation>誤りのある行を直すまで取り込めません。</translation>
    </message>
</context>
</TS>
