<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>QObject</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::AdminPanel</name>
    <message>
        <source>Admin panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log entries shown were exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start or stop the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA root fingerprint (SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the root fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holders compare this fingerprint when they first trust this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root &amp;fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes waiting to be typed in. The codes themselves are never stored, only a keyed hash of each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s own messages appear here; with the console notifier, so do the one-time codes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pending codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;udit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acti&amp;vity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Telegram bot token is saved: type it in the configuration and save it, or choose the console notifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot hand the bot token to the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the server… The first start creates the CA&apos;s keys, which can take a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the bot token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the server to change its configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is running at %1. Holders check the root fingerprint when they first connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no fingerprint to copy yet: start the server first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The root fingerprint was copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program (or another Certigram server) uses that port: choose another port, or stop that program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confi&amp;guration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CA in this data directory yet: it is created when the server first starts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::AuditLogModel</name>
    <message>
        <source>Cannot read the audit log %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::AuditLogView</name>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message contains…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote address contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the entries shown as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 entries shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::BotTokenStore</name>
    <message>
        <source>The bot token is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain refused to store the bot token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain refused to give the bot token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder for the bot token file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the bot token to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the bot token from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete the bot token file %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::CodePage</name>
    <message>
        <source>&amp;Send me a code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your Telegram account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your numeric Telegram user id. The server sends a one-time code to that account to prove it is yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram user id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code from Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram &amp;user id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tip: Telegram apps show your id in Settings, or ask a bot such as @userinfobot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server to send a code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send a new code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code has expired: ask for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A code is on its way to your Telegram. It is valid for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No code? You can ask for a new one in %n second(s).</source>
        <translation>
            <numerusform>No code? You can ask for a new one in %n second.</numerusform>
            <numerusform>No code? You can ask for a new one in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>certigram::CountersTable</name>
    <message>
        <source>Codes sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeated code requests refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid Telegram ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code requests rate-limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes not delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong codes typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes burned (no attempts left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes typed with none pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment tokens issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation tokens issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation tokens refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server counters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests handled since the server started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded (2xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused (4xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad input, wrong codes, rate limits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed (5xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server-side failures: see the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean response time (ms)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::CsvExporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::EnrollProgressPage</name>
    <message>
        <source>Getting your certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating your %1 key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the CA for your certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Go back to correct what is wrong, or cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::EnrollWizard</name>
    <message>
        <source>Your certificate is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Certificate for &lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt;, valid until %3.&lt;/p&gt;&lt;p&gt;Next steps:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Certigram renews it automatically while it runs.&lt;/li&gt;&lt;li&gt;Use &lt;i&gt;Export&lt;/i&gt; to install it in a browser or another program (PKCS#12).&lt;/li&gt;&lt;li&gt;If this computer is lost, revoke it from another one with a Telegram code.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::ExportDialog</name>
    <message>
        <source>PKCS#12 file (.p12) — for browsers, Windows, macOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files — key and certificate, for servers and scripts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Legacy encryption for old programs (Windows 7, old Java)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: encrypts the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PKCS#12 file needs a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as PKCS#12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#12 files (*.p12 *.pfx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PEM files into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists already: choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::IdentityDetails</name>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names (SAN):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime used:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial (hex):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial (decimal):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key usage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate PEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy PEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an identity to see its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, protected by a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::IdentityTableModel</name>
    <message>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — valid until %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::KeyPage</name>
    <message>
        <source>Your key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key is generated on this computer and never leaves it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a passphrase the key is still readable by your user account only. With one, you type it to renew, revoke or export; automatic renewal cannot open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended: fast, small, accepted everywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow: generating it takes several seconds, and every TLS handshake costs more. Choose it only if a service demands it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modern and fast, but some older software does not accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widely accepted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::MainWindow</name>
    <message>
        <source>Server (admin mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certigram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by id, profile, serial…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Renew now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Admin mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Certigram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Certigram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Certigram %1&lt;/h3&gt;&lt;p&gt;Client certificates for Telegram identities from a step-ca style certificate authority.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show Certigram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate renewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is valid until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (next try: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n identity(ies)</source>
        <translation>
            <numerusform>%n identity</numerusform>
            <numerusform>%n identities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identity folder(s) unreadable</source>
        <translation>
            <numerusform>%n identity folder unreadable</numerusform>
            <numerusform>%n identity folders unreadable</numerusform>
        </translation>
    </message>
    <message>
        <source>automatic renewal off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next renewal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificates yet. Click “New certificate” to get one with your Telegram account, or import one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an identity to see its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key of %1 is protected. Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#12 or PEM files (*.p12 *.pfx *.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one PKCS#12 file, or a certificate and its key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of the PKCS#12 file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase of the key (leave empty if it has none):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 and its private key from this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is still valid: export it first if you need it elsewhere, or revoke it if it must not be used again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certigram keeps running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates are renewed in the background. Quit from the tray menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has expired. Enrol again to get a new certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 expires in %n day(s): renew it now.</source>
        <translation>
            <numerusform>%1 expires in %n day: renew it now.</numerusform>
            <numerusform>%1 expires in %n days: renew it now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>certigram::PendingCodesModel</name>
    <message>
        <source>Cannot read the pending codes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::ProfilePage</name>
    <message>
        <source>&amp;Use a CA I have used before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a &amp;new CA:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where your certificate comes from. Your administrator gives you the CA&apos;s address and the fingerprint of its root certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved CA profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same as the CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>64 hexadecimal digits, colons allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Registration address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root &amp;fingerprint (SHA-256):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registration address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1 and checking its root certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::RequestsChart</name>
    <message>
        <source>Requests per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A line chart of the requests the server handled in each of the last %n minutes</source>
        <translation>
            <numerusform>A line chart of the requests the server handled in the last minute</numerusform>
            <numerusform>A line chart of the requests the server handled in each of the last %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::RevokeDialog</name>
    <message>
        <source>Unspecified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No particular reason, or none you want to give.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key compromise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else may have the private key: a stolen laptop, a leaked file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA compromise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate authority itself is no longer trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affiliation changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name or organisation in the certificate is no longer right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has been replaced by a new certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cessation of operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is no longer needed: the service or device is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended for now (the CA may treat it as final).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from CRL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo a hold (rarely used by holders).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privilege withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder is no longer entitled to what the certificate granted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute authority compromise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An authority that vouched for its attributes is no longer trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have &amp;lost the private key: prove the certificate is mine with a Telegram code instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason in your words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code from Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand that revoking the certificate of %1 (serial %2) cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;ason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In your &amp;words:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;de:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server to send a code to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A code is on its way to your Telegram.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::ServerConfigForm</name>
    <message>
        <source>Server configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IP address to serve on: 127.0.0.1 for this computer only, 0.0.0.0 for every network interface.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holds the CA keys, the database and the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the data directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console (codes appear in the server messages; testing only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram bot token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>123456789:AA… from @BotFather</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the bot token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bot token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot token status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs with the subject as its argument and the message on its standard input (no shell).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the notification program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum open connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per minute per address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burst of requests per address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code lifetime in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts per code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code requests per address per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open c&amp;onnections at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Requests per minute per address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code re&amp;quests per address per hour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded (this app is the CA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External step-ca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;A mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names the CA answers to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>localhost, 127.0.0.1, this computer&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host names and IP addresses, separated by commas, that clients use to reach this server. Its TLS certificate carries them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;names:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External CA URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External CA root certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provisioner name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provisioner key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provisioner password file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server TLS certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server TLS key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Root certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provisioner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provisioner &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provisioner pass&amp;word file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS ke&amp;y:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bot token is saved in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bot token is saved in %1 (readable by you only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bot token is saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is kept in the system keychain, or in a file only you can read when there is none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is kept in a file only you can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the bot token @BotFather gave you, then save it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This does not look like a bot token: it should read like 123456789:AAE… (the bot&apos;s number, a colon, then the secret).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The listen address &quot;%1&quot; is not an IP address. Use 127.0.0.1 to serve this computer only, or 0.0.0.0 to serve the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a data directory: it holds the CA keys, the database and the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data directory must be a full path, such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data directory %1 is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command notifier needs a program to run: fill in &quot;Command&quot;, or choose another notifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Telegram notifier needs the bot&apos;s token: type it in &quot;Bot token&quot; and save it, or choose the console notifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The external CA&apos;s URL must be an https address, such as https://ca.example.org:9000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the external CA&apos;s root certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provisioner&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provisioner&apos;s password file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s TLS key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An external CA needs %1: choose its file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file for %1 does not exist: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An external CA needs the name of its JWK provisioner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration is not complete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send codes &amp;with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma&amp;nd:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Burst per address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code l&amp;ifetime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts per cod&amp;e:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::ServerWorker</name>
    <message>
        <source>The server is already running.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certigram::SettingsDialog</name>
    <message>
        <source>Renew certificates &amp;automatically while Certigram runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the a&amp;dmin panel (run a registration server here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew after this percentage of the validity period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew &amp;after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language (after a restart):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 (root %3…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the CA profile &quot;%1&quot;? Its identities stay, but cannot be renewed until you connect to that CA again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Certificate manager for Telegram-verified client certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in the tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in admin mode with the registration server and its embedded CA running (the settings of the admin panel; by default on https://localhost:8443).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
