<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AcceptanceChartBox</name>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="46"/>
        <source>Acceptance over time, latest large dispatch</source>
        <extracomment>Dispatches to fewer recipients say little about the sending rate. A curve of at most this many points (the chart stays quick at 100,000 acceptances).</extracomment>
        <translation>Acceptance over time, latest large dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="48"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="72"/>
        <source>No dispatch to %1 or more recipients has been accepted yet.</source>
        <translation>No dispatch to %1 or more recipients has been accepted yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="81"/>
        <source>Dispatch %1 「%2」 (%3): %4 of %5 accepted, the last %6 s after detection.</source>
        <translation>Dispatch %1 「%2」 (%3): %4 of %5 accepted, the last %6 s after detection.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="94"/>
        <source>seconds from the detection</source>
        <translation>seconds from the detection</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/acceptance_chart.py" line="98"/>
        <source>recipients accepted</source>
        <translation>recipients accepted</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../desktop/windows/settings.py" line="540"/>
        <source>Add an account</source>
        <translation>Add an account</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="554"/>
        <source>Tell the person this first password apart from the account name; they choose their own at the first login.</source>
        <translation>Tell the person this first password apart from the account name; they choose their own at the first login.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="562"/>
        <source>Account name</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="563"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="564"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="565"/>
        <source>First password</source>
        <translation>First password</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="566"/>
        <source>First password again</source>
        <translation>First password again</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="578"/>
        <source>Enter the account name and the first password.</source>
        <translation>Enter the account name and the first password.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="580"/>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../desktop/windows/audit.py" line="70"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="71"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="72"/>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="73"/>
        <location filename="../../desktop/windows/audit.py" line="92"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="74"/>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="75"/>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="77"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="85"/>
        <source>Text in action, target, outcome or details</source>
        <translation>Text in action, target, outcome or details</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="86"/>
        <source>Search text</source>
        <translation>Search text</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="88"/>
        <location filename="../../desktop/windows/audit.py" line="89"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="91"/>
        <source>Action (e.g. approved, subscriber)</source>
        <translation>Action (e.g. approved, subscriber)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="201"/>
        <source>(the latest %1; narrow the search)</source>
        <translation>(the latest %1; narrow the search)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="99"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="102"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="103"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="107"/>
        <source>Verify the chain</source>
        <translation>Verify the chain</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="109"/>
        <source>Export .xlsx…</source>
        <translation>Export .xlsx…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="116"/>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="118"/>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="127"/>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="132"/>
        <source>The chosen entry</source>
        <translation>The chosen entry</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="133"/>
        <source>Choose an entry to read it here.</source>
        <translation>Choose an entry to read it here.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="199"/>
        <source>%1 entries</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="270"/>
        <source>Checking every entry of the chain…</source>
        <translation>Checking every entry of the chain…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="284"/>
        <source>The chain is intact: %1 entries checked, %2 of them signed, against the key file&apos;s %3 public keys and %4 anchors outside the store (the last: %5). Head %6. Not checked: %7</source>
        <translation>The chain is intact: %1 entries checked, %2 of them signed, against the key file&apos;s %3 public keys and %4 anchors outside the store (the last: %5). Head %6. Not checked: %7</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="299"/>
        <source>The chain is broken: %1</source>
        <translation>The chain is broken: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="312"/>
        <source>%1 entries written to %2.</source>
        <translation>%1 entries written to %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="328"/>
        <source>Export the audit log</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="328"/>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <location filename="../../desktop/audit_words.py" line="25"/>
        <source>account added</source>
        <translation>account added</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="26"/>
        <source>staff contact added</source>
        <translation>staff contact added</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="27"/>
        <source>staff contacts viewed</source>
        <translation>staff contacts viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="28"/>
        <source>staff contact removed</source>
        <translation>staff contact removed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="29"/>
        <source>account deactivated</source>
        <translation>account deactivated</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="30"/>
        <source>accounts viewed</source>
        <translation>accounts viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="31"/>
        <source>password changed</source>
        <translation>password changed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="32"/>
        <source>password reset</source>
        <translation>password reset</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="33"/>
        <source>account reactivated</source>
        <translation>account reactivated</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="34"/>
        <source>role changed</source>
        <translation>role changed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="35"/>
        <source>two-step login confirmed</source>
        <translation>two-step login confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="36"/>
        <source>two-step login turned off</source>
        <translation>two-step login turned off</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="37"/>
        <source>two-step login set up</source>
        <translation>two-step login set up</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="38"/>
        <source>manual alert approved</source>
        <translation>manual alert approved</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="39"/>
        <source>manual alert cancelled</source>
        <translation>manual alert cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="40"/>
        <source>manual alert written</source>
        <translation>manual alert written</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="41"/>
        <source>manual alert edited</source>
        <translation>manual alert edited</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="42"/>
        <source>manual alert sent alone (emergency)</source>
        <translation>manual alert sent alone (emergency)</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="43"/>
        <source>manual alerts viewed</source>
        <translation>manual alerts viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="44"/>
        <source>manual alert password mailed</source>
        <translation>manual alert password mailed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="45"/>
        <source>manual alert previewed</source>
        <translation>manual alert previewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="46"/>
        <source>manual alert draft previewed</source>
        <translation>manual alert draft previewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="47"/>
        <source>manual alert scheduled</source>
        <translation>manual alert scheduled</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="48"/>
        <source>manual alert sent</source>
        <translation>manual alert sent</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="49"/>
        <source>manual alert submitted for approval</source>
        <translation>manual alert submitted for approval</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="50"/>
        <source>manual alert test mail</source>
        <translation>manual alert test mail</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="51"/>
        <source>manual alert viewed</source>
        <translation>manual alert viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="52"/>
        <source>audit log checkpoint</source>
        <translation>audit log checkpoint</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="53"/>
        <source>audit log exported</source>
        <translation>audit log exported</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="54"/>
        <source>audit log searched</source>
        <translation>audit log searched</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="55"/>
        <source>audit log chain verified</source>
        <translation>audit log chain verified</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="56"/>
        <source>backup made</source>
        <translation>backup made</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="57"/>
        <source>backup deleted</source>
        <translation>backup deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="58"/>
        <source>backups viewed</source>
        <translation>backups viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="59"/>
        <source>restored from a backup</source>
        <translation>restored from a backup</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="60"/>
        <source>backup checked</source>
        <translation>backup checked</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="61"/>
        <source>bounced mail read</source>
        <translation>bounced mail read</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="62"/>
        <source>bounce summary viewed</source>
        <translation>bounce summary viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="63"/>
        <source>dashboard viewed</source>
        <translation>dashboard viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="64"/>
        <source>demo subscribers made</source>
        <translation>demo subscribers made</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="65"/>
        <source>dispatch finished</source>
        <translation>dispatch finished</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="66"/>
        <source>dispatch queued</source>
        <translation>dispatch queued</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="67"/>
        <source>dispatch history viewed</source>
        <translation>dispatch history viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="68"/>
        <source>dispatch progress viewed</source>
        <translation>dispatch progress viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="69"/>
        <source>failed deliveries sent again</source>
        <translation>failed deliveries sent again</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="70"/>
        <source>dispatch details viewed</source>
        <translation>dispatch details viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="71"/>
        <source>DKIM key made</source>
        <translation>DKIM key made</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="72"/>
        <source>DKIM record shown</source>
        <translation>DKIM record shown</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="73"/>
        <source>health check run</source>
        <translation>health check run</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="74"/>
        <source>all data erased</source>
        <translation>all data erased</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="75"/>
        <source>erasure certificate issued</source>
        <translation>erasure certificate issued</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="76"/>
        <source>erasure started</source>
        <translation>erasure started</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="77"/>
        <source>erasure checked</source>
        <translation>erasure checked</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="78"/>
        <source>export approved</source>
        <translation>export approved</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="79"/>
        <source>export requests viewed</source>
        <translation>export requests viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="80"/>
        <source>export refused</source>
        <translation>export refused</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="81"/>
        <source>export requested</source>
        <translation>export requested</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="82"/>
        <source>login</source>
        <translation>login</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="83"/>
        <source>login failed</source>
        <translation>login failed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="84"/>
        <source>identity confirmed at this workstation</source>
        <translation>identity confirmed at this workstation</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="85"/>
        <source>mailbox viewed</source>
        <translation>mailbox viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="86"/>
        <source>mail in the mailbox opened</source>
        <translation>mail in the mailbox opened</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="87"/>
        <source>staff notification sent</source>
        <translation>staff notification sent</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="88"/>
        <source>staff notification test</source>
        <translation>staff notification test</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="89"/>
        <source>poster saved</source>
        <translation>poster saved</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="90"/>
        <source>poster viewed</source>
        <translation>poster viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="91"/>
        <source>bounce handled</source>
        <translation>bounce handled</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="92"/>
        <source>resident changed their topics</source>
        <translation>resident changed their topics</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="93"/>
        <source>registration confirmed</source>
        <translation>registration confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="94"/>
        <source>unconfirmed registration removed</source>
        <translation>unconfirmed registration removed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="95"/>
        <source>registration applied for</source>
        <translation>registration applied for</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="96"/>
        <source>registration service started</source>
        <translation>registration service started</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="97"/>
        <source>registration service stopped</source>
        <translation>registration service stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="98"/>
        <source>unsubscribe by mail</source>
        <translation>unsubscribe by mail</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="99"/>
        <source>resident unsubscribed</source>
        <translation>resident unsubscribed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="100"/>
        <source>handling report made</source>
        <translation>handling report made</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="101"/>
        <source>long-inactive subscribers erased</source>
        <translation>long-inactive subscribers erased</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="102"/>
        <source>expired records removed</source>
        <translation>expired records removed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="103"/>
        <source>service stop requested</source>
        <translation>service stop requested</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="104"/>
        <source>service state checked</source>
        <translation>service state checked</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="105"/>
        <source>OS service installed</source>
        <translation>OS service installed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="106"/>
        <source>service started from the desktop</source>
        <translation>service started from the desktop</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="107"/>
        <source>service stopped from the desktop</source>
        <translation>service stopped from the desktop</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="108"/>
        <source>service started</source>
        <translation>service started</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="109"/>
        <source>service stopped</source>
        <translation>service stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="110"/>
        <source>OS service removed</source>
        <translation>OS service removed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="111"/>
        <source>setting changed</source>
        <translation>setting changed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="112"/>
        <source>settings viewed</source>
        <translation>settings viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="113"/>
        <source>relay connection test</source>
        <translation>relay connection test</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="114"/>
        <source>stations changed</source>
        <translation>stations changed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="115"/>
        <source>stations viewed</source>
        <translation>stations viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="116"/>
        <source>statistics exported</source>
        <translation>statistics exported</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="117"/>
        <source>statistics viewed</source>
        <translation>statistics viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="118"/>
        <source>data folder set up</source>
        <translation>data folder set up</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="119"/>
        <source>administrator recovered</source>
        <translation>administrator recovered</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="120"/>
        <source>store key changed</source>
        <translation>store key changed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="121"/>
        <source>new recovery key issued</source>
        <translation>new recovery key issued</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="122"/>
        <source>subscriber added</source>
        <translation>subscriber added</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="123"/>
        <source>audience counted</source>
        <translation>audience counted</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="124"/>
        <source>subscriber changed</source>
        <translation>subscriber changed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="125"/>
        <source>subscribers counted</source>
        <translation>subscribers counted</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="126"/>
        <source>subscriber deleted</source>
        <translation>subscriber deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="127"/>
        <source>subscribers exported</source>
        <translation>subscribers exported</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="128"/>
        <source>subscribers imported</source>
        <translation>subscribers imported</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="129"/>
        <source>subscribers viewed</source>
        <translation>subscribers viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="130"/>
        <source>subscriber viewed</source>
        <translation>subscriber viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="131"/>
        <source>template deleted</source>
        <translation>template deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="132"/>
        <source>template previewed</source>
        <translation>template previewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="133"/>
        <source>template saved</source>
        <translation>template saved</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="134"/>
        <source>template viewed</source>
        <translation>template viewed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="140"/>
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="141"/>
        <source>added</source>
        <translation>added</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="142"/>
        <source>alert</source>
        <translation>alert</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="143"/>
        <source>anchors</source>
        <translation>anchors</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="144"/>
        <source>approval voided</source>
        <translation>approval voided</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="145"/>
        <source>audience</source>
        <translation>audience</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="146"/>
        <source>category</source>
        <translation>category</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="147"/>
        <source>password change at first login</source>
        <translation>password change at first login</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="148"/>
        <source>changed</source>
        <translation>changed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="149"/>
        <source>channel</source>
        <translation>channel</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="150"/>
        <source>characters</source>
        <translation>characters</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="151"/>
        <source>checked</source>
        <translation>checked</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="152"/>
        <source>contacts</source>
        <translation>contacts</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="153"/>
        <source>content hash</source>
        <translation>content hash</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="154"/>
        <source>correction of</source>
        <translation>correction of</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="155"/>
        <source>days</source>
        <translation>days</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="156"/>
        <source>emergency</source>
        <translation>emergency</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="157"/>
        <source>erased</source>
        <translation>erased</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="158"/>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="159"/>
        <source>exercise</source>
        <translation>exercise</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="160"/>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="161"/>
        <source>formats</source>
        <translation>formats</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="162"/>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="163"/>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="164"/>
        <source>label</source>
        <translation>label</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="165"/>
        <source>languages</source>
        <translation>languages</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="166"/>
        <source>once</source>
        <translation>once</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="167"/>
        <source>one click</source>
        <translation>one click</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="168"/>
        <source>outcome</source>
        <translation>outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="169"/>
        <source>previous hash</source>
        <translation>previous hash</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="170"/>
        <source>problems</source>
        <translation>problems</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="171"/>
        <source>reason</source>
        <translation>reason</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="172"/>
        <source>recipients</source>
        <translation>recipients</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="173"/>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="174"/>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="175"/>
        <source>sent again (in doubt)</source>
        <translation>sent again (in doubt)</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="176"/>
        <source>revision</source>
        <translation>revision</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="177"/>
        <source>role</source>
        <translation>role</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="178"/>
        <source>rows</source>
        <translation>rows</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="179"/>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="180"/>
        <source>shown</source>
        <translation>shown</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="181"/>
        <source>signed</source>
        <translation>signed</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="182"/>
        <source>source</source>
        <translation>source</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="183"/>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="184"/>
        <source>subscribers</source>
        <translation>subscribers</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="185"/>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="186"/>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="187"/>
        <source>topics</source>
        <translation>topics</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="188"/>
        <source>typed, not saved</source>
        <translation>typed, not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="189"/>
        <source>value</source>
        <translation>value</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="190"/>
        <source>via</source>
        <translation>via</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="195"/>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="196"/>
        <source>refused (no permission)</source>
        <translation>refused (no permission)</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="197"/>
        <source>problems found</source>
        <translation>problems found</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="198"/>
        <source>wrong two-step code</source>
        <translation>wrong two-step code</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="204"/>
        <source>account</source>
        <translation>account</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="205"/>
        <source>manual alert</source>
        <translation>manual alert</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="206"/>
        <source>backup</source>
        <translation>backup</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="207"/>
        <source>dispatch</source>
        <translation>dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="208"/>
        <source>export</source>
        <translation>export</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="209"/>
        <source>setting</source>
        <translation>setting</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="210"/>
        <source>subscriber</source>
        <translation>subscriber</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="211"/>
        <source>template</source>
        <translation>template</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="231"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_words.py" line="233"/>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>BackupsBox</name>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="59"/>
        <source>Backups and restore</source>
        <extracomment>The log viewer shows the end of the log file: this many bytes at most.</extracomment>
        <translation>Backups and restore</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="64"/>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="65"/>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="66"/>
        <source>Rows</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="67"/>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="68"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="72"/>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="75"/>
        <source>Back up now</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="77"/>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="79"/>
        <source>Restore…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="90"/>
        <source>Encrypted copies of the data, checked when written. A backup is made every night by the service; make one now before a big change.</source>
        <translation>Encrypted copies of the data, checked when written. A backup is made every night by the service; make one now before a big change.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="119"/>
        <source>Working… the program stays usable.</source>
        <translation>Working… the program stays usable.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="143"/>
        <source>Backup %1 written and checked.</source>
        <translation>Backup %1 written and checked.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="149"/>
        <location filename="../../desktop/windows/maintenance.py" line="178"/>
        <source>Select a backup first.</source>
        <translation>Select a backup first.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="153"/>
        <source>Backup %1 is complete and opens with this store&apos;s key.</source>
        <translation>Backup %1 is complete and opens with this store&apos;s key.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="162"/>
        <source>Restore a backup: this replaces the subscribers and alerts</source>
        <translation>Restore a backup: this replaces the subscribers and alerts</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="164"/>
        <source>Restoring %1 REPLACES the subscribers, settings, alerts and delivery records with the backup&apos;s; changes since the backup are lost. Residents erased or stopped since stay so; staff accounts, keys and the audit log are not changed. A safety backup of the current data is made first and kept until you delete it. The service must be stopped.

Type RESTORE to continue.</source>
        <translation>Restoring %1 REPLACES the subscribers, settings, alerts and delivery records with the backup&apos;s; changes since the backup are lost. Residents erased or stopped since stay so; staff accounts, keys and the audit log are not changed. A safety backup of the current data is made first and kept until you delete it. The service must be stopped.

Type RESTORE to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="181"/>
        <source>Restore cancelled; nothing was changed.</source>
        <translation>Restore cancelled; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="189"/>
        <source>The data was restored from %1. Log out and in again to see it everywhere.</source>
        <translation>The data was restored from %1. Log out and in again to see it everywhere.</translation>
    </message>
</context>
<context>
    <name>BounceSettingsBox</name>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="204"/>
        <source>Bounces of alert mail</source>
        <translation>Bounces of alert mail</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="207"/>
        <source>Alert mail goes out with a return address of its own per delivery; the carriers&apos; bounces come back to this mailbox, which is read and never emptied of mail that is not a bounce of ours.</source>
        <translation>Alert mail goes out with a return address of its own per delivery; the carriers&apos; bounces come back to this mailbox, which is read and never emptied of mail that is not a bounce of ours.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="215"/>
        <source>Mailbox server (IMAP; empty: not read)</source>
        <translation>Mailbox server (IMAP; empty: not read)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="216"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="217"/>
        <source>Security</source>
        <translation>Security</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="218"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="219"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="220"/>
        <source>CA file (PEM)</source>
        <translation>CA file (PEM)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="221"/>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="222"/>
        <source>Seconds between reads</source>
        <translation>Seconds between reads</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="223"/>
        <source>Hard bounces that suspend an address</source>
        <translation>Hard bounces that suspend an address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="224"/>
        <source>…counted over the last (days)</source>
        <translation>…counted over the last (days)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="226"/>
        <source>Suspend at once when the address does not exist</source>
        <translation>Suspend at once when the address does not exist</translation>
    </message>
</context>
<context>
    <name>CarrierGroupsBox</name>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="235"/>
        <source>Carrier pacing</source>
        <translation>Carrier pacing</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="238"/>
        <source>How fast mail to each mobile carrier may go. Tune the figures with the relay&apos;s operator; other domains have no limit of their own. Recipients per second or per session empty: no limit.</source>
        <translation>How fast mail to each mobile carrier may go. Tune the figures with the relay&apos;s operator; other domains have no limit of their own. Recipients per second or per session empty: no limit.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="247"/>
        <source>Carrier groups</source>
        <translation>Carrier groups</translation>
    </message>
</context>
<context>
    <name>CarrierGroupsEditor</name>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="48"/>
        <source>Group</source>
        <extracomment>The columns of a carrier group: its key in the setting&apos;s JSON.</extracomment>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="49"/>
        <source>Domains</source>
        <translation>Domains</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="50"/>
        <source>Recipients per second</source>
        <translation>Recipients per second</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="51"/>
        <source>Recipients per session</source>
        <translation>Recipients per session</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="52"/>
        <source>Soft-bounce retries</source>
        <translation>Soft-bounce retries</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="53"/>
        <source>Minutes between retries</source>
        <translation>Minutes between retries</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="56"/>
        <source>Carrier groups</source>
        <translation>Carrier groups</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="63"/>
        <source>Add a group</source>
        <translation>Add a group</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="65"/>
        <source>Remove the selected group</source>
        <translation>Remove the selected group</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="150"/>
        <source>Carrier group %1 (row %2)</source>
        <translation>Carrier group %1 (row %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="154"/>
        <source>: give a name of a-z, 0-9, - or _ (not &apos;other&apos;).</source>
        <translation>: give a name of a-z, 0-9, - or _ (not &apos;other&apos;).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="156"/>
        <source>: this name is given twice.</source>
        <translation>: this name is given twice.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="161"/>
        <source>: give its mail domains, e.g. docomo.ne.jp, separated by commas.</source>
        <translation>: give its mail domains, e.g. docomo.ne.jp, separated by commas.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="169"/>
        <source>recipients per second</source>
        <translation>recipients per second</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="170"/>
        <source>recipients per session</source>
        <translation>recipients per session</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="171"/>
        <source>soft-bounce retries</source>
        <translation>soft-bounce retries</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="172"/>
        <source>minutes between retries</source>
        <translation>minutes between retries</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="180"/>
        <source>: %1 must be a whole number from %2 to %3.</source>
        <translation>: %1 must be a whole number from %2 to %3.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/bounce_settings.py" line="182"/>
        <source>: %1 must be a number from %2 to %3, or empty for no limit.</source>
        <translation>: %1 must be a number from %2 to %3, or empty for no limit.</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <location filename="../../desktop/widgets/common.py" line="290"/>
        <source>Cancel</source>
        <extracomment>The keyboard focus, visible on every focusable widget: a 3 px blue ring (Fusion&apos;s own is a 1 px line a tired eye misses on a button). Only ``:focus`` rules, so the rest keeps the platform&apos;s look; the padding matches the unfocused widget, so nothing moves when focus does. Spin boxes are filled light blue instead (a border there hides their arrows).</extracomment>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="201"/>
        <source>Add a notification address</source>
        <translation>Add a notification address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="205"/>
        <source>e.g. duty-phone@docomo.ne.jp</source>
        <translation>e.g. duty-phone@docomo.ne.jp</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="207"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="208"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
</context>
<context>
    <name>ContactsBox</name>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="50"/>
        <location filename="../../desktop/windows/staff_contacts.py" line="71"/>
        <source>Staff notification addresses</source>
        <extracomment>The list was (re)loaded: the number of addresses. An add, a removal or a test ended: its result, or the exception.</extracomment>
        <translation>Staff notification addresses</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="57"/>
        <source>Where kishomail tells the staff of a failure or a serious warning (a duty phone, the office mailbox). Which roles receive which notification is the setting notify.routes.</source>
        <extracomment>The active accounts (loaded with the list), offered when adding an address.</extracomment>
        <translation>Where kishomail tells the staff of a failure or a serious warning (a duty phone, the office mailbox). Which roles receive which notification is the setting notify.routes.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="65"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="66"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="67"/>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="74"/>
        <source>Add an address…</source>
        <translation>Add an address…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="76"/>
        <source>Remove the address</source>
        <translation>Remove the address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="78"/>
        <source>Send a test notification</source>
        <translation>Send a test notification</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="80"/>
        <source>One test mail to every address, through the relay (or the second relay).</source>
        <translation>One test mail to every address, through the relay (or the second relay).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="130"/>
        <source>%1 now receives notifications at %2.</source>
        <translation>%1 now receives notifications at %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="138"/>
        <source>Select an address first.</source>
        <translation>Select an address first.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="142"/>
        <source>Remove a notification address</source>
        <translation>Remove a notification address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="143"/>
        <source>Stop sending staff notifications for %1 to %2?</source>
        <translation>Stop sending staff notifications for %1 to %2?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="146"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="152"/>
        <source>The address was removed.</source>
        <translation>The address was removed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="163"/>
        <source>Test notification: no relay is set, so it went into this PC&apos;s local mailbox (tab &quot;Mailbox&quot;) and reached no phone.</source>
        <translation>Test notification: no relay is set, so it went into this PC&apos;s local mailbox (tab &quot;Mailbox&quot;) and reached no phone.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/staff_contacts.py" line="168"/>
        <source>Test notification: %1 of %2 addresses accepted it.</source>
        <translation>Test notification: %1 of %2 addresses accepted it.</translation>
    </message>
</context>
<context>
    <name>CoreWords</name>
    <message>
        <location filename="../../desktop/core_words.py" line="52"/>
        <source>An e-mail address cannot contain a line break.</source>
        <translation>An e-mail address cannot contain a line break.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="56"/>
        <source>The e-mail address is empty.</source>
        <translation>The e-mail address is empty.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="60"/>
        <source>The e-mail address is longer than 254 characters.</source>
        <translation>The e-mail address is longer than 254 characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="64"/>
        <source>An e-mail address has exactly one &apos;@&apos;.</source>
        <translation>An e-mail address has exactly one &apos;@&apos;.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="69"/>
        <source>The part before &apos;@&apos; may hold only half-width letters, digits, dots and !#$%&amp;&apos;*+/=?^_`{|}~-, and may not start with a dot.</source>
        <translation>The part before &apos;@&apos; may hold only half-width letters, digits, dots and !#$%&amp;&apos;*+/=?^_`{|}~-, and may not start with a dot.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="76"/>
        <source>The part after &apos;@&apos; is not a valid domain name; check the spelling.</source>
        <translation>The part after &apos;@&apos; is not a valid domain name; check the spelling.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="81"/>
        <source>The domain after &apos;@&apos; does not end in a real top-level domain.</source>
        <translation>The domain after &apos;@&apos; does not end in a real top-level domain.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="86"/>
        <source>This address is already registered; change the existing entry instead.</source>
        <translation>This address is already registered; change the existing entry instead.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="96"/>
        <source>Choose at least one topic (warnings, rain, river or Kanda River).</source>
        <translation>Choose at least one topic (warnings, rain, river or Kanda River).</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="101"/>
        <source>Choose at least one river station, or all.</source>
        <translation>Choose at least one river station, or all.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="106"/>
        <source>The rain threshold must be one of %1 mm/h, not %2.</source>
        <translation>The rain threshold must be one of %1 mm/h, not %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="111"/>
        <source>Quiet hours are times of day between 00:00 and 23:59.</source>
        <translation>Quiet hours are times of day between 00:00 and 23:59.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="115"/>
        <source>Quiet hours need a start and an end that differ.</source>
        <translation>Quiet hours need a start and an end that differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="119"/>
        <source>Quiet hours must look like 22:00-06:00, not %1.</source>
        <translation>Quiet hours must look like 22:00-06:00, not %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="124"/>
        <source>Unknown river %1; choose from Kanda, Zenpukuji or Myoshoji.</source>
        <translation>Unknown river %1; choose from Kanda, Zenpukuji or Myoshoji.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="130"/>
        <source>Unknown topic %1; choose from warnings, rain, river or kanda.</source>
        <translation>Unknown topic %1; choose from warnings, rain, river or kanda.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="136"/>
        <source>Unknown river station %1; choose from %2 or all.</source>
        <translation>Unknown river station %1; choose from %2 or all.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="146"/>
        <source>unknown topic %1</source>
        <translation>unknown topic %1</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="150"/>
        <source>unknown language %1 (ja, en, やさしい日本語)</source>
        <translation>unknown language %1 (ja, en, やさしい日本語)</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="155"/>
        <source>unknown warning level %1 (注意報/警報/危険警報/特別警報)</source>
        <translation>unknown warning level %1 (注意報/警報/危険警報/特別警報)</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="161"/>
        <source>unknown river stage %1 (氾濫注意/避難判断/氾濫危険)</source>
        <translation>unknown river stage %1 (氾濫注意/避難判断/氾濫危険)</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="167"/>
        <source>the rain threshold %1 is not a whole number of mm/h</source>
        <translation>the rain threshold %1 is not a whole number of mm/h</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="172"/>
        <source>the rain threshold %1 is not one of %2 mm/h</source>
        <translation>the rain threshold %1 is not one of %2 mm/h</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="176"/>
        <source>the consent time %1 is not a date and time</source>
        <translation>the consent time %1 is not a date and time</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="180"/>
        <source>river stations are chosen but the river topic is not</source>
        <translation>river stations are chosen but the river topic is not</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="184"/>
        <source>repeats the address of line %1</source>
        <translation>repeats the address of line %1</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="194"/>
        <source>%1: a line break or another control character is not allowed</source>
        <translation>%1: a line break or another control character is not allowed</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="199"/>
        <source>%1: not a plain half-width address or link</source>
        <translation>%1: not a plain half-width address or link</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="204"/>
        <source>Give the attachment&apos;s file name only, without a folder (no / or \).</source>
        <translation>Give the attachment&apos;s file name only, without a folder (no / or \).</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="209"/>
        <source>The attachment needs a file name.</source>
        <translation>The attachment needs a file name.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="214"/>
        <source>The attachment&apos;s file name may have at most %1 characters.</source>
        <translation>The attachment&apos;s file name may have at most %1 characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="220"/>
        <source>Attachment %1: %2 is not a file type (e.g. application/pdf).</source>
        <translation>Attachment %1: %2 is not a file type (e.g. application/pdf).</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="227"/>
        <source>Attachment %1 is empty.</source>
        <translation>Attachment %1 is empty.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="235"/>
        <source>The attachments (%1 MB) take %2 MB in the mail; the mobile carriers refuse mail over %3 MB, so many residents would get nothing. Send a smaller file, or put it on the ward&apos;s web page and give its address.</source>
        <translation>The attachments (%1 MB) take %2 MB in the mail; the mobile carriers refuse mail over %3 MB, so many residents would get nothing. Send a smaller file, or put it on the ward&apos;s web page and give its address.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="256"/>
        <source>%1 could not be read (%2). It is tried again by itself; check the network, the proxy and the feed address in Settings.</source>
        <translation>%1 could not be read (%2). It is tried again by itself; check the network, the proxy and the feed address in Settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="265"/>
        <source>%1 is not a usable Atom feed (%2).</source>
        <translation>%1 is not a usable Atom feed (%2).</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="270"/>
        <source>The gauge file %1 could not be read (%2): see the feeds manual.</source>
        <translation>The gauge file %1 could not be read (%2): see the feeds manual.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="284"/>
        <source>The telegram %1 could not be read (%2): only JMA&apos;s 防災情報XML telegrams, unmodified, are taken.</source>
        <translation>The telegram %1 could not be read (%2): only JMA&apos;s 防災情報XML telegrams, unmodified, are taken.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="295"/>
        <source>The telegram %1 could not be stored (%2); it is taken again at the next poll. Check the disk of the data folder.</source>
        <translation>The telegram %1 could not be stored (%2); it is taken again at the next poll. Check the disk of the data folder.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="305"/>
        <source>This is not a valid recovery key: a character is mistyped or missing. Type it again exactly as it was printed.</source>
        <translation>This is not a valid recovery key: a character is mistyped or missing. Type it again exactly as it was printed.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="312"/>
        <source>This recovery key belongs to another data folder, not this one.</source>
        <translation>This recovery key belongs to another data folder, not this one.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_words.py" line="317"/>
        <source>The scheduled manual alerts could not be queued.</source>
        <translation>The scheduled manual alerts could not be queued.</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../desktop/errors.py" line="221"/>
        <source>kishomail: unexpected error</source>
        <translation>kishomail: unexpected error</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="223"/>
        <source>Something unexpected went wrong. The details are in the log file in %1. The work in progress continues; if this repeats, tell the system administrator.</source>
        <translation>Something unexpected went wrong. The details are in the log file in %1. The work in progress continues; if this repeats, tell the system administrator.</translation>
    </message>
</context>
<context>
    <name>CrashTraceDialog</name>
    <message>
        <location filename="../../desktop/dialogs/crash.py" line="26"/>
        <source>kishomail stopped unexpectedly last time</source>
        <translation>kishomail stopped unexpectedly last time</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crash.py" line="30"/>
        <source>The last time kishomail ran, an unexpected error happened. Give this text to the system administrator (Copy), or send the file from the log folder %1.</source>
        <translation>The last time kishomail ran, an unexpected error happened. Give this text to the system administrator (Copy), or send the file from the log folder %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crash.py" line="38"/>
        <source>Error details</source>
        <translation>Error details</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crash.py" line="40"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crash.py" line="41"/>
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="86"/>
        <source>Service state</source>
        <extracomment>A new alert was shown (title) — tests and the tray use it. A staff notification reached not every contact: shown and sounded. The sound on a new レベル４+ warning (set by the main window; on by default). The banner&apos;s 警戒レベル (0: none), so a 解除 does not hide a レベル４ in force. When the last poll failed (monotonic seconds) and the poll interval in seconds.</extracomment>
        <translation>Service state</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="88"/>
        <source>Start the service</source>
        <translation>Start the service</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="91"/>
        <source>Poll the feed and send alerts (Ctrl+Shift+S)</source>
        <translation>Poll the feed and send alerts (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="93"/>
        <location filename="../../desktop/windows/dashboard.py" line="414"/>
        <source>Stop the service</source>
        <translation>Stop the service</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="101"/>
        <source>Engine health</source>
        <translation>Engine health</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="110"/>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="115"/>
        <source>Warning / forecast</source>
        <translation>Warning / forecast</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="116"/>
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="117"/>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="121"/>
        <source>Warnings in force</source>
        <translation>Warnings in force</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="124"/>
        <source>No warning or advisory is in force for the ward.</source>
        <translation>No warning or advisory is in force for the ward.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="126"/>
        <source>In force now</source>
        <translation>In force now</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="132"/>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="137"/>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="147"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="148"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="150"/>
        <source>Last reading</source>
        <translation>Last reading</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="151"/>
        <source>none yet</source>
        <translation>none yet</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="154"/>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="162"/>
        <source>Gauge sources</source>
        <translation>Gauge sources</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="165"/>
        <location filename="../../desktop/windows/dashboard.py" line="572"/>
        <source>Gauges</source>
        <translation>Gauges</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="177"/>
        <location filename="../../desktop/windows/dashboard.py" line="208"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="178"/>
        <location filename="../../desktop/windows/dashboard.py" line="210"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="180"/>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="185"/>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="187"/>
        <source>%1 /s</source>
        <translation>%1 /s</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="191"/>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="195"/>
        <source>Dispatches running</source>
        <translation>Dispatches running</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="199"/>
        <source>No dispatch is running.</source>
        <translation>No dispatch is running.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="200"/>
        <location filename="../../desktop/windows/dashboard.py" line="422"/>
        <source>Sending now</source>
        <translation>Sending now</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="209"/>
        <source>Detected</source>
        <translation>Detected</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="211"/>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="215"/>
        <source>Last alerts</source>
        <translation>Last alerts</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="217"/>
        <source>Last alerts and their outcome</source>
        <translation>Last alerts and their outcome</translation>
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
        <translation>%1 (exercise)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="274"/>
        <source>AMeDAS (rain)</source>
        <translation>AMeDAS (rain)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="275"/>
        <source>MLIT crisis gauges (water level)</source>
        <translation>MLIT crisis gauges (water level)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="276"/>
        <source>Office CSV</source>
        <translation>Office CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="281"/>
        <source>stale</source>
        <translation>stale</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="282"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="283"/>
        <source>%1 (stale)</source>
        <translation>%1 (stale)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="298"/>
        <source>sending: %1 of %2</source>
        <translation>sending: %1 of %2</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="306"/>
        <source>%1 sent, %2 failed</source>
        <translation>%1 sent, %2 failed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="315"/>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="303"/>
        <location filename="../../desktop/windows/dashboard.py" line="316"/>
        <source>%1 sent</source>
        <translation>%1 sent</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="265"/>
        <source>Advisory</source>
        <translation>Advisory</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="266"/>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="267"/>
        <source>Danger warning</source>
        <translation>Danger warning</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="268"/>
        <source>Emergency warning</source>
        <translation>Emergency warning</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="287"/>
        <source>Warning level %1</source>
        <translation>Warning level %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="311"/>
        <source>, %1 not sent as superseded</source>
        <translation>, %1 not sent as superseded</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="332"/>
        <source>Service stopped: no feed is read and nothing is sent.</source>
        <translation>Service stopped: no feed is read and nothing is sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="333"/>
        <source>Service starting…</source>
        <translation>Service starting…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="328"/>
        <location filename="../../desktop/windows/dashboard.py" line="334"/>
        <source>Service running: the feed is read and alerts are sent.</source>
        <translation>Service running: the feed is read and alerts are sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="335"/>
        <source>Service stopping (finishing the current batch)…</source>
        <translation>Service stopping (finishing the current batch)…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="325"/>
        <source>Service running (the OS service of this computer): the feed is read and alerts are sent, whoever is logged in.</source>
        <translation>Service running (the OS service of this computer): the feed is read and alerts are sent, whoever is logged in.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="371"/>
        <source>Last successful poll: none yet.</source>
        <translation>Last successful poll: none yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="375"/>
        <source>Last successful poll: %1 (%2 ago).</source>
        <translation>Last successful poll: %1 (%2 ago).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="380"/>
        <source>Feed: failing (%1).</source>
        <translation>Feed: failing (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="382"/>
        <source>Feed: ok.</source>
        <translation>Feed: ok.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="384"/>
        <source>Mail relay: failing (%1).</source>
        <translation>Mail relay: failing (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="386"/>
        <source>Mail relay: nothing sent yet.</source>
        <translation>Mail relay: nothing sent yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="388"/>
        <source>Mail relay: ok.</source>
        <translation>Mail relay: ok.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="389"/>
        <source>Waiting to be sent: %1.</source>
        <translation>Waiting to be sent: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="405"/>
        <source>The OS service of this computer stops: no feed is read and no alert is sent, for every staff member, until it is started again (also after a restart of the computer it starts by itself).</source>
        <translation>The OS service of this computer stops: no feed is read and no alert is sent, for every staff member, until it is started again (also after a restart of the computer it starts by itself).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="411"/>
        <source>The service running in the background on this computer (process %1) stops: no feed is read and no alert is sent until it is started again.</source>
        <translation>The service running in the background on this computer (process %1) stops: no feed is read and no alert is sent until it is started again.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="414"/>
        <source>Stop the service?</source>
        <translation>Stop the service?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="420"/>
        <source>Not finished: sent when the service runs again</source>
        <translation>Not finished: sent when the service runs again</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="503"/>
        <source>Service running, but the feed cannot be read: no new warning arrives. See the feed error below.</source>
        <translation>Service running, but the feed cannot be read: no new warning arrives. See the feed error below.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="572"/>
        <source>Gauges: %1 stale</source>
        <translation>Gauges: %1 stale</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="352"/>
        <source>No mail relay is set: mail goes only into the local mailbox on this computer (tab &quot;Mailbox&quot;). Nothing reaches residents.</source>
        <translation>No mail relay is set: mail goes only into the local mailbox on this computer (tab &quot;Mailbox&quot;). Nothing reaches residents.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="436"/>
        <source>New alert: %1 — %2 recipients</source>
        <translation>New alert: %1 — %2 recipients</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="460"/>
        <source>New warning</source>
        <translation>New warning</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="467"/>
        <source>Scheduled manual alert sent out: %1 — %2 recipients</source>
        <translation>Scheduled manual alert sent out: %1 — %2 recipients</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="484"/>
        <source>Last feed error: %1</source>
        <translation>Last feed error: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/engine_troubles.py" line="21"/>
        <source>The mail relay could not be used; sending is retried in a minute. (%1)</source>
        <translation>The mail relay could not be used; sending is retried in a minute. (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/engine_troubles.py" line="26"/>
        <source>The daily backup failed: no new backup was made. Check the backup folder and its disk, then press &quot;Back up now&quot; (tab &quot;Settings&quot;). (%1)</source>
        <translation>The daily backup failed: no new backup was made. Check the backup folder and its disk, then press &quot;Back up now&quot; (tab &quot;Settings&quot;). (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/engine_troubles.py" line="33"/>
        <source>A staff notification did not reach the duty phones: 「%1」 reached %2 of %3 contacts (relay and second relay failed). Check the mail relay, and tell the duty officers by telephone.</source>
        <translation>A staff notification did not reach the duty phones: 「%1」 reached %2 of %3 contacts (relay and second relay failed). Check the mail relay, and tell the duty officers by telephone.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="546"/>
        <source>Last telegram: %1 (%2). %3 telegrams stored.</source>
        <translation>Last telegram: %1 (%2). %3 telegrams stored.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="552"/>
        <source>No telegram received yet.</source>
        <translation>No telegram received yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="554"/>
        <source>the bundled demo telegrams</source>
        <translation>the bundled demo telegrams</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="558"/>
        <source>Source: %1, every %2 s</source>
        <translation>Source: %1, every %2 s</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <location filename="../../desktop/errors.py" line="64"/>
        <source>Something unexpected went wrong: %1</source>
        <extracomment>The last unexpected error&apos;s trace, offered on the next start (then renamed to SEEN).</extracomment>
        <translation>Something unexpected went wrong: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="79"/>
        <source>The account name or the password is wrong. Check both and try again.</source>
        <translation>The account name or the password is wrong. Check both and try again.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/errors.py" line="84"/>
        <source>This account is locked after too many failed logins. Try again in %n second(s), or ask an administrator.</source>
        <translation>
            <numerusform>This account is locked after too many failed logins. Try again in %n seconds, or ask an administrator.</numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="89"/>
        <source>This account is locked after too many failed logins.</source>
        <translation>This account is locked after too many failed logins.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="92"/>
        <source>This account has been deactivated. Ask an administrator to reactivate it.</source>
        <translation>This account has been deactivated. Ask an administrator to reactivate it.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="95"/>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation>Enter the 6-digit code from your authenticator app.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="98"/>
        <source>Two-step login is required for every account. Ask an administrator to set it up for you.</source>
        <translation>Two-step login is required for every account. Ask an administrator to set it up for you.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="107"/>
        <source>The key file (kishomail.keys) is missing from the data folder. Without it the data cannot be opened: restore the key file from your backup into that folder.</source>
        <translation>The key file (kishomail.keys) is missing from the data folder. Without it the data cannot be opened: restore the key file from your backup into that folder.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="111"/>
        <source>The key file (kishomail.keys) is damaged. Restore it from a backup.</source>
        <translation>The key file (kishomail.keys) is damaged. Restore it from a backup.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="114"/>
        <source>Another kishomail program is changing the key file (a login, a password change or a re-encryption). Nothing was changed; try again when it has finished.</source>
        <translation>Another kishomail program is changing the key file (a login, a password change or a re-encryption). Nothing was changed; try again when it has finished.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="118"/>
        <source>There is no kishomail data in this folder.</source>
        <translation>There is no kishomail data in this folder.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="120"/>
        <source>This folder holds a database that is not kishomail&apos;s.</source>
        <translation>This folder holds a database that is not kishomail&apos;s.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="122"/>
        <source>The data was written by a newer kishomail. Update this program.</source>
        <translation>The data was written by a newer kishomail. Update this program.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="125"/>
        <source>The data is busy: another kishomail program has been writing to it for more than 10 seconds. Nothing was changed; try again in a minute.</source>
        <translation>The data is busy: another kishomail program has been writing to it for more than 10 seconds. Nothing was changed; try again in a minute.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="130"/>
        <source>The data cannot be written: the disk is full (or the folder cannot be written). Nothing was changed. Free space on that disk and try again.</source>
        <translation>The data cannot be written: the disk is full (or the folder cannot be written). Nothing was changed. Free space on that disk and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="141"/>
        <source>The relay&apos;s certificate is not trusted or not made out to its host name. Check the host name and the CA file. Nothing was sent.</source>
        <translation>The relay&apos;s certificate is not trusted or not made out to its host name. Check the host name and the CA file. Nothing was sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="146"/>
        <source>The relay does not offer STARTTLS, so kishomail did not log in or send (never without encryption). Check the security choice and the port.</source>
        <translation>The relay does not offer STARTTLS, so kishomail did not log in or send (never without encryption). Check the security choice and the port.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="151"/>
        <source>The encrypted connection to the relay failed. Check that the security choice (STARTTLS or implicit TLS) matches the port.</source>
        <translation>The encrypted connection to the relay failed. Check that the security choice (STARTTLS or implicit TLS) matches the port.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="156"/>
        <source>The relay refused the user name or the password. Check both in Settings.</source>
        <translation>The relay refused the user name or the password. Check both in Settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="159"/>
        <source>The relay could not be reached or refused the connection. Check the host name, the port and the network, and try again in a few minutes. Nothing was sent.</source>
        <translation>The relay could not be reached or refused the connection. Check the host name, the port and the network, and try again in a few minutes. Nothing was sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="166"/>
        <source>This backup does not open with this data&apos;s key: it belongs to other data or was made before a key change. Choose another backup, or restore with the recovery key of that time (administrator manual). Nothing was changed.</source>
        <translation>This backup does not open with this data&apos;s key: it belongs to other data or was made before a key change. Choose another backup, or restore with the recovery key of that time (administrator manual). Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="171"/>
        <source>This backup is damaged or incomplete: it cannot be used. Choose another backup. Nothing was changed.</source>
        <translation>This backup is damaged or incomplete: it cannot be used. Choose another backup. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="178"/>
        <source>Your role may not do this. Ask a colleague with that role.</source>
        <translation>Your role may not do this. Ask a colleague with that role.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="183"/>
        <source>This cannot be done now: %1</source>
        <translation>This cannot be done now: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="180"/>
        <source>It no longer exists (someone may have deleted it).</source>
        <translation>It no longer exists (someone may have deleted it).</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="185"/>
        <source>Please check the input: %1</source>
        <translation>Please check the input: %1</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../desktop/windows/history.py" line="61"/>
        <source>No.</source>
        <extracomment>Failed deliveries were queued again: how many. The chosen dispatch&apos;s detail (the mail as sent) is shown.</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="62"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="63"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="64"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="66"/>
        <source>JMA report</source>
        <translation>JMA report</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="69"/>
        <source>Detected</source>
        <translation>Detected</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="74"/>
        <source>First accepted</source>
        <translation>First accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="79"/>
        <source>Last accepted</source>
        <translation>Last accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="84"/>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="86"/>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="88"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="97"/>
        <source>Not sent (superseded)</source>
        <translation>Not sent (superseded)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="99"/>
        <source>%1 not sent as superseded</source>
        <translation>%1 not sent as superseded</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="109"/>
        <source>Bounced (hard)</source>
        <translation>Bounced (hard)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="114"/>
        <source>Accepted by the relay, then returned by the carrier: the address does not exist or refuses mail. Counts towards suspending it.</source>
        <translation>Accepted by the relay, then returned by the carrier: the address does not exist or refuses mail. Counts towards suspending it.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="119"/>
        <source>Bounced (soft)</source>
        <translation>Bounced (soft)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="123"/>
        <source>Accepted by the relay, then returned by the carrier for a passing reason (e.g. a full mailbox) after every retry. Never suspends.</source>
        <translation>Accepted by the relay, then returned by the carrier for a passing reason (e.g. a full mailbox) after every retry. Never suspends.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="135"/>
        <source>Dispatches</source>
        <extracomment>The order chosen by a header click (core key, descending); None: newest first.</extracomment>
        <translation>Dispatches</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="142"/>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="143"/>
        <source>Subscriber ID</source>
        <translation>Subscriber ID</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="144"/>
        <source>SMTP code</source>
        <translation>SMTP code</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="145"/>
        <source>Server&apos;s reply or bounce</source>
        <translation>Server&apos;s reply or bounce</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="149"/>
        <source>Failed deliveries</source>
        <translation>Failed deliveries</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="151"/>
        <source>Select a dispatch to see its failed deliveries.</source>
        <translation>Select a dispatch to see its failed deliveries.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="155"/>
        <source>Resend failed deliveries</source>
        <translation>Resend failed deliveries</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="158"/>
        <source>Queues again the deliveries that failed for a temporary reason (busy server, lost connection) to subscribers who are still active. Refused addresses (5xx) are not resent. The running service sends them within seconds.</source>
        <translation>Queues again the deliveries that failed for a temporary reason (busy server, lost connection) to subscribers who are still active. Refused addresses (5xx) are not resent. The running service sends them within seconds.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="169"/>
        <source>The dispatch&apos;s mail as sent</source>
        <translation>The dispatch&apos;s mail as sent</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="170"/>
        <source>Select a dispatch to see its mail as it went out.</source>
        <translation>Select a dispatch to see its mail as it went out.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="183"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="188"/>
        <source>Kind of dispatch</source>
        <translation>Kind of dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="189"/>
        <source>Every kind</source>
        <translation>Every kind</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="194"/>
        <source>Words in the subject</source>
        <translation>Words in the subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="195"/>
        <source>Words in the subject, e.g. 大雨</source>
        <translation>Words in the subject, e.g. 大雨</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="205"/>
        <source>Every dispatch, newest first. Times are Tokyo time.</source>
        <translation>Every dispatch, newest first. Times are Tokyo time.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="308"/>
        <source>Not sent: a later alert replaced it during quiet hours</source>
        <translation>Not sent: a later alert replaced it during quiet hours</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="320"/>
        <source>Dispatch %1: %2 failed deliveries</source>
        <translation>Dispatch %1: %2 failed deliveries</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="325"/>
        <source>, %1 not sent as superseded</source>
        <translation>, %1 not sent as superseded</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="329"/>
        <source>, %1 bounced after the relay accepted them</source>
        <translation>, %1 bounced after the relay accepted them</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="351"/>
        <source>Bounced by the carrier: the address is dead (%1)</source>
        <translation>Bounced by the carrier: the address is dead (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="353"/>
        <source>Bounced by the carrier for a passing reason; it is sent again (%1)</source>
        <translation>Bounced by the carrier for a passing reason; it is sent again (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="355"/>
        <source>Bounced by the carrier for a passing reason, every retry used (%1)</source>
        <translation>Bounced by the carrier for a passing reason, every retry used (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="362"/>
        <source>Resend failed deliveries?</source>
        <translation>Resend failed deliveries?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="364"/>
        <source>Send dispatch %1 (%2) again to the subscribers it failed to reach for a temporary reason? Someone whose server accepted it after all gets it twice.</source>
        <translation>Send dispatch %1 (%2) again to the subscribers it failed to reach for a temporary reason? Someone whose server accepted it after all gets it twice.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="382"/>
        <source>%1 deliveries of dispatch %2 are queued again; the running service sends them (start it on the dashboard if it is stopped).</source>
        <translation>%1 deliveries of dispatch %2 are queued again; the running service sends them (start it on the dashboard if it is stopped).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="392"/>
        <source>Nothing to resend: the failures of dispatch %1 are refused addresses or subscribers who are no longer active.</source>
        <translation>Nothing to resend: the failures of dispatch %1 are refused addresses or subscribers who are no longer active.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="422"/>
        <source>Dispatch %1 (%2): %3</source>
        <translation>Dispatch %1 (%2): %3</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="426"/>
        <source>Detected %1, first accepted %2, last accepted %3</source>
        <translation>Detected %1, first accepted %2, last accepted %3</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="435"/>
        <source>%1 recipients (%2)</source>
        <translation>%1 recipients (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="441"/>
        <source>single-person emergency send</source>
        <translation>single-person emergency send</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="443"/>
        <source>approved by %1</source>
        <translation>approved by %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="448"/>
        <source>Written by %1, %2</source>
        <translation>Written by %1, %2</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="457"/>
        <source>  %1: %2 accepted, %3 waiting for a retry, %4 failed, %5 bounced; last accepted %6 s after the detection</source>
        <translation>  %1: %2 accepted, %3 waiting for a retry, %4 failed, %5 bounced; last accepted %6 s after the detection</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="469"/>
        <source>〔each subscriber&apos;s own link〕</source>
        <translation>〔each subscriber&apos;s own link〕</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="476"/>
        <source>The mail&apos;s text is no longer kept (removed after its retention time).</source>
        <translation>The mail&apos;s text is no longer kept (removed after its retention time).</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="44"/>
        <source>Import subscribers from a CSV file</source>
        <translation>Import subscribers from a CSV file</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="76"/>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="88"/>
        <source>%1 subscribers were added.</source>
        <translation>%1 subscribers were added.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="92"/>
        <source>Nothing was imported: the file has bad lines. Fix them and try again.</source>
        <translation>Nothing was imported: the file has bad lines. Fix them and try again.</translation>
    </message>
</context>
<context>
    <name>LogViewerBox</name>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="204"/>
        <source>Log file</source>
        <translation>Log file</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="208"/>
        <source>Log file (read-only)</source>
        <translation>Log file (read-only)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="215"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="249"/>
        <source>The log file is empty or not written yet.</source>
        <translation>The log file is empty or not written yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="258"/>
        <source>The log file cannot be read: %1</source>
        <translation>The log file cannot be read: %1</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="56"/>
        <source>kishomail — log in</source>
        <extracomment>A login failed; the error&apos;s code (tests and the status line use it). The recovery dialog is about to open (tests fill it in).</extracomment>
        <translation>kishomail — log in</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="61"/>
        <source>Account name</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="64"/>
        <location filename="../../desktop/dialogs/login.py" line="82"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="66"/>
        <location filename="../../desktop/dialogs/login.py" line="68"/>
        <source>6-digit code</source>
        <translation>6-digit code</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="72"/>
        <location filename="../../desktop/dialogs/login.py" line="371"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="81"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="84"/>
        <source>Data folder: %1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="90"/>
        <source>kishomail — weather alert mail</source>
        <translation>kishomail — weather alert mail</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="91"/>
        <source>Log in with your own account.</source>
        <translation>Log in with your own account.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="96"/>
        <source>Every administrator&apos;s password lost…</source>
        <translation>Every administrator&apos;s password lost…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="113"/>
        <source>Two-step login is required for every account. Scan this QR code with the authenticator app on the office&apos;s phone (or type the secret into it), then enter the code the app shows.</source>
        <translation>Two-step login is required for every account. Scan this QR code with the authenticator app on the office&apos;s phone (or type the secret into it), then enter the code the app shows.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="120"/>
        <source>QR code for the authenticator app</source>
        <translation>QR code for the authenticator app</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="124"/>
        <source>TOTP secret</source>
        <translation>TOTP secret</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="126"/>
        <location filename="../../desktop/dialogs/login.py" line="132"/>
        <source>Code from the app</source>
        <translation>Code from the app</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="128"/>
        <source>Turn on two-step login</source>
        <translation>Turn on two-step login</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="131"/>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="148"/>
        <source>This password was set by an administrator. Choose your own now, so that only you know it (at least 10 characters).</source>
        <translation>This password was set by an administrator. Choose your own now, so that only you know it (at least 10 characters).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="155"/>
        <location filename="../../desktop/dialogs/login.py" line="164"/>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="158"/>
        <source>New password again</source>
        <translation>New password again</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="161"/>
        <source>Change the password and continue</source>
        <translation>Change the password and continue</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="165"/>
        <source>Again</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="194"/>
        <source>Enter your account name and password.</source>
        <translation>Enter your account name and password.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="197"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="262"/>
        <source>The two new passwords differ.</source>
        <translation>The two new passwords differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="268"/>
        <source>Choose a password different from the one the administrator set.</source>
        <translation>Choose a password different from the one the administrator set.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="301"/>
        <source>Preparing two-step login…</source>
        <translation>Preparing two-step login…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="324"/>
        <source>Enter the code the app shows now.</source>
        <translation>Enter the code the app shows now.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="351"/>
        <source>The code does not match the secret. Check that the phone&apos;s clock is right and enter the code the app shows now.</source>
        <translation>The code does not match the secret. Check that the phone&apos;s clock is right and enter the code the app shows now.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="367"/>
        <source>You can try again now.</source>
        <translation>You can try again now.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="369"/>
        <source>Log in (%1 s)</source>
        <translation>Log in (%1 s)</translation>
    </message>
</context>
<context>
    <name>MailboxPage</name>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="108"/>
        <source>Received</source>
        <extracomment>The list shown changed (rows in it: groups or messages).</extracomment>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="109"/>
        <location filename="../../desktop/windows/mailbox.py" line="121"/>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="110"/>
        <location filename="../../desktop/windows/mailbox.py" line="122"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="114"/>
        <source>Messages in the local mailbox</source>
        <translation>Messages in the local mailbox</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="119"/>
        <source>Latest</source>
        <translation>Latest</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="120"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="126"/>
        <source>Subjects in the local mailbox</source>
        <translation>Subjects in the local mailbox</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="132"/>
        <source>Double-click or Enter: this subject&apos;s messages</source>
        <translation>Double-click or Enter: this subject&apos;s messages</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="137"/>
        <location filename="../../desktop/windows/mailbox.py" line="138"/>
        <source>Search the subject or recipient</source>
        <translation>Search the subject or recipient</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="141"/>
        <source>One line per subject</source>
        <translation>One line per subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="148"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="152"/>
        <source>Messages name their recipient, so only roles that may see subscribers open them. The list shows that mail was delivered.</source>
        <translation>Messages name their recipient, so only roles that may see subscribers open them. The list shows that mail was delivered.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="158"/>
        <source>The local mailbox keeps the mail sent while no mail relay is set. NONE of it reached anyone. It is kept encrypted with the rest of the data and deleted with the delivery records when their keeping period ends.</source>
        <translation>The local mailbox keeps the mail sent while no mail relay is set. NONE of it reached anyone. It is kept encrypted with the rest of the data and deleted with the delivery records when their keeping period ends.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="165"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="166"/>
        <source>The window&apos;s F5 does the same on every page.</source>
        <translation>The window&apos;s F5 does the same on every page.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="206"/>
        <source>%1 subjects, %2 messages</source>
        <translation>%1 subjects, %2 messages</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="211"/>
        <source>%2 messages</source>
        <translation>%2 messages</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="213"/>
        <source> (of %3)</source>
        <translation> (of %3)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="70"/>
        <source>kishomail — %1 (%2)</source>
        <extracomment>The window closed for good (not a logout, not a language change): the app should end. The training demo&apos;s window opened (desktop.training). A training demo&apos;s window (desktop.training): marked, and closing it ends only it.</extracomment>
        <translation>kishomail — %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="75"/>
        <source>[TRAINING · DEMO] %1</source>
        <translation>[TRAINING · DEMO] %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="108"/>
        <source>Logged in as %1. Data folder: %2</source>
        <translation>Logged in as %1. Data folder: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="186"/>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="189"/>
        <source>Subscribers</source>
        <translation>Subscribers</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="193"/>
        <source>Manual alert</source>
        <translation>Manual alert</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="198"/>
        <source>Dispatch history</source>
        <translation>Dispatch history</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="201"/>
        <source>Statistics</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="204"/>
        <source>Mailbox</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="207"/>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="210"/>
        <source>Templates</source>
        <translation>Templates</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="214"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="218"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="223"/>
        <source>Open the training demo…</source>
        <translation>Open the training demo…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="227"/>
        <location filename="../../desktop/windows/main_window.py" line="338"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="227"/>
        <source>Close the training demo</source>
        <translation>Close the training demo</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="231"/>
        <location filename="../../desktop/windows/main_window.py" line="339"/>
        <location filename="../../desktop/windows/main_window.py" line="458"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="235"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="238"/>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="243"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="244"/>
        <source>Large</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="245"/>
        <source>Extra large</source>
        <translation>Extra large</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="253"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="265"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="266"/>
        <source>Staff manual</source>
        <translation>Staff manual</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="269"/>
        <source>Keyboard shortcuts…</source>
        <translation>Keyboard shortcuts…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="271"/>
        <location filename="../../desktop/windows/main_window.py" line="330"/>
        <source>About kishomail</source>
        <translation>About kishomail</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="287"/>
        <source>Preparing the training demo…</source>
        <translation>Preparing the training demo…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="307"/>
        <source>Training demo</source>
        <translation>Training demo</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="322"/>
        <source>%1 (weather alert mail) — the crisis-management office&apos;s alert mail system.
Data folder: %2
The staff manual: Help → Staff manual (F1).</source>
        <translation>%1 (weather alert mail) — the crisis-management office&apos;s alert mail system.
Data folder: %2
The staff manual: Help → Staff manual (F1).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="337"/>
        <source>Show window</source>
        <translation>Show window</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="352"/>
        <source>Service: stopped</source>
        <translation>Service: stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="353"/>
        <source>Service: starting</source>
        <translation>Service: starting</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="354"/>
        <source>Service: running</source>
        <translation>Service: running</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="355"/>
        <source>Service: stopping</source>
        <translation>Service: stopping</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="360"/>
        <source>Service: running (OS service)</source>
        <translation>Service: running (OS service)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="362"/>
        <source> · last poll %1</source>
        <translation> · last poll %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="440"/>
        <source>Stopping the service… the window closes when it has stopped.</source>
        <translation>Stopping the service… the window closes when it has stopped.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="456"/>
        <source>Quit kishomail?</source>
        <translation>Quit kishomail?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="457"/>
        <source>Quit kishomail? You are logged out and the window closes.</source>
        <translation>Quit kishomail? You are logged out and the window closes.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="471"/>
        <source>Keep alerting in the background?</source>
        <translation>Keep alerting in the background?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="474"/>
        <source>The service is running. It can keep reading the feed and sending alerts after this window closes (the next login shows it again), or stop now: then no alert is sent until someone starts it again.</source>
        <translation>The service is running. It can keep reading the feed and sending alerts after this window closes (the next login shows it again), or stop now: then no alert is sent until someone starts it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="480"/>
        <source>Keep alerting in the background</source>
        <translation>Keep alerting in the background</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="485"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="483"/>
        <source>Stop the service and close</source>
        <translation>Stop the service and close</translation>
    </message>
</context>
<context>
    <name>ManualAlertPage</name>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="67"/>
        <location filename="../../desktop/windows/alert_composer.py" line="83"/>
        <source>Evacuation information</source>
        <translation>Evacuation information</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="69"/>
        <source>Weather information</source>
        <translation>Weather information</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="140"/>
        <location filename="../../desktop/windows/alert_composer.py" line="188"/>
        <source>Subject (Japanese)</source>
        <translation>Subject (Japanese)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="144"/>
        <location filename="../../desktop/windows/alert_composer.py" line="190"/>
        <source>Text (Japanese)</source>
        <translation>Text (Japanese)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="148"/>
        <location filename="../../desktop/windows/alert_composer.py" line="192"/>
        <source>Subject (English, optional)</source>
        <translation>Subject (English, optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="152"/>
        <location filename="../../desktop/windows/alert_composer.py" line="196"/>
        <source>Text (English, optional)</source>
        <translation>Text (English, optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="177"/>
        <source>Audience: every active subscriber (no topic chosen).</source>
        <extracomment>Each language&apos;s subject and text fields, in the order of the form.</extracomment>
        <translation>Audience: every active subscriber (no topic chosen).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="74"/>
        <location filename="../../desktop/windows/alert_composer.py" line="186"/>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="68"/>
        <source>Shelters open</source>
        <translation>Shelters open</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="70"/>
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="71"/>
        <source>Exercise</source>
        <translation>Exercise</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="77"/>
        <location filename="../../desktop/windows/alert_composer.py" line="183"/>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="79"/>
        <source>(no template: write freely)</source>
        <translation>(no template: write freely)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="82"/>
        <source>Shelters opened</source>
        <translation>Shelters opened</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="84"/>
        <source>Delivery exercise</source>
        <translation>Delivery exercise</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="90"/>
        <source>Details for the template</source>
        <translation>Details for the template</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="93"/>
        <source>e.g. 戸山小学校、落合第一小学校 (goes into every language)</source>
        <translation>e.g. 戸山小学校、落合第一小学校 (goes into every language)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="98"/>
        <source>Fill in from template</source>
        <translation>Fill in from template</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="104"/>
        <location filename="../../desktop/windows/alert_composer.py" line="340"/>
        <source>No attachment.</source>
        <translation>No attachment.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="108"/>
        <source>Attach file…</source>
        <translation>Attach file…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="112"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="117"/>
        <source>Contains personal data (sent as an encrypted ZIP; password shown once)</source>
        <translation>Contains personal data (sent as an encrypted ZIP; password shown once)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="125"/>
        <source>Send at (Tokyo time):</source>
        <translation>Send at (Tokyo time):</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="131"/>
        <source>Send time (Tokyo time)</source>
        <translation>Send time (Tokyo time)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="156"/>
        <location filename="../../desktop/windows/alert_composer.py" line="199"/>
        <source>Subject (easy Japanese, optional)</source>
        <translation>Subject (easy Japanese, optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="160"/>
        <location filename="../../desktop/windows/alert_composer.py" line="203"/>
        <source>Text (easy Japanese, optional)</source>
        <translation>Text (easy Japanese, optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="207"/>
        <source>Only subscribers of</source>
        <translation>Only subscribers of</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="210"/>
        <source>Attachment</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="216"/>
        <source>Save draft and submit for approval (Ctrl+Enter)</source>
        <translation>Save draft and submit for approval (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="227"/>
        <source>See it as mailed (&amp;W)</source>
        <translation>See it as mailed (&amp;W)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="230"/>
        <source>Shows the draft exactly as each language will be mailed, with the number of recipients now, before anything is saved.</source>
        <translation>Shows the draft exactly as each language will be mailed, with the number of recipients now, before anything is saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="90"/>
        <source>&amp;Approve (second officer)</source>
        <translation>&amp;Approve (second officer)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="102"/>
        <source>Send &amp;now</source>
        <translation>Send &amp;now</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="114"/>
        <source>Send &amp;test</source>
        <translation>Send &amp;test</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="127"/>
        <source>Approvals &amp;queue and sending</source>
        <translation>Approvals &amp;queue and sending</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="385"/>
        <source>Write a subject first.</source>
        <translation>Write a subject first.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="222"/>
        <source>Compose</source>
        <translation>Compose</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="71"/>
        <source>No.</source>
        <extracomment>A test send ended: its TrialReport, or the exception. The dispatch this screen started has finished (its :class:`DispatchDone` event). The &quot;approve as another officer&quot; dialog is about to open (tests fill it in).</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="72"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="74"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="77"/>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="78"/>
        <source>Approved by</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="79"/>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="83"/>
        <source>Manual alerts</source>
        <translation>Manual alerts</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="88"/>
        <source>Preview exactly as mailed</source>
        <translation>Preview exactly as mailed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="89"/>
        <source>Select an alert to see it exactly as mailed.</source>
        <translation>Select an alert to see it exactly as mailed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="92"/>
        <source>Approve as another &amp;officer…</source>
        <translation>Approve as another &amp;officer…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="94"/>
        <source>The second officer approves here with their own password; nobody logs out.</source>
        <translation>The second officer approves here with their own password; nobody logs out.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="99"/>
        <source>&amp;Emergency: send alone…</source>
        <translation>&amp;Emergency: send alone…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="104"/>
        <source>Cancel alert</source>
        <translation>Cancel alert</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="110"/>
        <source>Test address</source>
        <translation>Test address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="112"/>
        <source>your own address, e.g. bousai@city.example.jp</source>
        <translation>your own address, e.g. bousai@city.example.jp</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="116"/>
        <source>Sends the selected alert, marked as a test, to this address only.</source>
        <translation>Sends the selected alert, marked as a test, to this address only.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="121"/>
        <source>Sending progress</source>
        <translation>Sending progress</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="139"/>
        <source>Test send to</source>
        <translation>Test send to</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="161"/>
        <source>draft</source>
        <extracomment>The dispatch this screen sent and follows (progress bar and outcome).</extracomment>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="162"/>
        <source>waiting for approval</source>
        <translation>waiting for approval</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="163"/>
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="164"/>
        <source>scheduled</source>
        <translation>scheduled</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="165"/>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="166"/>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="200"/>
        <source>Not saved yet: the draft as it would be mailed now.</source>
        <translation>Not saved yet: the draft as it would be mailed now.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="273"/>
        <source>Replace the text?</source>
        <extracomment>The texts the last template filled in (to tell edited text from it).</extracomment>
        <translation>Replace the text?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="274"/>
        <source>The subject and text were edited. Replace them with the template?</source>
        <translation>The subject and text were edited. Replace them with the template?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="278"/>
        <source>Replace with the template</source>
        <translation>Replace with the template</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="324"/>
        <source>Attach a file</source>
        <translation>Attach a file</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="39"/>
        <source>Password of the encrypted attachment</source>
        <translation>Password of the encrypted attachment</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="40"/>
        <source>The attachment is stored as an encrypted ZIP. Its password is shown only now: give it to the recipients separately (never in the same mail).</source>
        <translation>The attachment is stored as an encrypted ZIP. Its password is shown only now: give it to the recipients separately (never in the same mail).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="57"/>
        <source>Subject: %1
Recipients: %2
Languages: %3</source>
        <translation>Subject: %1
Recipients: %2
Languages: %3</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="74"/>
        <source>〔each subscriber&apos;s own link〕</source>
        <translation>〔each subscriber&apos;s own link〕</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_composer.py" line="402"/>
        <source>Alert %1 waits for a second officer&apos;s approval.</source>
        <translation>Alert %1 waits for a second officer&apos;s approval.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="68"/>
        <source>Recipients now: %1</source>
        <translation>Recipients now: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="224"/>
        <source>You wrote this alert: another officer must approve it.</source>
        <translation>You wrote this alert: another officer must approve it.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="80"/>
        <source>Send time: %1</source>
        <translation>Send time: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="91"/>
        <source>Attachment: %1</source>
        <translation>Attachment: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="86"/>
        <source> (encrypted ZIP)</source>
        <translation> (encrypted ZIP)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="247"/>
        <source>Approve this alert?</source>
        <translation>Approve this alert?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="248"/>
        <source>Approve alert %1? After approval it can be sent to every recipient.</source>
        <translation>Approve alert %1? After approval it can be sent to every recipient.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="251"/>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="262"/>
        <source>Approved. It can be sent now.</source>
        <translation>Approved. It can be sent now.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="272"/>
        <source>Approved by %1. It can be sent now.</source>
        <translation>Approved by %1. It can be sent now.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="298"/>
        <source>Send this alert now?</source>
        <translation>Send this alert now?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="299"/>
        <source>Send alert %1 to %2 recipients now? A sent mail cannot be called back.</source>
        <translation>Send alert %1 to %2 recipients now? A sent mail cannot be called back.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="302"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="142"/>
        <source>Scheduled: it goes out by itself at %1.</source>
        <translation>Scheduled: it goes out by itself at %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="147"/>
        <source>Sending to %1 recipients. The service sends it (start it on the dashboard if it is stopped).</source>
        <translation>Sending to %1 recipients. The service sends it (start it on the dashboard if it is stopped).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="157"/>
        <source>%v of %m handed over</source>
        <translation>%v of %m handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="161"/>
        <source>Dispatch %1: sending…</source>
        <translation>Dispatch %1: sending…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="319"/>
        <source>Cancel this alert?</source>
        <translation>Cancel this alert?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="320"/>
        <source>Cancel alert %1? It will not be sent.</source>
        <translation>Cancel alert %1? It will not be sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="321"/>
        <source>Cancel the alert</source>
        <translation>Cancel the alert</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="326"/>
        <source>The alert was cancelled.</source>
        <translation>The alert was cancelled.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="102"/>
        <source>Test send: the relay refused %1 of %2 mails.</source>
        <translation>Test send: the relay refused %1 of %2 mails.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="108"/>
        <source>Test send: %1 mail(s) for %2 went into this PC&apos;s local mailbox (tab &quot;Mailbox&quot;); no relay is set, so nothing left this PC.</source>
        <translation>Test send: %1 mail(s) for %2 went into this PC&apos;s local mailbox (tab &quot;Mailbox&quot;); no relay is set, so nothing left this PC.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="114"/>
        <source>Test send: %1 mail(s) accepted for %2 (one per language).</source>
        <translation>Test send: %1 mail(s) accepted for %2 (one per language).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/alert_parts.py" line="194"/>
        <source>Dispatch %1 finished: %2 of %3 accepted by the relay, %4 failed.</source>
        <translation>Dispatch %1 finished: %2 of %3 accepted by the relay, %4 failed.</translation>
    </message>
</context>
<context>
    <name>ManualWindow</name>
    <message>
        <location filename="../../desktop/help.py" line="41"/>
        <source>Staff manual — %1</source>
        <translation>Staff manual — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/help.py" line="45"/>
        <source>Find in the manual (Enter: next)</source>
        <translation>Find in the manual (Enter: next)</translation>
    </message>
    <message>
        <location filename="../../desktop/help.py" line="46"/>
        <source>Find in the manual</source>
        <translation>Find in the manual</translation>
    </message>
    <message>
        <location filename="../../desktop/help.py" line="51"/>
        <source>Staff manual</source>
        <translation>Staff manual</translation>
    </message>
    <message>
        <location filename="../../desktop/help.py" line="56"/>
        <source>The staff manual (docs/staff-manual.md) is not installed with this copy of the program. Ask the administrator for the printed manual.</source>
        <translation>The staff manual (docs/staff-manual.md) is not installed with this copy of the program. Ask the administrator for the printed manual.</translation>
    </message>
</context>
<context>
    <name>NewRecoveryKeyDialog</name>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="95"/>
        <source>The new recovery key (shown once)</source>
        <translation>The new recovery key (shown once)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="108"/>
        <source>Print it or save it to a USB stick now, and lock it away.</source>
        <translation>Print it or save it to a USB stick now, and lock it away.</translation>
    </message>
</context>
<context>
    <name>PasswordOnceDialog</name>
    <message>
        <location filename="../../desktop/widgets/password_once.py" line="32"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/password_once.py" line="37"/>
        <source>&amp;Copy the password</source>
        <translation>&amp;Copy the password</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/password_once.py" line="41"/>
        <source>The ZIP is encrypted with AES-256: Windows Explorer cannot open it. Open it with 7-Zip (free) or another tool that supports AES.</source>
        <translation>The ZIP is encrypted with AES-256: Windows Explorer cannot open it. Open it with 7-Zip (free) or another tool that supports AES.</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/password_once.py" line="57"/>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>PosterBox</name>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="272"/>
        <source>Registration poster and QR code</source>
        <translation>Registration poster and QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="280"/>
        <source>QR code of the registration page</source>
        <translation>QR code of the registration page</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="284"/>
        <source>Save A4 poster (PDF or PNG)…</source>
        <translation>Save A4 poster (PDF or PNG)…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="288"/>
        <source>Residents scan this code to open the registration page:</source>
        <translation>Residents scan this code to open the registration page:</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="321"/>
        <source>Save the poster</source>
        <translation>Save the poster</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="323"/>
        <source>PDF (*.pdf);;PNG image (*.png)</source>
        <translation>PDF (*.pdf);;PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="336"/>
        <source>Drawing the poster…</source>
        <translation>Drawing the poster…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/maintenance.py" line="346"/>
        <source>Poster saved: %1</source>
        <translation>Poster saved: %1</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="37"/>
        <source>Recover with the recovery key</source>
        <translation>Recover with the recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="41"/>
        <source>Only when every administrator&apos;s password is lost. Type the printed recovery key; the administrator named below gets the new password (the account is made if it does not exist). This is recorded in the audit log.</source>
        <translation>Only when every administrator&apos;s password is lost. Type the printed recovery key; the administrator named below gets the new password (the account is made if it does not exist). This is recorded in the audit log.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="48"/>
        <source>Recovery key</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="51"/>
        <source>Administrator account</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="54"/>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="57"/>
        <source>New password again</source>
        <translation>New password again</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="59"/>
        <source>Recovery &amp;key</source>
        <translation>Recovery &amp;key</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="60"/>
        <source>&amp;Administrator</source>
        <translation>&amp;Administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="61"/>
        <source>&amp;New password</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="62"/>
        <source>A&amp;gain</source>
        <translation>A&amp;gain</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="65"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="66"/>
        <source>Set the new password</source>
        <translation>Set the new password</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="82"/>
        <source>Enter the recovery key, the administrator and the new password.</source>
        <translation>Enter the recovery key, the administrator and the new password.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="87"/>
        <source>The two new passwords differ.</source>
        <translation>The two new passwords differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recover.py" line="93"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyActions</name>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="36"/>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="37"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="38"/>
        <source>&amp;Save to a file…</source>
        <translation>&amp;Save to a file…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="51"/>
        <source>kishomail (weather alert mail) — recovery key
Made on %1 (Tokyo time).

%2

If every administrator&apos;s password is lost, only this key opens the data (kishomail recover). Keep it locked away, not with the computer.</source>
        <translation>kishomail (weather alert mail) — recovery key
Made on %1 (Tokyo time).

%2

If every administrator&apos;s password is lost, only this key opens the data (kishomail recover). Keep it locked away, not with the computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="74"/>
        <source>The recovery key was sent to the printer.</source>
        <translation>The recovery key was sent to the printer.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="81"/>
        <source>The recovery key is on the clipboard. Paste it where it is kept safe, then copy something else so it does not stay there.</source>
        <translation>The recovery key is on the clipboard. Paste it where it is kept safe, then copy something else so it does not stay there.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="91"/>
        <source>Save the recovery key</source>
        <translation>Save the recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="93"/>
        <source>Text files (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="105"/>
        <source>The key could not be saved to %1 (%2); choose another place.</source>
        <translation>The key could not be saved to %1 (%2); choose another place.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/recovery_key.py" line="113"/>
        <source>Saved to %1. Keep that file on a USB stick locked away, not on this computer.</source>
        <translation>Saved to %1. Keep that file on a USB stick locked away, not on this computer.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyBox</name>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="33"/>
        <source>Recovery key</source>
        <extracomment>A new key was issued (its dialog is about to show: tests read it there), or the error.</extracomment>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="38"/>
        <source>If every administrator&apos;s password is lost, only the printed recovery key opens the data. Issue a new one when it is lost or someone who saw it has left: the old key then opens only backups made before.</source>
        <translation>If every administrator&apos;s password is lost, only the printed recovery key opens the data. Issue a new one when it is lost or someone who saw it has left: the old key then opens only backups made before.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="44"/>
        <source>Issue a new recovery key…</source>
        <translation>Issue a new recovery key…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="55"/>
        <source>Issue a new recovery key?</source>
        <translation>Issue a new recovery key?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="57"/>
        <source>The printed recovery key will no longer open the data. Have a printer or a USB stick ready: the new key is shown only once.</source>
        <translation>The printed recovery key will no longer open the data. Have a printer or a USB stick ready: the new key is shown only once.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="60"/>
        <source>Issue a new key</source>
        <translation>Issue a new key</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/recovery_key_box.py" line="76"/>
        <source>A new recovery key was issued; the old one no longer opens the data.</source>
        <translation>A new recovery key was issued; the old one no longer opens the data.</translation>
    </message>
</context>
<context>
    <name>SecondOfficerDialog</name>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="62"/>
        <source>Emergency: send without a second officer</source>
        <extracomment>The act itself, run off the GUI thread: (account, password, code or &quot;&quot;) → its result. What the act returned once it succeeded (the approved or sent alert).</extracomment>
        <translation>Emergency: send without a second officer</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="64"/>
        <source>The office allows the single-person emergency path. The officer who decides checks the alert below and confirms with their own password: it goes out at once without a second officer&apos;s check, and the audit log marks it as a single-person emergency in their name.</source>
        <translation>The office allows the single-person emergency path. The officer who decides checks the alert below and confirms with their own password: it goes out at once without a second officer&apos;s check, and the audit log marks it as a single-person emergency in their name.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="70"/>
        <source>Approve as another officer</source>
        <translation>Approve as another officer</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="72"/>
        <source>The second duty officer checks the recipients, every language and the attachment below, then approves with their own account. %1 stays logged in and automatic alerts keep going out.</source>
        <translation>The second duty officer checks the recipients, every language and the attachment below, then approves with their own account. %1 stays logged in and automatic alerts keep going out.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="80"/>
        <source>The alert exactly as mailed</source>
        <translation>The alert exactly as mailed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="83"/>
        <source>Account of the approving officer</source>
        <translation>Account of the approving officer</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="86"/>
        <source>Password of the approving officer</source>
        <translation>Password of the approving officer</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="88"/>
        <source>6-digit code</source>
        <translation>6-digit code</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="89"/>
        <source>only for accounts with two-step login</source>
        <translation>only for accounts with two-step login</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="93"/>
        <source>&amp;Account</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="94"/>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="95"/>
        <source>6-digit &amp;code</source>
        <translation>6-digit &amp;code</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="98"/>
        <source>Appro&amp;ve as this officer</source>
        <translation>Appro&amp;ve as this officer</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="98"/>
        <source>Send &amp;now, alone</source>
        <translation>Send &amp;now, alone</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="102"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="148"/>
        <source>Enter the approving officer&apos;s account and password.</source>
        <translation>Enter the approving officer&apos;s account and password.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="155"/>
        <source>%1 is the officer logged in here. The approving officer enters their own account and password.</source>
        <translation>%1 is the officer logged in here. The approving officer enters their own account and password.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/second_officer.py" line="163"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>ServiceControl</name>
    <message>
        <location filename="../../desktop/service_control.py" line="260"/>
        <source>The service stopped (it was stopped on this computer by someone else, or it ended). Nothing is being sent until it runs again.</source>
        <translation>The service stopped (it was stopped on this computer by someone else, or it ended). Nothing is being sent until it runs again.</translation>
    </message>
    <message>
        <location filename="../../desktop/service_control.py" line="309"/>
        <source>The service was started but does not answer. Check the log file, or ask the system administrator to look at the OS service.</source>
        <translation>The service was started but does not answer. Check the log file, or ask the system administrator to look at the OS service.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/windows/settings.py" line="119"/>
        <source>Play a sound when a level 4 or higher warning arrives</source>
        <extracomment>The settings this page edits, by group; secrets are write-only. Write-only: shown as set or not set, saved only when something is typed.</extracomment>
        <translation>Play a sound when a level 4 or higher warning arrives</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="120"/>
        <source>Stored for this computer only; on by default.</source>
        <translation>Stored for this computer only; on by default.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="124"/>
        <source>This computer</source>
        <translation>This computer</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="140"/>
        <source>● Unsaved changes</source>
        <translation>● Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="144"/>
        <source>&amp;Save settings</source>
        <translation>&amp;Save settings</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="194"/>
        <source>Unsaved settings</source>
        <translation>Unsaved settings</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="195"/>
        <source>Some settings were changed and not saved. Leave without saving?</source>
        <translation>Some settings were changed and not saved. Leave without saving?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="196"/>
        <source>Leave without saving</source>
        <translation>Leave without saving</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="215"/>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (port 587)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="216"/>
        <source>implicit TLS (port 465)</source>
        <translation>implicit TLS (port 465)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="220"/>
        <source>implicit TLS (port 993)</source>
        <translation>implicit TLS (port 993)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="221"/>
        <source>STARTTLS (port 143)</source>
        <translation>STARTTLS (port 143)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="225"/>
        <source>Suspend at once when the carrier says the address does not exist (5.1.x)</source>
        <translation>Suspend at once when the carrier says the address does not exist (5.1.x)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="232"/>
        <source>individual (one mail per person, personal stop link)</source>
        <translation>individual (one mail per person, personal stop link)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="234"/>
        <source>batch (many recipients per envelope)</source>
        <translation>batch (many recipients per envelope)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="247"/>
        <source>Mail relay</source>
        <translation>Mail relay</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="249"/>
        <source>Host (empty: local mailbox only)</source>
        <translation>Host (empty: local mailbox only)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="250"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="251"/>
        <source>Security</source>
        <translation>Security</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="252"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="253"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="254"/>
        <source>CA file (PEM)</source>
        <translation>CA file (PEM)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="255"/>
        <source>Parallel connections</source>
        <translation>Parallel connections</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="256"/>
        <source>Messages per second (0: no limit)</source>
        <translation>Messages per second (0: no limit)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="257"/>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="259"/>
        <source>Connects with the values typed above, saved or not; sends nothing.</source>
        <translation>Connects with the values typed above, saved or not; sends nothing.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="269"/>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="271"/>
        <source>Source (feed URL or folder)</source>
        <translation>Source (feed URL or folder)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="272"/>
        <source>Seconds between polls</source>
        <translation>Seconds between polls</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="273"/>
        <source>Area codes</source>
        <translation>Area codes</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="277"/>
        <source>Dispatch</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="279"/>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="280"/>
        <source>Recipients per envelope (batch)</source>
        <translation>Recipients per envelope (batch)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="285"/>
        <source>Accounts and roles</source>
        <translation>Accounts and roles</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="288"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="289"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="290"/>
        <location filename="../../desktop/windows/settings.py" line="490"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="291"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="291"/>
        <location filename="../../desktop/windows/settings.py" line="294"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="291"/>
        <location filename="../../desktop/windows/settings.py" line="294"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="293"/>
        <source>Two-step login</source>
        <translation>Two-step login</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="296"/>
        <source>Password changed</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="300"/>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="305"/>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="306"/>
        <source>Change role…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="307"/>
        <source>New password…</source>
        <translation>New password…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="308"/>
        <location filename="../../desktop/windows/settings.py" line="522"/>
        <source>Deactivate</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="344"/>
        <source>(set — type to replace)</source>
        <translation>(set — type to replace)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="344"/>
        <source>(not set)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="375"/>
        <source>Nothing changed.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="387"/>
        <source>Saved. A running service uses the new settings after it is restarted.</source>
        <translation>Saved. A running service uses the new settings after it is restarted.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="397"/>
        <source>Connecting to the relay…</source>
        <translation>Connecting to the relay…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="411"/>
        <source>No relay is set: mail goes to the local mailbox only.</source>
        <translation>No relay is set: mail goes to the local mailbox only.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="415"/>
        <source>Connected to %1:%2 over %3; certificate %4. Nothing was sent.</source>
        <translation>Connected to %1:%2 over %3; certificate %4. Nothing was sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="422"/>
        <source>Tested with the values typed above; they are not saved yet.</source>
        <translation>Tested with the values typed above; they are not saved yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="461"/>
        <source>The alerting engine is running, so the data key could not be changed now: until it is, an earlier copy of the key file still opens the store with the old password. Stop the service and run &apos;kishomail rekey&apos;.</source>
        <translation>The alerting engine is running, so the data key could not be changed now: until it is, an earlier copy of the key file still opens the store with the old password. Stop the service and run &apos;kishomail rekey&apos;.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="480"/>
        <source>Account %1 was added.</source>
        <translation>Account %1 was added.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="497"/>
        <source>The role was changed.</source>
        <translation>The role was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="505"/>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="511"/>
        <source>The password was replaced.</source>
        <translation>The password was replaced.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="518"/>
        <source>Deactivate an account</source>
        <translation>Deactivate an account</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="519"/>
        <source>Deactivate the account %1? It can no longer log in.</source>
        <translation>Deactivate the account %1? It can no longer log in.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="528"/>
        <source>Account %1 was deactivated.</source>
        <translation>Account %1 was deactivated.</translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="90"/>
        <source>kishomail — first start</source>
        <extracomment>The demo store gets one account per working role, all with the demo password.</extracomment>
        <translation>kishomail — first start</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="101"/>
        <source>Welcome to kishomail (weather alert mail)</source>
        <translation>Welcome to kishomail (weather alert mail)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="111"/>
        <source>There is no kishomail data in the data folder yet:
%1

Create the office&apos;s data to start using kishomail for real, or try the demo first: it uses invented subscribers and replays a typhoon night, and its mail goes only into a local mailbox on this computer.</source>
        <translation>There is no kishomail data in the data folder yet:
%1

Create the office&apos;s data to start using kishomail for real, or try the demo first: it uses invented subscribers and replays a typhoon night, and its mail goes only into a local mailbox on this computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="119"/>
        <source>Create the office&apos;s data…</source>
        <translation>Create the office&apos;s data…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="121"/>
        <source>Try the demo</source>
        <translation>Try the demo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="124"/>
        <source>Demo role</source>
        <translation>Demo role</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="126"/>
        <source>as administrator (settings, service, audit log)</source>
        <translation>as administrator (settings, service, audit log)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="127"/>
        <source>as operator (subscribers, mailbox)</source>
        <translation>as operator (subscribers, mailbox)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="128"/>
        <source>as duty officer (manual alerts)</source>
        <translation>as duty officer (manual alerts)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="152"/>
        <location filename="../../desktop/dialogs/setup.py" line="160"/>
        <source>Administrator&apos;s account name</source>
        <translation>Administrator&apos;s account name</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="155"/>
        <location filename="../../desktop/dialogs/setup.py" line="161"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="158"/>
        <location filename="../../desktop/dialogs/setup.py" line="162"/>
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="165"/>
        <source>Account names use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;. Choose a long password; the data is encrypted with it.</source>
        <translation>Account names use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;. Choose a long password; the data is encrypted with it.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="170"/>
        <location filename="../../desktop/dialogs/setup.py" line="211"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="213"/>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="176"/>
        <source>The first administrator</source>
        <translation>The first administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="133"/>
        <source>Demo accounts: demo (administrator), demo-operator, demo-duty, demo-auditor; password for all: %1. The demo asks for no TOTP codes (its data is invented); the office&apos;s own data always does.</source>
        <translation>Demo accounts: demo (administrator), demo-operator, demo-duty, demo-auditor; password for all: %1. The demo asks for no TOTP codes (its data is invented); the office&apos;s own data always does.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="172"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="187"/>
        <source>Every staff account logs in with a password and a 6-digit code from an authenticator app on a phone (TOTP). Scan this QR code with the app, or type the secret into it, then enter the code the app shows.</source>
        <translation>Every staff account logs in with a password and a 6-digit code from an authenticator app on a phone (TOTP). Scan this QR code with the app, or type the secret into it, then enter the code the app shows.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="194"/>
        <source>QR code for the authenticator app</source>
        <translation>QR code for the authenticator app</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="198"/>
        <source>TOTP secret</source>
        <translation>TOTP secret</translation>
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
        <translation>Code from the app</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="208"/>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="209"/>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="217"/>
        <source>Two-step login (TOTP)</source>
        <translation>Two-step login (TOTP)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="229"/>
        <source>This is the recovery key. It is shown only now. If every administrator&apos;s password is lost, only this key opens the data. Print it or write it down, and keep it locked away (not on this computer).</source>
        <translation>This is the recovery key. It is shown only now. If every administrator&apos;s password is lost, only this key opens the data. Print it or write it down, and keep it locked away (not on this computer).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="242"/>
        <location filename="../../desktop/dialogs/setup.py" line="253"/>
        <source>Recovery key</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="247"/>
        <source>I have printed or written down the recovery key</source>
        <translation>I have printed or written down the recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="248"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="269"/>
        <source>The recovery key is shown only now. Print, copy or save it, tick the box, then press Continue.</source>
        <translation>The recovery key is shown only now. Print, copy or save it, tick the box, then press Continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="284"/>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="308"/>
        <source>Enter the code the app shows now.</source>
        <translation>Enter the code the app shows now.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="313"/>
        <source>Creating the encrypted data…</source>
        <translation>Creating the encrypted data…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="343"/>
        <source>Preparing the demo (about a second)…</source>
        <translation>Preparing the demo (about a second)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="359"/>
        <source>The code does not match the secret. Check that the phone&apos;s clock is right and enter the code the app shows now.</source>
        <translation>The code does not match the secret. Check that the phone&apos;s clock is right and enter the code the app shows now.</translation>
    </message>
</context>
<context>
    <name>StationsBox</name>
    <message>
        <location filename="../../desktop/windows/stations.py" line="59"/>
        <source>River stations and their levels</source>
        <extracomment>The table&apos;s columns, in order: what each holds.</extracomment>
        <translation>River stations and their levels</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="64"/>
        <source>River</source>
        <translation>River</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="65"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="66"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="67"/>
        <source>Caution (m)</source>
        <translation>Caution (m)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="68"/>
        <source>Evacuation (m)</source>
        <translation>Evacuation (m)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="69"/>
        <source>Danger (m)</source>
        <translation>Danger (m)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="70"/>
        <source>Overflow (m)</source>
        <translation>Overflow (m)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="71"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="72"/>
        <source>Date (YYYY-MM-DD)</source>
        <translation>Date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="73"/>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="76"/>
        <source>River stations</source>
        <translation>River stations</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="83"/>
        <source>Add a station</source>
        <translation>Add a station</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="85"/>
        <source>Remove the selected station</source>
        <translation>Remove the selected station</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="87"/>
        <source>Save the stations</source>
        <translation>Save the stations</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="89"/>
        <source>Back to the shipped list…</source>
        <translation>Back to the shipped list…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="97"/>
        <source>The gauges residents may choose and the levels at which they are told. An empty caution or evacuation level means the station publishes only the danger level (the first notice is then 氾濫危険). Leave &apos;Confirmed&apos; unticked until the office has confirmed the levels with the river&apos;s office.</source>
        <translation>The gauges residents may choose and the levels at which they are told. An empty caution or evacuation level means the station publishes only the danger level (the first notice is then 氾濫危険). Leave &apos;Confirmed&apos; unticked until the office has confirmed the levels with the river&apos;s office.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="125"/>
        <source>The office&apos;s own list (saved here or with &apos;kishomail stations&apos;).</source>
        <translation>The office&apos;s own list (saved here or with &apos;kishomail stations&apos;).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="127"/>
        <source>The shipped list (or the file of observations.thresholds).</source>
        <translation>The shipped list (or the file of observations.thresholds).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="181"/>
        <source>Row %1: %2 is not a level in metres (e.g. 3.02).</source>
        <translation>Row %1: %2 is not a level in metres (e.g. 3.02).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="188"/>
        <source>Row %1: the danger level (氾濫危険水位) is needed.</source>
        <translation>Row %1: the danger level (氾濫危険水位) is needed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="221"/>
        <source>Keep at least one station, or go back to the shipped list.</source>
        <translation>Keep at least one station, or go back to the shipped list.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="227"/>
        <source>%1 stations saved; residents choose from them.</source>
        <translation>%1 stations saved; residents choose from them.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="236"/>
        <source>Back to the shipped list</source>
        <translation>Back to the shipped list</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="238"/>
        <source>Forget the office&apos;s station list and use the shipped one again? Residents who chose a station that is not in the shipped list are then told of none.</source>
        <translation>Forget the office&apos;s station list and use the shipped one again? Residents who chose a station that is not in the shipped list are then told of none.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="241"/>
        <source>Use the shipped list</source>
        <translation>Use the shipped list</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/stations.py" line="250"/>
        <source>The shipped list applies again.</source>
        <translation>The shipped list applies again.</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="124"/>
        <location filename="../../desktop/windows/statistics.py" line="151"/>
        <source>Period</source>
        <extracomment>Fiscal years offered besides the current one.</extracomment>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="128"/>
        <location filename="../../desktop/windows/statistics.py" line="206"/>
        <source>FY%1</source>
        <translation>FY%1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="129"/>
        <source>Everything</source>
        <translation>Everything</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="130"/>
        <source>From … to …</source>
        <translation>From … to …</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="134"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="134"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="141"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="142"/>
        <source>The window&apos;s F5 does the same on every page.</source>
        <translation>The window&apos;s F5 does the same on every page.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="144"/>
        <source>Export .xlsx…</source>
        <translation>Export .xlsx…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="146"/>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="154"/>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="167"/>
        <source>Carrier group</source>
        <translation>Carrier group</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="168"/>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="169"/>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="170"/>
        <source>Waiting to retry</source>
        <translation>Waiting to retry</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="171"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="172"/>
        <source>Hard bounces</source>
        <translation>Hard bounces</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="173"/>
        <source>Soft bounces</source>
        <translation>Soft bounces</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="174"/>
        <source>To acceptance, median (s)</source>
        <translation>To acceptance, median (s)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="175"/>
        <source>To acceptance, 95% (s)</source>
        <translation>To acceptance, 95% (s)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="176"/>
        <source>To the last acceptance (s)</source>
        <translation>To the last acceptance (s)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="202"/>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="231"/>
        <source>The start date is after the end date: swap them.</source>
        <translation>The start date is after the end date: swap them.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="252"/>
        <source>Active subscribers by topic</source>
        <translation>Active subscribers by topic</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="259"/>
        <source>By language</source>
        <translation>By language</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="264"/>
        <source>By channel</source>
        <translation>By channel</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="273"/>
        <source>Rain subscribers by threshold (mm/h)</source>
        <translation>Rain subscribers by threshold (mm/h)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="282"/>
        <source>River subscribers a stage at each station reaches</source>
        <translation>River subscribers a stage at each station reaches</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="343"/>
        <source>Registrations over time (cumulative, by day)</source>
        <translation>Registrations over time (cumulative, by day)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="381"/>
        <source>Mails sent per dispatch (last 15)</source>
        <translation>Mails sent per dispatch (last 15)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="391"/>
        <source>statistics</source>
        <translation>statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="409"/>
        <source>Written: %1</source>
        <translation>Written: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="416"/>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="416"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="418"/>
        <source>Export statistics</source>
        <translation>Export statistics</translation>
    </message>
</context>
<context>
    <name>SubscriberDialog</name>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="54"/>
        <source>Add a subscriber</source>
        <translation>Add a subscriber</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="56"/>
        <source>Change subscriber %1</source>
        <translation>Change subscriber %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="60"/>
        <location filename="../../desktop/dialogs/subscriber.py" line="139"/>
        <source>E-mail address</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="63"/>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="65"/>
        <source>Warnings from</source>
        <translation>Warnings from</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="68"/>
        <source>advisories (level 2)</source>
        <translation>advisories (level 2)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="69"/>
        <source>warnings (level 3)</source>
        <translation>warnings (level 3)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="70"/>
        <source>danger warnings (level 4)</source>
        <translation>danger warnings (level 4)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="71"/>
        <source>special warnings (level 5)</source>
        <translation>special warnings (level 5)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="75"/>
        <source>Heavy rain from</source>
        <translation>Heavy rain from</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="80"/>
        <source>{} mm/h or more</source>
        <translation>{} mm/h or more</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="82"/>
        <source>River levels from</source>
        <translation>River levels from</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="85"/>
        <source>flood caution level</source>
        <translation>flood caution level</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="86"/>
        <source>evacuation decision level</source>
        <translation>evacuation decision level</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="87"/>
        <source>flood danger level</source>
        <translation>flood danger level</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="91"/>
        <source>Kanda River</source>
        <translation>Kanda River</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="92"/>
        <source>Zenpukuji River</source>
        <translation>Zenpukuji River</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="93"/>
        <source>Myoshoji River</source>
        <translation>Myoshoji River</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="104"/>
        <source>Flood forecasts</source>
        <translation>Flood forecasts</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="108"/>
        <source>Every station (also ones added later)</source>
        <translation>Every station (also ones added later)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="109"/>
        <source>Only these stations:</source>
        <translation>Only these stations:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="122"/>
        <source>River stations</source>
        <translation>River stations</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="129"/>
        <source>UTF-8 (usual)</source>
        <translation>UTF-8 (usual)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="130"/>
        <source>ISO-2022-JP (old phones)</source>
        <translation>ISO-2022-JP (old phones)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="133"/>
        <source>Quiet hours</source>
        <translation>Quiet hours</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="140"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="141"/>
        <source>Character set</source>
        <translation>Character set</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="142"/>
        <source>Quiet hours (advisories held back)</source>
        <translation>Quiet hours (advisories held back)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="144"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="219"/>
        <source>Enter the e-mail address.</source>
        <translation>Enter the e-mail address.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="221"/>
        <source>Choose at least one topic.</source>
        <translation>Choose at least one topic.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="224"/>
        <source>Tick at least one river station, or choose every station.</source>
        <translation>Tick at least one river station, or choose every station.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="230"/>
        <source>Quiet hours look like 22:00-06:00 (start and end differ).</source>
        <translation>Quiet hours look like 22:00-06:00 (start and end differ).</translation>
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
        <translation>E-mail address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="60"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="62"/>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="64"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="65"/>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="66"/>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="68"/>
        <source>Bounces</source>
        <translation>Bounces</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="72"/>
        <source>Mail the relay accepted and the carrier returned, over the last %1 days: hard (the address is dead; enough of them suspend it) and soft (a passing reason, e.g. a full mailbox).</source>
        <translation>Mail the relay accepted and the carrier returned, over the last %1 days: hard (the address is dead; enough of them suspend it) and soft (a passing reason, e.g. a full mailbox).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="81"/>
        <location filename="../../desktop/windows/subscribers.py" line="82"/>
        <source>Search by part of the address</source>
        <translation>Search by part of the address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="84"/>
        <source>All topics</source>
        <translation>All topics</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="86"/>
        <source>All languages</source>
        <translation>All languages</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="88"/>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="89"/>
        <source>All channels</source>
        <translation>All channels</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="91"/>
        <source>Number of subscribers shown</source>
        <translation>Number of subscribers shown</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="103"/>
        <source>Subscribers</source>
        <translation>Subscribers</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="110"/>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="111"/>
        <source>Change…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="113"/>
        <source>Stop mail</source>
        <translation>Stop mail</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="116"/>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="119"/>
        <source>Import CSV…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="122"/>
        <source>Encrypted export…</source>
        <translation>Encrypted export…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="155"/>
        <source>hard %1, soft %2</source>
        <translation>hard %1, soft %2</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="199"/>
        <source>%1 shown</source>
        <translation>%1 shown</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="202"/>
        <source>%1 subscribers match; %2 loaded (scroll for more)</source>
        <translation>%1 subscribers match; %2 loaded (scroll for more)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="206"/>
        <source>%1 subscribers match</source>
        <translation>%1 subscribers match</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="261"/>
        <source>The subscriber was added.</source>
        <translation>The subscriber was added.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="290"/>
        <source>The subscriber was changed.</source>
        <translation>The subscriber was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="300"/>
        <source>Mail to subscriber %1 was stopped.</source>
        <translation>Mail to subscriber %1 was stopped.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="308"/>
        <source>Delete %1 for good?</source>
        <translation>Delete %1 for good?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="310"/>
        <source>Subscriber %1 (%2) gets no more mail. The address is erased; an erasure record without the address is kept. This cannot be undone.</source>
        <translation>Subscriber %1 (%2) gets no more mail. The address is erased; an erasure record without the address is kept. This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="412"/>
        <source>Delete a subscriber</source>
        <translation>Delete a subscriber</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="412"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="424"/>
        <source>The ZIP file is encrypted (AES-256). Its password is shown only now; give it to the recipient by another way than the file (phone, in person).</source>
        <translation>The ZIP file is encrypted (AES-256). Its password is shown only now; give it to the recipient by another way than the file (phone, in person).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="320"/>
        <source>Subscriber %1 was deleted.</source>
        <translation>Subscriber %1 was deleted.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="353"/>
        <source>Writing the encrypted file…</source>
        <translation>Writing the encrypted file…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="358"/>
        <source>%1 subscribers written to %2.</source>
        <translation>%1 subscribers written to %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="381"/>
        <source>Export request %1 was made. An administrator approves it (kishomail subscribers export-approve %1); then press Export again to write the file.</source>
        <translation>Export request %1 was made. An administrator approves it (kishomail subscribers export-approve %1); then press Export again to write the file.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="399"/>
        <source>Ask for an export</source>
        <translation>Ask for an export</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="401"/>
        <source>Personal data leaves the store only with a second person&apos;s approval.
Why must these subscribers be written to a file?</source>
        <translation>Personal data leaves the store only with a second person&apos;s approval.
Why must these subscribers be written to a file?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="416"/>
        <source>Encrypted export</source>
        <translation>Encrypted export</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="416"/>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP files (*.zip)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="422"/>
        <source>The file&apos;s password (shown once)</source>
        <translation>The file&apos;s password (shown once)</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <location filename="../../desktop/windows/templates.py" line="45"/>
        <source>Warnings and advisories</source>
        <translation>Warnings and advisories</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="46"/>
        <source>Flood forecasts</source>
        <translation>Flood forecasts</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="47"/>
        <source>Record rain</source>
        <translation>Record rain</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="48"/>
        <source>Landslide alert</source>
        <translation>Landslide alert</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="49"/>
        <source>Emergency warnings</source>
        <translation>Emergency warnings</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="50"/>
        <source>River levels</source>
        <translation>River levels</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="51"/>
        <source>Other reports</source>
        <translation>Other reports</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="52"/>
        <source>Lowered</source>
        <translation>Lowered</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="53"/>
        <source>Lifted</source>
        <translation>Lifted</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="54"/>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="55"/>
        <source>Flood forecast lowered</source>
        <translation>Flood forecast lowered</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="56"/>
        <source>Flood forecast lifted</source>
        <translation>Flood forecast lifted</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="57"/>
        <source>Heavy rain observed</source>
        <translation>Heavy rain observed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="58"/>
        <source>Heavy rain over</source>
        <translation>Heavy rain over</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="59"/>
        <source>River level lowered</source>
        <translation>River level lowered</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="60"/>
        <source>River level back to normal</source>
        <translation>River level back to normal</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="61"/>
        <source>Footer of every mail</source>
        <translation>Footer of every mail</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="70"/>
        <location filename="../../desktop/windows/templates.py" line="106"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="74"/>
        <location filename="../../desktop/windows/templates.py" line="108"/>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="83"/>
        <source>Template text</source>
        <translation>Template text</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="88"/>
        <source>Preview subject</source>
        <translation>Preview subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="91"/>
        <source>Preview body</source>
        <translation>Preview body</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="95"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="96"/>
        <location filename="../../desktop/windows/templates.py" line="307"/>
        <source>Revert to the bundled text</source>
        <translation>Revert to the bundled text</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="116"/>
        <source>Wording (placeholders such as ${area} are filled in)</source>
        <translation>Wording (placeholders such as ${area} are filled in)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="123"/>
        <source>Preview: a level-3 heavy rain warning for Shinjuku (sample)</source>
        <translation>Preview: a level-3 heavy rain warning for Shinjuku (sample)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="126"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="141"/>
        <source>Mail templates</source>
        <translation>Mail templates</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="144"/>
        <source>The office&apos;s own wording replaces the wording shipped with the program, file by file. JMA&apos;s text is always relayed as published: write only the office&apos;s words.</source>
        <translation>The office&apos;s own wording replaces the wording shipped with the program, file by file. JMA&apos;s text is always relayed as published: write only the office&apos;s words.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="201"/>
        <source>Unsaved wording</source>
        <translation>Unsaved wording</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="202"/>
        <source>The wording of %1 was edited and not saved. Save it now?</source>
        <translation>The wording of %1 was edited and not saved. Save it now?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="223"/>
        <source>The office&apos;s own wording</source>
        <translation>The office&apos;s own wording</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="223"/>
        <source>The bundled wording</source>
        <translation>The bundled wording</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="249"/>
        <source>This wording cannot be used: %1</source>
        <translation>This wording cannot be used: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="258"/>
        <source>the first line must be &apos;Subject: …&apos;, followed by an empty line.</source>
        <translation>the first line must be &apos;Subject: …&apos;, followed by an empty line.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="261"/>
        <source>%1 is not a placeholder kishomail fills (the list is in docs/templates.md).</source>
        <translation>%1 is not a placeholder kishomail fills (the list is in docs/templates.md).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="265"/>
        <source>%1 must appear exactly once (it carries the unsubscribe link every mail needs).</source>
        <translation>%1 must appear exactly once (it carries the unsubscribe link every mail needs).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="268"/>
        <source>a &apos;$&apos; that is not a placeholder. Write $$ for a dollar sign.</source>
        <translation>a &apos;$&apos; that is not a placeholder. Write $$ for a dollar sign.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="270"/>
        <source>write $manage_url for the unsubscribe link.</source>
        <translation>write $manage_url for the unsubscribe link.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="283"/>
        <location filename="../../desktop/windows/templates.py" line="288"/>
        <source>Not saved. %1</source>
        <translation>Not saved. %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="294"/>
        <source>Saved. The next mail uses this wording (%1).</source>
        <translation>Saved. The next mail uses this wording (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="309"/>
        <source>Delete the office&apos;s wording of %1 and use the bundled text again?</source>
        <translation>Delete the office&apos;s wording of %1 and use the bundled text again?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/templates.py" line="320"/>
        <source>The bundled text is used again.</source>
        <translation>The bundled text is used again.</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <location filename="../../desktop/training.py" line="33"/>
        <source>TRAINING (DEMO): invented data in a folder of its own. Nothing here reaches a resident, and the ward&apos;s data and service are not touched.</source>
        <extracomment>The per-user folder of the training demo&apos;s store (never inside the ward&apos;s data folder).</extracomment>
        <translation>TRAINING (DEMO): invented data in a folder of its own. Nothing here reaches a resident, and the ward&apos;s data and service are not touched.</translation>
    </message>
    <message>
        <location filename="../../desktop/training.py" line="38"/>
        <source>Training demo</source>
        <translation>Training demo</translation>
    </message>
</context>
<context>
    <name>WindowKeys</name>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="70"/>
        <source>Refresh this page</source>
        <extracomment>What refreshes each page (a method of the page). Settings and templates hold edits: F5 does not reload them. The search field of each page that has one (an attribute of the page).</extracomment>
        <translation>Refresh this page</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="71"/>
        <source>Search on this page</source>
        <translation>Search on this page</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="72"/>
        <source>Next page</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="74"/>
        <source>Previous page</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="77"/>
        <source>Start the service</source>
        <translation>Start the service</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="80"/>
        <source>Stop the service</source>
        <translation>Stop the service</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="108"/>
        <source>This page has nothing to refresh (it holds your edits).</source>
        <translation>This page has nothing to refresh (it holds your edits).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="117"/>
        <source>This page has no search field.</source>
        <translation>This page has no search field.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="154"/>
        <source>Page: %1</source>
        <translation>Page: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="157"/>
        <source>Next / previous page</source>
        <translation>Next / previous page</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="158"/>
        <source>Table: sort by the chosen column (again: reverse)</source>
        <translation>Table: sort by the chosen column (again: reverse)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="159"/>
        <source>Manual alert: save the draft and submit it for approval</source>
        <translation>Manual alert: save the draft and submit it for approval</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="160"/>
        <source>Settings: save</source>
        <translation>Settings: save</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/shortcuts.py" line="171"/>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../desktop/words.py" line="13"/>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="14"/>
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="15"/>
        <source>duty officer</source>
        <translation>duty officer</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="16"/>
        <source>auditor</source>
        <translation>auditor</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="21"/>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="22"/>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="23"/>
        <source>unsubscribed</source>
        <translation>unsubscribed</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="24"/>
        <source>suspended</source>
        <translation>suspended</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="29"/>
        <source>Japanese</source>
        <translation>Japanese</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="30"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="31"/>
        <source>Easy Japanese</source>
        <translation>Easy Japanese</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="36"/>
        <source>web form</source>
        <translation>web form</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="37"/>
        <source>by mail</source>
        <translation>by mail</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="38"/>
        <source>staff</source>
        <translation>staff</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="39"/>
        <source>import</source>
        <translation>import</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="44"/>
        <source>warnings</source>
        <translation>warnings</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="45"/>
        <source>rain</source>
        <translation>rain</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="46"/>
        <source>river levels</source>
        <translation>river levels</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="47"/>
        <source>Kanda flood</source>
        <translation>Kanda flood</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="52"/>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="53"/>
        <source>sending</source>
        <translation>sending</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="54"/>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="55"/>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="56"/>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="61"/>
        <source>automatic</source>
        <translation>automatic</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="62"/>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <location filename="../../desktop/words.py" line="63"/>
        <source>test</source>
        <translation>test</translation>
    </message>
</context>
<context>
    <name>_DonePage</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="217"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
</context>
<context>
    <name>_FilePage</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="104"/>
        <source>Choose the CSV file</source>
        <translation>Choose the CSV file</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="106"/>
        <source>UTF-8 or Shift_JIS, with a header line. Columns: email, topics, language …</source>
        <translation>UTF-8 or Shift_JIS, with a header line. Columns: email, topics, language …</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="109"/>
        <location filename="../../desktop/dialogs/import_wizard.py" line="125"/>
        <source>CSV file</source>
        <translation>CSV file</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="111"/>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="118"/>
        <source>Next checks the file without changing anything (a dry run).</source>
        <translation>Next checks the file without changing anything (a dry run).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="125"/>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV files (*.csv *.txt)</translation>
    </message>
</context>
<context>
    <name>_ReportPage</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="144"/>
        <source>What the import would do</source>
        <translation>What the import would do</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="150"/>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="151"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="152"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="156"/>
        <source>Bad lines</source>
        <translation>Bad lines</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="164"/>
        <source>Checking %1…</source>
        <translation>Checking %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="172"/>
        <source>%1 lines read (%2). %3 new subscribers, %4 already registered, %5 duplicate lines in the file, %6 bad lines.</source>
        <translation>%1 lines read (%2). %3 new subscribers, %4 already registered, %5 duplicate lines in the file, %6 bad lines.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="182"/>
        <source>bad line</source>
        <translation>bad line</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="183"/>
        <source>duplicate in file</source>
        <translation>duplicate in file</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="190"/>
        <source>&amp;Import %1 subscribers</source>
        <translation>&amp;Import %1 subscribers</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="194"/>
        <source>The file is fine. 「Import %1 subscribers」 registers them.</source>
        <translation>The file is fine. 「Import %1 subscribers」 registers them.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="201"/>
        <source>Nothing can be imported until the bad lines are fixed.</source>
        <translation>Nothing can be imported until the bad lines are fixed.</translation>
    </message>
</context>
</TS>
