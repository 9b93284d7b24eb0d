<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>sb::ui::AddressListEdit</name>
    <message>
        <source>IP address or network, e.g. 203.0.113.5 or 203.0.113.0/24</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already listed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::CallHistoryModel</name>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call-ID: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::CallHistoryPanel</name>
    <message>
        <source>Show calls that started on or after this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show calls that started on or before this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the calls shown as a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine is not running; call history cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call history could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (refreshing…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export call history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call history could not be saved to %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n call(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::ui::CallsModel</name>
    <message>
        <source>Trying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring-back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::CallsPanel</name>
    <message>
        <source>Hang &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the selected calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine is not running; no call was hung up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hanging up the call from %1 to %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Hanging up %n calls…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::ui::ConfigEdits</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ConfigListPanel</name>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine is not running; the change was not applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine is not running; the warning was not cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearing the warning on %1: 100rel will be offered again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes that lead to it are deleted too: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes that fail over to it lose their failover: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::DesktopPreferences</name>
    <message>
        <source>Cannot change %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::DialogFields</name>
    <message>
        <source>UDP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no such extension)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already used by an external line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already used by a SIP trunk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::DidTableEdit</name>
    <message>
        <source>DID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rings extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add DID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. +8613901088888</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number callers dial, as the carrier sends it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: enter the DID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DID %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DID %1 is listed twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DID %1: there is no extension to ring; add one first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DID %1: no extension %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ExtensionDialog</name>
    <message>
        <source>Edit extension %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 105</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to the called party, e.g. Reception</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in a strong random password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled (may register and call)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qualify (ping registered phones with OPTIONS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already used by another extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: %1. Easy to guess; allowed, but not recommended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: %1. Longer is better.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phones reachable from the internet get password-guessing attacks. Use 12 or more characters mixing letters, digits and symbols, or press Generate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ExtensionsModel</name>
    <message numerus="yes">
        <source>%n contact(s) do not answer qualify pings (OPTIONS).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 unreachable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qualify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered contacts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ExtensionsPanel</name>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a local extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete extension %1?

Phones registered to it can no longer call or be called.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding extension %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension %1 no longer exists; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving extension %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting extension %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine is not running; the change was not applied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::FirstRunWizard</name>
    <message>
        <source>Set up Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phones register to this name or address. Pick the address of this computer that the phones can reach, or type a DNS name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP &amp;domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phones and carriers send SIP to these ports. Keep the standard ones unless another program uses them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP &amp;port (UDP/TCP):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP over &amp;TLS port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One extension per phone. Each gets a generated password, shown on the last page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the extensions that exist now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Number of extensions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optionally, a carrier account Switchboard registers to for calls to and from the telephone network. You can add lines later too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add an external line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. China Telecom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. gd.ctcims.cn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. +8612345678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host[:port]; empty: the domain itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ccount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up each phone with its extension number, this password and the SIP domain. The passwords are shown only now: copy them before you finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy passwords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First number: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last number %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension %1 exists already: choose another first number, or remove the existing extensions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP domain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound proxy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine is not running; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine refused this configuration: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::LineDialog</name>
    <message>
        <source>Edit external line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add external line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none: incoming calls are refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown in routes and call history, e.g. China Telecom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. gd.ctcims.cn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carrier&apos;s SIP domain. In IMS networks it is often a logical domain that cannot be reached itself: then set the outbound proxy too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User part given by the carrier, e.g. +8612345678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name used to answer digest challenges (401/407), when the carrier gave one different from the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization ID includes address information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some IMS soft-switches (e.g. ZTE) answer 403 Forbidden unless the digest user name is the full account@domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host[:port], e.g. 10.20.30.40:5060</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register this account with the carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration interval asked for in Expires (30 to 86400 seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable reliability of provisional responses (100rel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INVITEs then carry no 100rel at all. For carriers that require 100rel in their 18x but refuse the PRACK that answers it (405 Method Not Allowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user=phone to Request-URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sip:+8613901088888@domain;user=phone marks the number as a telephone number, as IMS networks expect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP &amp;domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authori&amp;zation ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy (Via):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where every request of this line is sent (an SBC or P-CSCF), while the SIP domain stays the logical IMS domain in the URIs. Empty: requests go to the domain itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration &amp;interval:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming calls &amp;ring:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(enter the account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(domain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest user name sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::LinesModel</name>
    <message>
        <source>Not registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::LinesPanel</name>
    <message>
        <source>Add an account at a carrier or IMS network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The line refused PRACK, so 100rel is no longer offered on it. Clear the warning to offer 100rel again (e.g. after the carrier fixed it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete external line %1 (%2@%3)?

It stops registering; calls can no longer go out or come in through it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete external line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 no longer exists; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting line %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding line %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving line %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::LogDock</name>
    <message>
        <source>Engine log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>debug</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::MainWindow</name>
    <message>
        <source>Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP trunks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
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
        <source>Setup &amp;wizard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server information…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration imported and applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine refused the imported configuration; the previous one stays in force.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard configuration (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be imported.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the whole configuration (extensions, lines, trunks, routes and settings) with the contents of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying the imported configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard configuration (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration could not be exported.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration exported to %1 (it contains passwords).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setup wizard&apos;s configuration is applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls go on. Use Quit in this icon&apos;s menu to stop the PBX.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Switchboard %1&lt;/h3&gt;&lt;p&gt;A desktop SIP PBX that interoperates with carrier and IMS networks: TEL URIs, user=phone, 100rel/PRACK, UPDATE, outbound proxies.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::Models</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::PasswordStrength</name>
    <message>
        <source>weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::RegistrationsModel</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::RouteDialog</name>
    <message>
        <source>%1 (no such line or trunk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (trunk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit route %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 9. or 0[1-9]X.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leading digits removed before the number is sent, e.g. 1 for the outside line prefix 9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put in front after stripping, e.g. +86</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tried when the target does not answer, answers 408 or 5xx, or is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digits, X (0-9), Z (1-9), N (2-9), ranges such as [1-5], and a final &apos;.&apos; for one or more of anything. The first matching route wins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Strip digits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;repend:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Failover:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add an external line or a SIP trunk first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no line or trunk named &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names the same line or trunk as target</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::RoutesModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failover</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::RoutesPanel</name>
    <message>
        <source>Add an outbound rule; it is tried after the existing ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try this route earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try this route later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A number as an extension dials it, e.g. 9013901088888</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration has not been received yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a number to see which route, line or trunk it leaves by.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, failover %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete route %1 (%2 → %3)?

Numbers it matches go to the next matching route, or fail with 404 when none matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The routes changed meanwhile; nothing was moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving route %1 (%2) to position %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding route %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route %1 changed meanwhile; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving route %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting route %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ServerInfoDialog</name>
    <message>
        <source>Server information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the fingerprint to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate
(SHA-256):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phones connecting over TLS may ask you to trust this certificate: compare the fingerprint they show with the one above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine has not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP and TCP port for SIP (usually 5060)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port for SIP over TLS (usually 5061)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0.0.0.0 listens on every IPv4 address of this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: a certificate generated next to the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the TLS private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: in the certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>China</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Europe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>North America</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A call that carries no audio this long is ended (0: never)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window keeps Switchboard running in the notification area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start minimised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Switchboard when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP &amp;port (UDP/TCP):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;TLS port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS private &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports, the bind address and the TLS files take effect the next time Switchboard starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTP ports &amp;from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTP ports t&amp;o:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ring-back tone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Media timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine is not running; the settings were not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine refused the settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::SingleInstance</name>
    <message>
        <source>Switchboard cannot lock its database.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>switchboard-server is already running on this database (%1).

Stop the service first (for example: sudo systemctl stop switchboard-server), or start Switchboard with another database (--db).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program is using this database.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard cannot listen for later launches (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::TraceModel</name>
    <message>
        <source>Local address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call-ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::TracePanel</name>
    <message>
        <source>Filter: method, Call-ID, number, peer address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every message the filter shows, in full, as a text file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a message to see it in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save SIP trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SIP trace could not be saved to %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n SIP message(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::ui::TrayIcon</name>
    <message>
        <source>&amp;Show Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause new calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse calls that arrive from now on; calls in progress go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n active call(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> · lines: %1 registered, %2 failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · new calls paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::TrunkDialog</name>
    <message>
        <source>Edit SIP trunk %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add SIP trunk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown in routes and call history, e.g. carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peer&apos;s address or hostname, e.g. 203.0.113.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional host[:port]; empty: straight to the peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. user=phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appended to the Request-URI of every outgoing call, e.g. sip:+8613901088888@203.0.113.5;user=phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable reliability of provisional responses (100rel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INVITEs then carry no 100rel at all. For peers that require 100rel in their 18x but refuse the PRACK that answers it (405 Method Not Allowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer &amp;host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Additional parameter of &amp;Request-URI:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name[=value](;name[=value])*, for example user=phone or cpc=ordinary;npdi. Carriers that take no TEL URI may want user=phone on trunks too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed source addresses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests from these addresses belong to this trunk. None listed: the peer host&apos;s address (when it is an IP address).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIDs (called number → extension):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::TrunksModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request-URI parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::TrunksPanel</name>
    <message>
        <source>Add a server-to-server trunk to a carrier or another PBX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trunk&apos;s peer refused PRACK, so 100rel is no longer offered on it. Clear the warning to offer 100rel again (e.g. after the carrier fixed it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete SIP trunk %1 (%2:%3)?

Calls can no longer go out through it, and calls from its addresses are no longer accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete SIP trunk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trunk %1 no longer exists; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting trunk %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding trunk %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving trunk %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
