<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../desktop/windows/settings.py" line="376"/>
        <source>Add an account</source>
        <translation>Add an account</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="385"/>
        <source>Account name</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="386"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="387"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="388"/>
        <source>First password</source>
        <translation>First password</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../desktop/windows/audit.py" line="44"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="45"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="46"/>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="47"/>
        <location filename="../../desktop/windows/audit.py" line="65"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="48"/>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="49"/>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="51"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="58"/>
        <source>Text in action, target, outcome or details</source>
        <translation>Text in action, target, outcome or details</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="59"/>
        <source>Search text</source>
        <translation>Search text</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="61"/>
        <location filename="../../desktop/windows/audit.py" line="62"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="64"/>
        <source>Action (e.g. subscriber)</source>
        <translation>Action (e.g. subscriber)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="69"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="72"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="73"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="78"/>
        <source>Verify the chain</source>
        <translation>Verify the chain</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="80"/>
        <source>Export .xlsx…</source>
        <translation>Export .xlsx…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="87"/>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="89"/>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="98"/>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="130"/>
        <source>%1 entries</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="132"/>
        <source>(the first %1; narrow the search)</source>
        <translation>(the first %1; narrow the search)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="138"/>
        <source>Checking every entry of the chain…</source>
        <translation>Checking every entry of the chain…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="147"/>
        <source>The chain is intact: %1 entries checked. Head %2 (note it outside the system).</source>
        <translation>The chain is intact: %1 entries checked. Head %2 (note it outside the system).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="155"/>
        <source>The chain is broken: %1</source>
        <translation>The chain is broken: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="168"/>
        <source>%1 entries written to %2.</source>
        <translation>%1 entries written to %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="181"/>
        <source>Export the audit log</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/audit.py" line="181"/>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../desktop/errors.py" line="120"/>
        <source>kishomail: unexpected error</source>
        <translation>kishomail: unexpected error</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="122"/>
        <source>Something unexpected went wrong. The details are in the log file in %1. The work in progress continues; if this repeats, tell the system administrator.</source>
        <translation>Something unexpected went wrong. The details are in the log file in %1. The work in progress continues; if this repeats, tell the system administrator.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="63"/>
        <source>Service state</source>
        <extracomment>A new alert was shown (title) — tests and the tray use it.</extracomment>
        <translation>Service state</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="65"/>
        <source>Start the service</source>
        <translation>Start the service</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="68"/>
        <source>Poll the feed and send alerts (Ctrl+Shift+S)</source>
        <translation>Poll the feed and send alerts (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="70"/>
        <source>Stop the service</source>
        <translation>Stop the service</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="83"/>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="88"/>
        <source>Warning / forecast</source>
        <translation>Warning / forecast</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="89"/>
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="90"/>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="94"/>
        <source>Warnings in force</source>
        <translation>Warnings in force</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="97"/>
        <source>No warning or advisory is in force for the ward.</source>
        <translation>No warning or advisory is in force for the ward.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="99"/>
        <source>In force now</source>
        <translation>In force now</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="105"/>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="110"/>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="119"/>
        <location filename="../../desktop/windows/dashboard.py" line="150"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="120"/>
        <location filename="../../desktop/windows/dashboard.py" line="152"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="122"/>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="127"/>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="129"/>
        <source>%1 /s</source>
        <translation>%1 /s</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="133"/>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="137"/>
        <source>Dispatches running</source>
        <translation>Dispatches running</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="141"/>
        <source>No dispatch is running.</source>
        <translation>No dispatch is running.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="142"/>
        <source>Sending now</source>
        <translation>Sending now</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="151"/>
        <source>Detected</source>
        <translation>Detected</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="153"/>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="157"/>
        <source>Last alerts</source>
        <translation>Last alerts</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="159"/>
        <source>Last alerts and their outcome</source>
        <translation>Last alerts and their outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="194"/>
        <source>%1 mm/h</source>
        <translation>%1 mm/h</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="196"/>
        <source>Level 2 advisory</source>
        <translation>Level 2 advisory</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="197"/>
        <source>Level 3 warning</source>
        <translation>Level 3 warning</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="198"/>
        <source>Level 4 danger</source>
        <translation>Level 4 danger</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="199"/>
        <source>Level 5 special</source>
        <translation>Level 5 special</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="202"/>
        <location filename="../../desktop/windows/dashboard.py" line="266"/>
        <source>%1 (exercise)</source>
        <translation>%1 (exercise)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="213"/>
        <source>sending: %1 of %2</source>
        <translation>sending: %1 of %2</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="219"/>
        <source>%1 sent, %2 failed</source>
        <translation>%1 sent, %2 failed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="224"/>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="225"/>
        <source>%1 sent</source>
        <translation>%1 sent</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="231"/>
        <source>Service stopped: no feed is read and nothing is sent.</source>
        <translation>Service stopped: no feed is read and nothing is sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="232"/>
        <source>Service starting…</source>
        <translation>Service starting…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="233"/>
        <source>Service running: the feed is read and alerts are sent.</source>
        <translation>Service running: the feed is read and alerts are sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="234"/>
        <source>Service stopping (finishing the current batch)…</source>
        <translation>Service stopping (finishing the current batch)…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="247"/>
        <source>No mail relay is set: mail goes only into the local mailbox on this computer (tab &quot;Mailbox&quot;). Nothing reaches residents.</source>
        <translation>No mail relay is set: mail goes only into the local mailbox on this computer (tab &quot;Mailbox&quot;). Nothing reaches residents.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="268"/>
        <source>New alert: %1 — %2 recipients</source>
        <translation>New alert: %1 — %2 recipients</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="276"/>
        <source>New warning</source>
        <translation>New warning</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="289"/>
        <source>Last feed error: %1</source>
        <translation>Last feed error: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="295"/>
        <source>The mail relay could not be used; sending is retried in a minute. (%1)</source>
        <translation>The mail relay could not be used; sending is retried in a minute. (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="326"/>
        <source>Last telegram: %1 (%2). %3 telegrams stored.</source>
        <translation>Last telegram: %1 (%2). %3 telegrams stored.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="332"/>
        <source>No telegram received yet.</source>
        <translation>No telegram received yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="334"/>
        <source>the bundled demo telegrams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/windows/dashboard.py" line="338"/>
        <source>Source: %1, every %2 s</source>
        <translation>Source: %1, every %2 s</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <location filename="../../desktop/errors.py" line="40"/>
        <source>Something unexpected went wrong: %1</source>
        <translation>Something unexpected went wrong: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="43"/>
        <source>The account name or the password is wrong. Check both and try again.</source>
        <translation>The account name or the password is wrong. Check both and try again.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/errors.py" line="48"/>
        <source>This account is locked after too many failed logins. Try again in %n second(s), or ask an administrator.</source>
        <translation>
            <numerusform>This account is locked after too many failed logins. Try again in %n seconds, or ask an administrator.</numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="53"/>
        <source>This account is locked after too many failed logins.</source>
        <translation>This account is locked after too many failed logins.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="56"/>
        <source>This account has been deactivated. Ask an administrator to reactivate it.</source>
        <translation>This account has been deactivated. Ask an administrator to reactivate it.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="59"/>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation>Enter the 6-digit code from your authenticator app.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="62"/>
        <source>Two-step login is required for every account. Ask an administrator to set it up for you.</source>
        <translation>Two-step login is required for every account. Ask an administrator to set it up for you.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="67"/>
        <source>The key file (kishomail.keys) is missing from the data folder. Without it the data cannot be opened: restore the key file from your backup into that folder.</source>
        <translation>The key file (kishomail.keys) is missing from the data folder. Without it the data cannot be opened: restore the key file from your backup into that folder.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="71"/>
        <source>The key file (kishomail.keys) is damaged. Restore it from a backup.</source>
        <translation>The key file (kishomail.keys) is damaged. Restore it from a backup.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="73"/>
        <source>There is no kishomail data in this folder.</source>
        <translation>There is no kishomail data in this folder.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="75"/>
        <source>This folder holds a database that is not kishomail&apos;s.</source>
        <translation>This folder holds a database that is not kishomail&apos;s.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="77"/>
        <source>The data was written by a newer kishomail. Update this program.</source>
        <translation>The data was written by a newer kishomail. Update this program.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="79"/>
        <source>Your role may not do this. Ask a colleague with that role.</source>
        <translation>Your role may not do this. Ask a colleague with that role.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="81"/>
        <source>This cannot be done now: %1</source>
        <translation>This cannot be done now: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="83"/>
        <source>It no longer exists (someone may have deleted it).</source>
        <translation>It no longer exists (someone may have deleted it).</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="85"/>
        <source>Please check the input: %1</source>
        <translation>Please check the input: %1</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../desktop/windows/history.py" line="32"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="33"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="34"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="35"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="36"/>
        <source>JMA report</source>
        <translation>JMA report</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="37"/>
        <source>Detected</source>
        <translation>Detected</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="38"/>
        <source>First accepted</source>
        <translation>First accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="39"/>
        <source>Last accepted</source>
        <translation>Last accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="40"/>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="41"/>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="43"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="52"/>
        <source>Dispatches</source>
        <translation>Dispatches</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="59"/>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="60"/>
        <source>Subscriber ID</source>
        <translation>Subscriber ID</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="61"/>
        <source>SMTP code</source>
        <translation>SMTP code</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="62"/>
        <source>Server&apos;s reply</source>
        <translation>Server&apos;s reply</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="66"/>
        <source>Failed deliveries</source>
        <translation>Failed deliveries</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="68"/>
        <source>Select a dispatch to see its failed deliveries.</source>
        <translation>Select a dispatch to see its failed deliveries.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="80"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="85"/>
        <source>Every dispatch, newest first. Times are Tokyo time.</source>
        <translation>Every dispatch, newest first. Times are Tokyo time.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/history.py" line="125"/>
        <source>Dispatch %1: %2 failed deliveries</source>
        <translation>Dispatch %1: %2 failed deliveries</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="41"/>
        <source>Import subscribers from a CSV file</source>
        <translation>Import subscribers from a CSV file</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="70"/>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="82"/>
        <source>%1 subscribers were added.</source>
        <translation>%1 subscribers were added.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="86"/>
        <source>Nothing was imported: the file has bad lines. Fix them and try again.</source>
        <translation>Nothing was imported: the file has bad lines. Fix them and try again.</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="38"/>
        <source>kishomail — log in</source>
        <extracomment>A login failed; the error&apos;s code (tests and the status line use it).</extracomment>
        <translation>kishomail — log in</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="43"/>
        <source>Account name</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="46"/>
        <location filename="../../desktop/dialogs/login.py" line="64"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="48"/>
        <location filename="../../desktop/dialogs/login.py" line="50"/>
        <source>6-digit code</source>
        <translation>6-digit code</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="54"/>
        <location filename="../../desktop/dialogs/login.py" line="148"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="63"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="66"/>
        <source>Data folder: %1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="72"/>
        <source>kishomail — weather alert mail</source>
        <translation>kishomail — weather alert mail</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="73"/>
        <source>Log in with your own account.</source>
        <translation>Log in with your own account.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="91"/>
        <source>Enter your account name and password.</source>
        <translation>Enter your account name and password.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="94"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="144"/>
        <source>You can try again now.</source>
        <translation>You can try again now.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/login.py" line="146"/>
        <source>Log in (%1 s)</source>
        <translation>Log in (%1 s)</translation>
    </message>
</context>
<context>
    <name>MailboxPage</name>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="49"/>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="50"/>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="51"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="55"/>
        <source>Messages in the local mailbox</source>
        <translation>Messages in the local mailbox</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="60"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="64"/>
        <source>Messages name their recipient, so only roles that may see subscribers open them. The list shows that mail was delivered.</source>
        <translation>Messages name their recipient, so only roles that may see subscribers open them. The list shows that mail was delivered.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="70"/>
        <source>The local mailbox keeps the mail sent while no mail relay is set. NONE of it reached anyone.</source>
        <translation>The local mailbox keeps the mail sent while no mail relay is set. NONE of it reached anyone.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/mailbox.py" line="76"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="40"/>
        <source>kishomail — %1 (%2)</source>
        <translation>kishomail — %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="58"/>
        <source>Logged in as %1. Data folder: %2</source>
        <translation>Logged in as %1. Data folder: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="89"/>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="92"/>
        <source>Subscribers</source>
        <translation>Subscribers</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="96"/>
        <source>Manual alert</source>
        <translation>Manual alert</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="101"/>
        <source>Dispatch history</source>
        <translation>Dispatch history</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="104"/>
        <source>Statistics</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="107"/>
        <source>Mailbox</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="110"/>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="113"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="116"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="117"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="120"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="123"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="132"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="133"/>
        <location filename="../../desktop/windows/main_window.py" line="139"/>
        <source>About kishomail</source>
        <translation>About kishomail</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="141"/>
        <source>kishomail (weather alert mail) — the crisis-management office&apos;s alert mail system. The staff manual is docs/staff-manual.md.</source>
        <translation>kishomail (weather alert mail) — the crisis-management office&apos;s alert mail system. The staff manual is docs/staff-manual.md.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="156"/>
        <source>Service: stopped</source>
        <translation>Service: stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="157"/>
        <source>Service: starting</source>
        <translation>Service: starting</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="158"/>
        <source>Service: running</source>
        <translation>Service: running</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="159"/>
        <source>Service: stopping</source>
        <translation>Service: stopping</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="201"/>
        <source>Stop the service?</source>
        <translation>Stop the service?</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="203"/>
        <source>The service is running. Closing this window stops it: no feed is read and no alert is sent until it is started again. Close anyway?</source>
        <translation>The service is running. Closing this window stops it: no feed is read and no alert is sent until it is started again. Close anyway?</translation>
    </message>
</context>
<context>
    <name>ManualAlertPage</name>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="56"/>
        <source>Manual alerts are not available in this version.</source>
        <translation>Manual alerts are not available in this version.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="63"/>
        <source>Evacuation information</source>
        <translation>Evacuation information</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="64"/>
        <source>Weather information</source>
        <translation>Weather information</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="65"/>
        <source>Other notice</source>
        <translation>Other notice</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="69"/>
        <location filename="../../desktop/windows/manual_alert.py" line="88"/>
        <source>Subject (Japanese)</source>
        <translation>Subject (Japanese)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="71"/>
        <location filename="../../desktop/windows/manual_alert.py" line="89"/>
        <source>Text (Japanese)</source>
        <translation>Text (Japanese)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="73"/>
        <location filename="../../desktop/windows/manual_alert.py" line="90"/>
        <source>Subject (English, optional)</source>
        <translation>Subject (English, optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="75"/>
        <location filename="../../desktop/windows/manual_alert.py" line="91"/>
        <source>Text (English, optional)</source>
        <translation>Text (English, optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="84"/>
        <source>Audience: every active subscriber (no topic chosen).</source>
        <translation>Audience: every active subscriber (no topic chosen).</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="87"/>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="92"/>
        <source>Only subscribers of</source>
        <translation>Only subscribers of</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="93"/>
        <source>Save draft and submit for approval</source>
        <translation>Save draft and submit for approval</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="96"/>
        <source>Compose</source>
        <translation>Compose</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="105"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="106"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="108"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="111"/>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="112"/>
        <source>Approved by</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="113"/>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="117"/>
        <source>Manual alerts</source>
        <translation>Manual alerts</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="122"/>
        <source>Preview exactly as mailed</source>
        <translation>Preview exactly as mailed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="123"/>
        <source>Select an alert to see it exactly as mailed.</source>
        <translation>Select an alert to see it exactly as mailed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="124"/>
        <source>Approve (second officer)</source>
        <translation>Approve (second officer)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="126"/>
        <source>Send now</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="130"/>
        <source>Approvals queue and sending</source>
        <translation>Approvals queue and sending</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="150"/>
        <source>draft</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="151"/>
        <source>waiting for approval</source>
        <translation>waiting for approval</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="152"/>
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="153"/>
        <source>scheduled</source>
        <translation>scheduled</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="154"/>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="155"/>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="188"/>
        <source>Alert %1 waits for a second officer&apos;s approval.</source>
        <translation>Alert %1 waits for a second officer&apos;s approval.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="207"/>
        <source>Recipients now: %1</source>
        <translation>Recipients now: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="217"/>
        <source>You wrote this alert: another officer must approve it.</source>
        <translation>You wrote this alert: another officer must approve it.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="239"/>
        <source>Approved. It can be sent now.</source>
        <translation>Approved. It can be sent now.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/manual_alert.py" line="247"/>
        <source>Sending: follow the progress on the dashboard.</source>
        <translation>Sending: follow the progress on the dashboard.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/windows/settings.py" line="63"/>
        <source>Save settings</source>
        <extracomment>The settings this page edits, by group; secrets are write-only.</extracomment>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="89"/>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (port 587)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="90"/>
        <source>implicit TLS (port 465)</source>
        <translation>implicit TLS (port 465)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="95"/>
        <source>individual (one mail per person, personal stop link)</source>
        <translation>individual (one mail per person, personal stop link)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="97"/>
        <source>batch (many recipients per envelope)</source>
        <translation>batch (many recipients per envelope)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="110"/>
        <source>Mail relay</source>
        <translation>Mail relay</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="112"/>
        <source>Host (empty: local mailbox only)</source>
        <translation>Host (empty: local mailbox only)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="113"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="114"/>
        <source>Security</source>
        <translation>Security</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="115"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="116"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="117"/>
        <source>CA file (PEM)</source>
        <translation>CA file (PEM)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="118"/>
        <source>Parallel connections</source>
        <translation>Parallel connections</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="119"/>
        <source>Messages per second (0: no limit)</source>
        <translation>Messages per second (0: no limit)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="120"/>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="121"/>
        <source>Connects with the saved settings; sends nothing.</source>
        <translation>Connects with the saved settings; sends nothing.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="130"/>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="132"/>
        <source>Source (feed URL or folder)</source>
        <translation>Source (feed URL or folder)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="133"/>
        <source>Seconds between polls</source>
        <translation>Seconds between polls</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="134"/>
        <source>Area codes</source>
        <translation>Area codes</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="138"/>
        <source>Dispatch</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="140"/>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="141"/>
        <source>Recipients per envelope (batch)</source>
        <translation>Recipients per envelope (batch)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="146"/>
        <source>Accounts and roles</source>
        <translation>Accounts and roles</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="149"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="150"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="151"/>
        <location filename="../../desktop/windows/settings.py" line="334"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="152"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="152"/>
        <location filename="../../desktop/windows/settings.py" line="155"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="152"/>
        <location filename="../../desktop/windows/settings.py" line="155"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="154"/>
        <source>Two-step login</source>
        <translation>Two-step login</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="157"/>
        <source>Password changed</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="161"/>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="166"/>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="167"/>
        <source>Change role…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="168"/>
        <source>New password…</source>
        <translation>New password…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="169"/>
        <source>Deactivate</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="203"/>
        <source>(set — type to replace)</source>
        <translation>(set — type to replace)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="203"/>
        <source>(not set)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="225"/>
        <source>Nothing changed.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="237"/>
        <source>Saved. A running service uses the new settings after it is restarted.</source>
        <translation>Saved. A running service uses the new settings after it is restarted.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="247"/>
        <source>Connecting to the relay…</source>
        <translation>Connecting to the relay…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="269"/>
        <source>No relay is set: mail goes to the local mailbox only.</source>
        <translation>No relay is set: mail goes to the local mailbox only.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="273"/>
        <source>Connected to %1:%2 over %3; certificate %4. Nothing was sent.</source>
        <translation>Connected to %1:%2 over %3; certificate %4. Nothing was sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="285"/>
        <source>The relay could not be reached: %1</source>
        <translation>The relay could not be reached: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="324"/>
        <source>Account %1 was added.</source>
        <translation>Account %1 was added.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="340"/>
        <source>The role was changed.</source>
        <translation>The role was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="348"/>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="354"/>
        <source>The password was replaced.</source>
        <translation>The password was replaced.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/settings.py" line="364"/>
        <source>Account %1 was deactivated.</source>
        <translation>Account %1 was deactivated.</translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="69"/>
        <source>kishomail — first start</source>
        <extracomment>The demo store gets one account per working role, all with the demo password.</extracomment>
        <translation>kishomail — first start</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="78"/>
        <source>Welcome to kishomail (weather alert mail)</source>
        <translation>Welcome to kishomail (weather alert mail)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="88"/>
        <source>There is no kishomail data in the data folder yet:
%1

Create the office&apos;s data to start using kishomail for real, or try the demo first: it uses invented subscribers and replays a typhoon night, and its mail goes only into a local mailbox on this computer.</source>
        <translation>There is no kishomail data in the data folder yet:
%1

Create the office&apos;s data to start using kishomail for real, or try the demo first: it uses invented subscribers and replays a typhoon night, and its mail goes only into a local mailbox on this computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="96"/>
        <source>Create the office&apos;s data…</source>
        <translation>Create the office&apos;s data…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="98"/>
        <source>Try the demo</source>
        <translation>Try the demo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="101"/>
        <source>Demo role</source>
        <translation>Demo role</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="103"/>
        <source>as administrator (settings, service, audit log)</source>
        <translation>as administrator (settings, service, audit log)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="104"/>
        <source>as operator (subscribers, mailbox)</source>
        <translation>as operator (subscribers, mailbox)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="105"/>
        <source>as duty officer (manual alerts)</source>
        <translation>as duty officer (manual alerts)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="110"/>
        <source>Demo accounts: demo (administrator), demo-operator, demo-duty, demo-auditor; password for all: %1</source>
        <translation>Demo accounts: demo (administrator), demo-operator, demo-duty, demo-auditor; password for all: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="128"/>
        <location filename="../../desktop/dialogs/setup.py" line="136"/>
        <source>Administrator&apos;s account name</source>
        <translation>Administrator&apos;s account name</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="131"/>
        <location filename="../../desktop/dialogs/setup.py" line="137"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="134"/>
        <location filename="../../desktop/dialogs/setup.py" line="138"/>
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="141"/>
        <source>Account names use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;. Choose a long password; the data is encrypted with it.</source>
        <translation>Account names use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;. Choose a long password; the data is encrypted with it.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="146"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="148"/>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="152"/>
        <source>The first administrator</source>
        <translation>The first administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="163"/>
        <source>This is the recovery key. It is shown only now. If every administrator&apos;s password is lost, only this key opens the data. Print it or write it down, and keep it locked away (not on this computer).</source>
        <translation>This is the recovery key. It is shown only now. If every administrator&apos;s password is lost, only this key opens the data. Print it or write it down, and keep it locked away (not on this computer).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="176"/>
        <location filename="../../desktop/dialogs/setup.py" line="184"/>
        <source>Recovery key</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="178"/>
        <source>I have printed or written down the recovery key</source>
        <translation>I have printed or written down the recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="179"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="198"/>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="201"/>
        <source>Creating the encrypted data…</source>
        <translation>Creating the encrypted data…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/setup.py" line="227"/>
        <source>Preparing the demo (about a second)…</source>
        <translation>Preparing the demo (about a second)…</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="48"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="51"/>
        <source>Export .xlsx…</source>
        <translation>Export .xlsx…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="53"/>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="80"/>
        <source>Active subscribers by topic</source>
        <translation>Active subscribers by topic</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="87"/>
        <source>By language</source>
        <translation>By language</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="92"/>
        <source>By channel</source>
        <translation>By channel</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="128"/>
        <source>Registrations over time (cumulative, by day)</source>
        <translation>Registrations over time (cumulative, by day)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="150"/>
        <source>Mails sent per dispatch (last 15)</source>
        <translation>Mails sent per dispatch (last 15)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="169"/>
        <source>Written: %1</source>
        <translation>Written: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/statistics.py" line="176"/>
        <source>Export statistics</source>
        <translation>Export statistics</translation>
    </message>
</context>
<context>
    <name>SubscriberDialog</name>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="45"/>
        <source>Add a subscriber</source>
        <translation>Add a subscriber</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="47"/>
        <source>Change subscriber %1</source>
        <translation>Change subscriber %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="51"/>
        <location filename="../../desktop/dialogs/subscriber.py" line="110"/>
        <source>E-mail address</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="54"/>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="56"/>
        <source>Warnings from</source>
        <translation>Warnings from</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="59"/>
        <source>advisories (level 2)</source>
        <translation>advisories (level 2)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="60"/>
        <source>warnings (level 3)</source>
        <translation>warnings (level 3)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="61"/>
        <source>danger warnings (level 4)</source>
        <translation>danger warnings (level 4)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="62"/>
        <source>special warnings (level 5)</source>
        <translation>special warnings (level 5)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="66"/>
        <source>Heavy rain from</source>
        <translation>Heavy rain from</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="71"/>
        <source>River levels from</source>
        <translation>River levels from</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="74"/>
        <source>flood caution level</source>
        <translation>flood caution level</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="75"/>
        <source>evacuation decision level</source>
        <translation>evacuation decision level</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="76"/>
        <source>flood danger level</source>
        <translation>flood danger level</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="80"/>
        <source>Kanda River</source>
        <translation>Kanda River</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="81"/>
        <source>Zenpukuji River</source>
        <translation>Zenpukuji River</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="82"/>
        <source>Myoshoji River</source>
        <translation>Myoshoji River</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="93"/>
        <source>Flood forecasts</source>
        <translation>Flood forecasts</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="100"/>
        <source>UTF-8 (usual)</source>
        <translation>UTF-8 (usual)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="101"/>
        <source>ISO-2022-JP (old phones)</source>
        <translation>ISO-2022-JP (old phones)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="104"/>
        <source>Quiet hours</source>
        <translation>Quiet hours</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="111"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="112"/>
        <source>Character set</source>
        <translation>Character set</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="113"/>
        <source>Quiet hours (advisories held back)</source>
        <translation>Quiet hours (advisories held back)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="115"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="175"/>
        <source>Enter the e-mail address.</source>
        <translation>Enter the e-mail address.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="177"/>
        <source>Choose at least one topic.</source>
        <translation>Choose at least one topic.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/subscriber.py" line="182"/>
        <source>Quiet hours look like 22:00-06:00 (start and end differ).</source>
        <translation>Quiet hours look like 22:00-06:00 (start and end differ).</translation>
    </message>
</context>
<context>
    <name>SubscribersPage</name>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="56"/>
        <source>ID</source>
        <extracomment>An action finished and the table was asked to reload (tests wait for this).</extracomment>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="57"/>
        <source>E-mail address</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="58"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="60"/>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="62"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="63"/>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="64"/>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="69"/>
        <location filename="../../desktop/windows/subscribers.py" line="70"/>
        <source>Search by part of the address</source>
        <translation>Search by part of the address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="72"/>
        <source>All topics</source>
        <translation>All topics</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="74"/>
        <source>All languages</source>
        <translation>All languages</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="76"/>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="77"/>
        <source>All channels</source>
        <translation>All channels</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="79"/>
        <source>Number of subscribers shown</source>
        <translation>Number of subscribers shown</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="91"/>
        <source>Subscribers</source>
        <translation>Subscribers</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="98"/>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="99"/>
        <source>Change…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="101"/>
        <source>Stop mail</source>
        <translation>Stop mail</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="104"/>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="107"/>
        <source>Import CSV…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="110"/>
        <source>Encrypted export…</source>
        <translation>Encrypted export…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="179"/>
        <source>%1 shown</source>
        <translation>%1 shown</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="182"/>
        <source>%1 subscribers match; %2 loaded (scroll for more)</source>
        <translation>%1 subscribers match; %2 loaded (scroll for more)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="186"/>
        <source>%1 subscribers match</source>
        <translation>%1 subscribers match</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="232"/>
        <source>The subscriber was added.</source>
        <translation>The subscriber was added.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="260"/>
        <source>The subscriber was changed.</source>
        <translation>The subscriber was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="270"/>
        <source>Mail to subscriber %1 was stopped.</source>
        <translation>Mail to subscriber %1 was stopped.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="279"/>
        <source>Delete subscriber %1 for good? The address is erased; an erasure record without the address is kept.</source>
        <translation>Delete subscriber %1 for good? The address is erased; an erasure record without the address is kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="287"/>
        <source>Subscriber %1 was deleted.</source>
        <translation>Subscriber %1 was deleted.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="301"/>
        <source>Writing the encrypted file…</source>
        <translation>Writing the encrypted file…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="306"/>
        <source>%1 subscribers written to %2.</source>
        <translation>%1 subscribers written to %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="326"/>
        <source>Please confirm</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="331"/>
        <source>Encrypted export</source>
        <translation>Encrypted export</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="331"/>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP files (*.zip)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="337"/>
        <source>The file&apos;s password (shown once)</source>
        <translation>The file&apos;s password (shown once)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/subscribers.py" line="340"/>
        <source>The ZIP file is encrypted (AES-256). Its password is shown only now; give it to the recipient by another way than the file (phone, in person):

%1</source>
        <translation>The ZIP file is encrypted (AES-256). Its password is shown only now; give it to the recipient by another way than the file (phone, in person):

%1</translation>
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
        <location filename="../../desktop/dialogs/import_wizard.py" line="200"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
</context>
<context>
    <name>_FilePage</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="98"/>
        <source>Choose the CSV file</source>
        <translation>Choose the CSV file</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="100"/>
        <source>UTF-8 or Shift_JIS, with a header line. Columns: email, topics, language …</source>
        <translation>UTF-8 or Shift_JIS, with a header line. Columns: email, topics, language …</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="103"/>
        <location filename="../../desktop/dialogs/import_wizard.py" line="119"/>
        <source>CSV file</source>
        <translation>CSV file</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="105"/>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="112"/>
        <source>Next checks the file without changing anything (a dry run).</source>
        <translation>Next checks the file without changing anything (a dry run).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="119"/>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV files (*.csv *.txt)</translation>
    </message>
</context>
<context>
    <name>_ReportPage</name>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="138"/>
        <source>What the import would do</source>
        <translation>What the import would do</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="144"/>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="145"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="146"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="150"/>
        <source>Bad lines</source>
        <translation>Bad lines</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="158"/>
        <source>Checking %1…</source>
        <translation>Checking %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="166"/>
        <source>%1 lines read (%2). %3 new subscribers, %4 already registered, %5 duplicate lines in the file, %6 bad lines.</source>
        <translation>%1 lines read (%2). %3 new subscribers, %4 already registered, %5 duplicate lines in the file, %6 bad lines.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="176"/>
        <source>bad line</source>
        <translation>bad line</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="177"/>
        <source>duplicate in file</source>
        <translation>duplicate in file</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="181"/>
        <source>The file is fine. Next imports it.</source>
        <translation>The file is fine. Next imports it.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_wizard.py" line="184"/>
        <source>Nothing can be imported until the bad lines are fixed.</source>
        <translation>Nothing can be imported until the bad lines are fixed.</translation>
    </message>
</context>
</TS>
