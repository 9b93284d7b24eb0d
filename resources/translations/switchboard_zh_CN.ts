<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SecurityPanel</name>
    <message>
        <source>&amp;Unban</source>
        <translation>解除封禁(&amp;U)</translation>
    </message>
    <message>
        <source>Addresses that failed authentication too often are ignored for a while. Limits and the never-banned list are in the settings.</source>
        <translation>认证失败次数过多的地址会被暂时忽略。阈值和永不封禁列表在设置中。</translation>
    </message>
    <message>
        <source>Unbanned %1.</source>
        <translation>已解除对 %1 的封禁。</translation>
    </message>
    <message>
        <source>Could not unban %1: the engine is not running.</source>
        <translation>无法解除对 %1 的封禁：引擎未运行。</translation>
    </message>
</context>
<context>
    <name>sb::ui::AddressListEdit</name>
    <message>
        <source>IP address or network, e.g. 203.0.113.5 or 203.0.113.0/24</source>
        <translation>IP 地址或网段，例如 203.0.113.5 或 203.0.113.0/24</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 is already listed</source>
        <translation>%1 已在列表中</translation>
    </message>
</context>
<context>
    <name>sb::ui::BansModel</name>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Banned since</source>
        <translation>封禁开始</translation>
    </message>
    <message>
        <source>Banned until</source>
        <translation>封禁结束</translation>
    </message>
</context>
<context>
    <name>sb::ui::BlacklistDialog</name>
    <message>
        <source>Blacklist</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>Calls from lines and trunks whose caller number starts with one of these are refused. &quot;anonymous&quot; refuses callers that send no number.</source>
        <translation>来自外线和中继、主叫号码以下列任一前缀开头的来电将被拒绝。“anonymous”拒绝不发送号码的来电。</translation>
    </message>
    <message>
        <source>e.g. +86139 or 0044</source>
        <translation>例如 +86139 或 0044</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Add a&amp;nonymous</source>
        <translation>添加匿名来电(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>603 Decline</source>
        <translation>603 Decline（拒绝）</translation>
    </message>
    <message>
        <source>486 Busy Here</source>
        <translation>486 Busy Here（忙）</translation>
    </message>
    <message>
        <source>480 Temporarily Unavailable</source>
        <translation>480 Temporarily Unavailable（暂时无法接通）</translation>
    </message>
    <message>
        <source>403 Forbidden</source>
        <translation>403 Forbidden（禁止）</translation>
    </message>
    <message>
        <source>Callers get:</source>
        <translation>来电者收到：</translation>
    </message>
</context>
<context>
    <name>sb::ui::CallFlowDialog</name>
    <message>
        <source>Call flow: %1 to %2</source>
        <translation>呼叫流程：%1 至 %2</translation>
    </message>
    <message>
        <source>No message flow was kept for this call.</source>
        <translation>此通话未保存消息流程。</translation>
    </message>
    <message>
        <source>E&amp;xport text…</source>
        <translation>导出文本(&amp;X)…</translation>
    </message>
    <message>
        <source>The call flow could not be saved to %1: %2</source>
        <translation>无法将呼叫流程保存到 %1：%2</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source>Export call flow</source>
        <translation>导出呼叫流程</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>sb::ui::CallHistoryModel</name>
    <message>
        <source>Answered</source>
        <translation>已接听</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Call-ID: %1</source>
        <translation>Call-ID：%1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>应答</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>主叫</translation>
    </message>
    <message>
        <source>Callee</source>
        <translation>被叫</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>SIP code</source>
        <translation>SIP 状态码</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Billable</source>
        <translation>计费时长</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>编解码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>always</source>
        <translation>无条件</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>遇忙</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>blind</source>
        <translation>盲转</translation>
    </message>
    <message>
        <source>attended</source>
        <translation>咨询转接</translation>
    </message>
    <message>
        <source>%1 → %2 (%3)</source>
        <translation>%1 → %2（%3）</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>呼叫转移</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>呼叫转接</translation>
    </message>
</context>
<context>
    <name>sb::ui::CallHistoryPanel</name>
    <message>
        <source>Show calls that started on or after this day</source>
        <translation>显示此日及之后开始的通话</translation>
    </message>
    <message>
        <source>Show calls that started on or before this day</source>
        <translation>显示此日及之前开始的通话</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the calls shown as a CSV file</source>
        <translation>将显示的通话保存为 CSV 文件</translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation>从(&amp;M)</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>到(&amp;O)</translation>
    </message>
    <message>
        <source>The engine is not running; call history cannot be read.</source>
        <translation>引擎未运行，无法读取通话记录。</translation>
    </message>
    <message>
        <source>Call history could not be read: %1</source>
        <translation>无法读取通话记录：%1</translation>
    </message>
    <message>
        <source>Calls: %1</source>
        <translation>通话：%1</translation>
    </message>
    <message>
        <source>%1 (refreshing…)</source>
        <translation>%1（正在刷新…）</translation>
    </message>
    <message>
        <source>Export call history</source>
        <translation>导出通话记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The call history could not be saved to %1.

%2</source>
        <translation>无法将通话记录保存到 %1。

%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n call(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 条通话导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Call flo&amp;w…</source>
        <translation>呼叫流程(&amp;W)…</translation>
    </message>
    <message>
        <source>The SIP messages of the selected call as a sequence diagram, to read or export</source>
        <translation>以时序图显示所选通话的 SIP 消息，可查看或导出</translation>
    </message>
    <message>
        <source>What went wrong in this call</source>
        <translation>此通话出现的问题</translation>
    </message>
    <message>
        <source>Why this call failed</source>
        <translation>通话失败原因</translation>
    </message>
    <message>
        <source>The engine is not running; the call flow cannot be read.</source>
        <translation>引擎未运行，无法读取呼叫流程。</translation>
    </message>
    <message>
        <source>The call flow could not be read: %1</source>
        <translation>无法读取呼叫流程：%1</translation>
    </message>
</context>
<context>
    <name>sb::ui::CallsModel</name>
    <message>
        <source>Trying</source>
        <translation>尝试中</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <source>Early media</source>
        <translation>早期媒体</translation>
    </message>
    <message>
        <source>Ring-back</source>
        <translation>回铃</translation>
    </message>
    <message>
        <source>Talking</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>Ending</source>
        <translation>结束中</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>主叫</translation>
    </message>
    <message>
        <source>Callee</source>
        <translation>被叫</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>编解码</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
</context>
<context>
    <name>sb::ui::CallsPanel</name>
    <message>
        <source>Hang &amp;up</source>
        <translation>挂断(&amp;U)</translation>
    </message>
    <message>
        <source>End the selected calls</source>
        <translation>结束选中的通话</translation>
    </message>
    <message>
        <source>The engine is not running; no call was hung up.</source>
        <translation>引擎未运行，没有挂断任何通话。</translation>
    </message>
    <message>
        <source>Hanging up the call from %1 to %2…</source>
        <translation>正在挂断从 %1 到 %2 的通话…</translation>
    </message>
    <message numerus="yes">
        <source>Hanging up %n calls…</source>
        <translation>
            <numerusform>正在挂断 %n 个通话…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Transfer…</source>
        <translation>转接(&amp;T)…</translation>
    </message>
    <message>
        <source>Hand the selected call&apos;s party to another number, as its extension would</source>
        <translation>像其分机一样，把所选通话的对方转给另一个号码</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <source>The engine is not running; the call was not transferred.</source>
        <translation>引擎未运行；通话未转接。</translation>
    </message>
    <message>
        <source>Transferring the call from %1 to %2 to %3…</source>
        <translation>正在把从 %1 到 %2 的通话转接到 %3…</translation>
    </message>
</context>
<context>
    <name>sb::ui::CarrierProfileBar</name>
    <message>
        <source>Carrier profile</source>
        <translation>运营商配置</translation>
    </message>
    <message>
        <source>Settings a carrier is known to need, in one click</source>
        <translation>一键填入某运营商已知需要的设置</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>应用(&amp;P)</translation>
    </message>
    <message>
        <source>Put the profile&apos;s settings in the fields below (nothing is saved until OK)</source>
        <translation>将配置中的设置填入下方各项（点击“确定”之前不会保存）</translation>
    </message>
    <message>
        <source>I&amp;mport…</source>
        <translation>导入(&amp;M)…</translation>
    </message>
    <message>
        <source>Add a profile from a file, e.g. one a carrier&apos;s support desk sent</source>
        <translation>从文件添加配置，例如运营商技术支持发来的文件</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the settings below as a profile file, to use for another line or site</source>
        <translation>将下方设置保存为配置文件，供其他外线或站点使用</translation>
    </message>
    <message>
        <source>Applied &quot;%1&quot;.</source>
        <translation>已应用“%1”。</translation>
    </message>
    <message>
        <source>The profile could not be imported:
%1</source>
        <translation>无法导入配置：
%1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a profile for SIP trunks, not for external lines.</source>
        <translation>“%1”是 SIP 中继的配置，不适用于外线。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a profile for external lines, not for SIP trunks.</source>
        <translation>“%1”是外线的配置，不适用于 SIP 中继。</translation>
    </message>
    <message>
        <source>Imported &quot;%1&quot;: press Apply to use it.</source>
        <translation>已导入“%1”：点击“应用”即可使用。</translation>
    </message>
    <message>
        <source>The profile could not be saved:
%1</source>
        <translation>无法保存配置：
%1</translation>
    </message>
    <message>
        <source>Saved the settings below as profile %1.</source>
        <translation>已将下方设置保存为配置 %1。</translation>
    </message>
    <message>
        <source>Import carrier profile</source>
        <translation>导入运营商配置</translation>
    </message>
    <message>
        <source>Carrier profiles (*.json);;All files (*)</source>
        <translation>运营商配置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export carrier profile</source>
        <translation>导出运营商配置</translation>
    </message>
</context>
<context>
    <name>sb::ui::ConferenceRoomsDialog</name>
    <message>
        <source>Conference rooms</source>
        <translation>会议室</translation>
    </message>
    <message>
        <source>Room number</source>
        <translation>会议室号码</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>&amp;Add room</source>
        <translation>添加会议室(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Callers join a room by dialling *88 and its number, e.g. *88100. A room with a PIN asks for it (PIN, then #; three tries). Rooms not listed here work too, without a PIN.</source>
        <translation>拨打 *88 加会议室号码即可加入会议，例如 *88100。设有密码的会议室会要求输入密码（密码后按 #，可试三次）。未在此列出的会议室也可使用，无需密码。</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>%1, room number: %2</source>
        <translation>%1，会议室号码：%2</translation>
    </message>
    <message>
        <source>%1, room number: room %2 is listed twice</source>
        <translation>%1，会议室号码：会议室 %2 重复列出</translation>
    </message>
    <message>
        <source>%1, PIN: %2</source>
        <translation>%1，密码：%2</translation>
    </message>
    <message>
        <source>%1, name: %2</source>
        <translation>%1，名称：%2</translation>
    </message>
</context>
<context>
    <name>sb::ui::ConfigEdits</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>sb::ui::ConfigListPanel</name>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有任何更改。</translation>
    </message>
    <message>
        <source>The engine is not running; the change was not applied.</source>
        <translation>引擎未运行，更改未生效。</translation>
    </message>
    <message>
        <source>The engine is not running; the warning was not cleared.</source>
        <translation>引擎未运行，警告未清除。</translation>
    </message>
    <message>
        <source>Clearing the warning on %1: 100rel will be offered again.</source>
        <translation>正在清除 %1 的警告：将重新提供 100rel。</translation>
    </message>
    <message>
        <source>Routes that lead to it are deleted too: %1.</source>
        <translation>指向它的路由也会被删除：%1。</translation>
    </message>
    <message>
        <source>Routes that fail over to it lose their failover: %1.</source>
        <translation>以它为备用的路由将失去备用目标：%1。</translation>
    </message>
</context>
<context>
    <name>sb::ui::DesktopPreferences</name>
    <message>
        <source>Cannot change %1.</source>
        <translation>无法修改 %1。</translation>
    </message>
    <message>
        <source>Cannot remove %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation>无法创建 %1 所在的文件夹。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>sb::ui::DialogFields</name>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 (no such extension)</source>
        <translation>%1（分机不存在）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already used by an external line</source>
        <translation>“%1”已被一条外线使用</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already used by a SIP trunk</source>
        <translation>“%1”已被一条 SIP 中继使用</translation>
    </message>
    <message>
        <source>%1 — auto attendant %2</source>
        <translation>%1 — 自动总机 %2</translation>
    </message>
</context>
<context>
    <name>sb::ui::DidTableEdit</name>
    <message>
        <source>DID</source>
        <translation>DID 号码</translation>
    </message>
    <message>
        <source>Rings extension</source>
        <translation>振铃分机</translation>
    </message>
    <message>
        <source>Add DID</source>
        <translation>添加 DID</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>e.g. +8613901088888</source>
        <translation>例如 +8613901088888</translation>
    </message>
    <message>
        <source>The number callers dial, as the carrier sends it</source>
        <translation>主叫拨打的号码（按运营商送来的格式）</translation>
    </message>
    <message>
        <source>Row %1: enter the DID number</source>
        <translation>第 %1 行：请输入 DID 号码</translation>
    </message>
    <message>
        <source>DID %1: %2</source>
        <translation>DID %1：%2</translation>
    </message>
    <message>
        <source>DID %1 is listed twice</source>
        <translation>DID %1 重复</translation>
    </message>
    <message>
        <source>DID %1: there is no extension to ring; add one first</source>
        <translation>DID %1：没有可振铃的分机，请先添加分机</translation>
    </message>
    <message>
        <source>DID %1: no extension %2</source>
        <translation>DID %1：分机 %2 不存在</translation>
    </message>
</context>
<context>
    <name>sb::ui::ExtensionDialog</name>
    <message>
        <source>Edit extension %1</source>
        <translation>编辑分机 %1</translation>
    </message>
    <message>
        <source>Add extension</source>
        <translation>添加分机</translation>
    </message>
    <message>
        <source>e.g. 105</source>
        <translation>例如 105</translation>
    </message>
    <message>
        <source>Shown to the called party, e.g. Reception</source>
        <translation>向被叫显示，例如 前台</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show or hide the password</source>
        <translation>显示或隐藏密码</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Fill in a strong random password</source>
        <translation>填入一个高强度随机密码</translation>
    </message>
    <message>
        <source>Enabled (may register and call)</source>
        <translation>启用（可注册和通话）</translation>
    </message>
    <message>
        <source>Qualify (ping registered phones with OPTIONS)</source>
        <translation>探测（用 OPTIONS 检测已注册的话机）</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>号码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示名称(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>%1 is already used by another extension</source>
        <translation>%1 已被其他分机使用</translation>
    </message>
    <message>
        <source>Strength: %1. Easy to guess; allowed, but not recommended.</source>
        <translation>强度：%1。容易被猜中；允许使用，但不推荐。</translation>
    </message>
    <message>
        <source>Strength: %1. Longer is better.</source>
        <translation>强度：%1。越长越好。</translation>
    </message>
    <message>
        <source>Strength: %1.</source>
        <translation>强度：%1。</translation>
    </message>
    <message>
        <source>Phones reachable from the internet get password-guessing attacks. Use 12 or more characters mixing letters, digits and symbols, or press Generate.</source>
        <translation>可从互联网访问的话机会遭受密码猜测攻击。请使用 12 个或更多字母、数字和符号混合的字符，或点击“生成”。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>&amp;Voicemail</source>
        <translation>语音信箱(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Take messages</source>
        <translation>接收留言(&amp;T)</translation>
    </message>
    <message>
        <source>Callers who get no answer, a busy line or an unregistered phone can leave a message</source>
        <translation>来电无人接听、占线或话机未注册时，来电者可以留言</translation>
    </message>
    <message>
        <source>Empty: no PIN</source>
        <translation>留空：不设 PIN</translation>
    </message>
    <message>
        <source>Asked for when the mailbox is called with *97</source>
        <translation>拨打 *97 进入信箱时需要输入</translation>
    </message>
    <message>
        <source>Empty: the standard prompt</source>
        <translation>留空：使用标准提示音</translation>
    </message>
    <message>
        <source>An 8 kHz mono WAV file played before the beep</source>
        <translation>在提示音“嘀”之前播放的 8 kHz 单声道 WAV 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation>PIN(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Greeting:</source>
        <translation>问候语(&amp;G)：</translation>
    </message>
    <message>
        <source>Longest &amp;message:</source>
        <translation>最长留言(&amp;M)：</translation>
    </message>
    <message>
        <source>A PIN is digits only (0-9)</source>
        <translation>PIN 只能由数字（0-9）组成</translation>
    </message>
    <message>
        <source>A PIN is at most %1 digits</source>
        <translation>PIN 最多 %1 位数字</translation>
    </message>
    <message>
        <source>Choose the voicemail greeting</source>
        <translation>选择语音信箱问候语</translation>
    </message>
    <message>
        <source>WAV audio (*.wav);;All files (*)</source>
        <translation>WAV 音频 (*.wav);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>sb::ui::ExtensionsModel</name>
    <message numerus="yes">
        <source>%n contact(s) do not answer qualify pings (OPTIONS).</source>
        <translation>
            <numerusform>%n 个联系地址未响应探测（OPTIONS）。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 unreachable)</source>
        <translation>%1（%2 个不可达）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Qualify</source>
        <translation>探测</translation>
    </message>
    <message>
        <source>Registered contacts</source>
        <translation>已注册联系地址</translation>
    </message>
</context>
<context>
    <name>sb::ui::ExtensionsPanel</name>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>Add a local extension</source>
        <translation>添加本地分机</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Delete extension</source>
        <translation>删除分机</translation>
    </message>
    <message>
        <source>Delete extension %1?

Phones registered to it can no longer call or be called.</source>
        <translation>删除分机 %1 吗？

注册到该分机的话机将无法呼出或被叫。</translation>
    </message>
    <message>
        <source>Adding extension %1…</source>
        <translation>正在添加分机 %1…</translation>
    </message>
    <message>
        <source>Extension %1 no longer exists; nothing was changed.</source>
        <translation>分机 %1 已不存在，没有任何更改。</translation>
    </message>
    <message>
        <source>Saving extension %1…</source>
        <translation>正在保存分机 %1…</translation>
    </message>
    <message>
        <source>Deleting extension %1…</source>
        <translation>正在删除分机 %1…</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有任何更改。</translation>
    </message>
    <message>
        <source>The engine is not running; the change was not applied.</source>
        <translation>引擎未运行，更改未生效。</translation>
    </message>
</context>
<context>
    <name>sb::ui::FindingsView</name>
    <message>
        <source>Fix:</source>
        <translation>解决方法：</translation>
    </message>
</context>
<context>
    <name>sb::ui::FirstRunWizard</name>
    <message>
        <source>Set up Switchboard</source>
        <translation>设置 Switchboard</translation>
    </message>
    <message>
        <source>SIP domain</source>
        <translation>SIP 域</translation>
    </message>
    <message>
        <source>Phones register to this name or address. Pick the address of this computer that the phones can reach, or type a DNS name.</source>
        <translation>话机注册到此名称或地址。请选择话机可访问的本机地址，或输入 DNS 名称。</translation>
    </message>
    <message>
        <source>SIP &amp;domain:</source>
        <translation>SIP 域(&amp;D)：</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Phones and carriers send SIP to these ports. Keep the standard ones unless another program uses them.</source>
        <translation>话机和运营商把 SIP 发往这些端口。除非有其他程序占用，请保留标准端口。</translation>
    </message>
    <message>
        <source>SIP &amp;port (UDP/TCP):</source>
        <translation>SIP 端口(&amp;P)（UDP/TCP）：</translation>
    </message>
    <message>
        <source>SIP over &amp;TLS port:</source>
        <translation>SIP over TLS 端口(&amp;T)：</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>分机</translation>
    </message>
    <message>
        <source>One extension per phone. Each gets a generated password, shown on the last page.</source>
        <translation>每部话机一个分机。每个分机都会生成一个密码，在最后一页显示。</translation>
    </message>
    <message>
        <source>e.g. 100</source>
        <translation>例如 100</translation>
    </message>
    <message>
        <source>Remove the extensions that exist now</source>
        <translation>删除现有的分机</translation>
    </message>
    <message>
        <source>&amp;Number of extensions:</source>
        <translation>分机数量(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;First number:</source>
        <translation>起始号码(&amp;F)：</translation>
    </message>
    <message>
        <source>External line</source>
        <translation>外线</translation>
    </message>
    <message>
        <source>Optionally, a carrier account Switchboard registers to for calls to and from the telephone network. You can add lines later too.</source>
        <translation>可选：Switchboard 注册到的运营商账号，用于与电话网络之间的呼入呼出。也可以以后再添加外线。</translation>
    </message>
    <message>
        <source>&amp;Add an external line</source>
        <translation>添加外线(&amp;A)</translation>
    </message>
    <message>
        <source>e.g. China Telecom</source>
        <translation>例如 中国电信</translation>
    </message>
    <message>
        <source>e.g. gd.ctcims.cn</source>
        <translation>例如 gd.ctcims.cn</translation>
    </message>
    <message>
        <source>e.g. +8612345678</source>
        <translation>例如 +8612345678</translation>
    </message>
    <message>
        <source>host[:port]; empty: the domain itself</source>
        <translation>主机[:端口]；留空：域本身</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>A&amp;ccount:</source>
        <translation>账号(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy:</source>
        <translation>出局代理(&amp;X)：</translation>
    </message>
    <message>
        <source>Passwords</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Set up each phone with its extension number, this password and the SIP domain. The passwords are shown only now: copy them before you finish.</source>
        <translation>用分机号、此密码和 SIP 域配置每部话机。密码只在此处显示一次：请在完成前复制。</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>分机</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Copy passwords</source>
        <translation>复制密码(&amp;C)</translation>
    </message>
    <message>
        <source>First number: %1</source>
        <translation>起始号码：%1</translation>
    </message>
    <message>
        <source>Last number %1: %2</source>
        <translation>最后一个号码 %1：%2</translation>
    </message>
    <message>
        <source>Extension %1 exists already: choose another first number, or remove the existing extensions.</source>
        <translation>分机 %1 已存在：请换一个起始号码，或删除现有分机。</translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation>名称：%1</translation>
    </message>
    <message>
        <source>SIP domain: %1</source>
        <translation>SIP 域：%1</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>账号：%1</translation>
    </message>
    <message>
        <source>Password: %1</source>
        <translation>密码：%1</translation>
    </message>
    <message>
        <source>Outbound proxy: %1</source>
        <translation>出局代理：%1</translation>
    </message>
    <message>
        <source>The engine is not running; nothing was changed.</source>
        <translation>引擎未运行，没有任何更改。</translation>
    </message>
    <message>
        <source>The engine refused this configuration: %1</source>
        <translation>引擎拒绝了此配置：%1</translation>
    </message>
</context>
<context>
    <name>sb::ui::ForwardGroup</name>
    <message>
        <source>&amp;Forwarding</source>
        <translation>呼叫转移(&amp;F)</translation>
    </message>
    <message>
        <source>An extension, a ring group or auto-attendant menu number, *97 for voicemail (*97 and a number: that extension&apos;s), or a number to dial as this extension would; empty: off</source>
        <translation>分机号、振铃组或自动总机菜单号码；*97 转到语音信箱（*97 加分机号：转到该分机的语音信箱）；或按本分机的拨号方式拨打的号码。留空：关闭</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Do &amp;not disturb (callers get busy, or voicemail when it is on)</source>
        <translation>免打扰(&amp;N)（来电者听到忙音；若开启了语音信箱则转到语音信箱）</translation>
    </message>
    <message>
        <source>&amp;Every call to:</source>
        <translation>所有来电转到(&amp;E)：</translation>
    </message>
    <message>
        <source>When &amp;busy to:</source>
        <translation>遇忙转到(&amp;B)：</translation>
    </message>
    <message>
        <source>When &amp;unanswered to:</source>
        <translation>无应答转到(&amp;U)：</translation>
    </message>
    <message>
        <source>... after ringing:</source>
        <translation>……振铃时长：</translation>
    </message>
    <message>
        <source>An extension cannot forward to itself</source>
        <translation>分机不能转移到自身</translation>
    </message>
    <message>
        <source>Diversion (RFC 5806)</source>
        <translation>Diversion（RFC 5806）</translation>
    </message>
    <message>
        <source>History-Info (RFC 7044)</source>
        <translation>History-Info（RFC 7044）</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>不告知</translation>
    </message>
    <message>
        <source>How a call an extension forwarded out through here tells the carrier who forwarded it</source>
        <translation>分机转移的呼叫经此外呼时，如何告知运营商是谁转移的</translation>
    </message>
</context>
<context>
    <name>sb::ui::GroupsPanel</name>
    <message>
        <source>Add a number that rings several extensions</source>
        <translation>添加一个同时或依次振铃多个分机的号码</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>删除振铃组</translation>
    </message>
    <message>
        <source>Delete ring group %1?</source>
        <translation>删除振铃组 %1？</translation>
    </message>
    <message>
        <source>Group %1 no longer exists; nothing was changed.</source>
        <translation>振铃组 %1 已不存在，未做任何更改。</translation>
    </message>
    <message>
        <source>Deleting group %1…</source>
        <translation>正在删除振铃组 %1…</translation>
    </message>
    <message>
        <source>Adding group %1…</source>
        <translation>正在添加振铃组 %1…</translation>
    </message>
    <message>
        <source>Saving group %1…</source>
        <translation>正在保存振铃组 %1…</translation>
    </message>
</context>
<context>
    <name>sb::ui::IvrMenuDialog</name>
    <message>
        <source>Add auto-attendant menu</source>
        <translation>添加自动总机菜单</translation>
    </message>
    <message>
        <source>Edit menu %1</source>
        <translation>编辑菜单 %1</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>号码(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>提示音(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Keys:</source>
        <translation>按键(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Business hours</source>
        <translation>营业时间(&amp;B)</translation>
    </message>
    <message>
        <source>Tick at least one day</source>
        <translation>请至少选择一天</translation>
    </message>
    <message>
        <source>Dialled by extensions, or the target of a DID, e.g. 500</source>
        <translation>分机拨打的号码，或 DID 的目标，例如 500</translation>
    </message>
    <message>
        <source>e.g. Main menu</source>
        <translation>例如：主菜单</translation>
    </message>
    <message>
        <source>Empty: the standard welcome</source>
        <translation>留空：使用标准欢迎语</translation>
    </message>
    <message>
        <source>An 8 kHz mono WAV file that says the choices</source>
        <translation>播报各选项的 8 kHz 单声道 WAV 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>How often &quot;invalid option&quot; and the prompt are replayed after a wrong key</source>
        <translation>按错键后重播“无效选项”和提示音的次数</translation>
    </message>
    <message>
        <source>Where a caller goes when the chosen extension does not answer and has no voicemail, or has no phone registered</source>
        <translation>所选分机无人接听且没有语音信箱，或没有已注册的话机时，来电转到何处</translation>
    </message>
    <message>
        <source>Off: the menu answers at any time</source>
        <translation>关闭：菜单在任何时间都应答</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Open on:</source>
        <translation>开放日：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>When closed, go to:</source>
        <translation>非营业时间转到：</translation>
    </message>
    <message>
        <source>then</source>
        <translation>后转到</translation>
    </message>
    <message>
        <source>replays, then</source>
        <translation>次重播后转到</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>名称(&amp;A)：</translation>
    </message>
    <message>
        <source>No key within:</source>
        <translation>未按键超时：</translation>
    </message>
    <message>
        <source>Wrong key:</source>
        <translation>按错键：</translation>
    </message>
    <message>
        <source>Extension unreachable:</source>
        <translation>分机无法接通：</translation>
    </message>
    <message>
        <source>extension:&lt;number&gt;, voicemail:&lt;number&gt;, menu:&lt;number&gt;, group:&lt;number&gt; or hangup</source>
        <translation>extension:&lt;号码&gt;、voicemail:&lt;号码&gt;、menu:&lt;号码&gt;、group:&lt;号码&gt; 或 hangup</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Key %1: %2</source>
        <translation>按键 %1：%2</translation>
    </message>
    <message>
        <source>%1 is the number of an extension</source>
        <translation>%1 是一个分机的号码</translation>
    </message>
    <message>
        <source>%1 is the number of menu %2</source>
        <translation>%1 是菜单 %2 的号码</translation>
    </message>
    <message>
        <source>Choose the menu&apos;s prompt</source>
        <translation>选择菜单提示音</translation>
    </message>
    <message>
        <source>WAV audio (*.wav);;All files (*)</source>
        <translation>WAV 音频 (*.wav);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>sb::ui::IvrMenusModel</name>
    <message>
        <source>always open</source>
        <translation>全天开放</translation>
    </message>
    <message>
        <source>%1 %2-%3 (closed: %4)</source>
        <translation>%1 %2-%3（非营业时间：%4）</translation>
    </message>
    <message>
        <source>(standard welcome)</source>
        <translation>（标准欢迎语）</translation>
    </message>
    <message>
        <source>%1 s → %2</source>
        <translation>%1 秒 → %2</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示音</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>未按键</translation>
    </message>
    <message>
        <source>Business hours</source>
        <translation>营业时间</translation>
    </message>
</context>
<context>
    <name>sb::ui::IvrPanel</name>
    <message>
        <source>Add a menu callers hear and answer with a key</source>
        <translation>添加来电者听到并按键选择的菜单</translation>
    </message>
    <message>
        <source>Delete menu</source>
        <translation>删除菜单</translation>
    </message>
    <message>
        <source>Delete auto-attendant menu %1?</source>
        <translation>删除自动总机菜单 %1？</translation>
    </message>
    <message>
        <source>Menu %1 no longer exists; nothing was changed.</source>
        <translation>菜单 %1 已不存在，未做任何更改。</translation>
    </message>
    <message>
        <source>Deleting menu %1…</source>
        <translation>正在删除菜单 %1…</translation>
    </message>
    <message>
        <source>Adding menu %1…</source>
        <translation>正在添加菜单 %1…</translation>
    </message>
    <message>
        <source>Saving menu %1…</source>
        <translation>正在保存菜单 %1…</translation>
    </message>
</context>
<context>
    <name>sb::ui::LineDialog</name>
    <message>
        <source>Edit external line %1</source>
        <translation>编辑外线 %1</translation>
    </message>
    <message>
        <source>Add external line</source>
        <translation>添加外线</translation>
    </message>
    <message>
        <source>(none: incoming calls are refused)</source>
        <translation>（无：拒绝呼入）</translation>
    </message>
    <message>
        <source>Shown in routes and call history, e.g. China Telecom</source>
        <translation>显示在路由和通话记录中，例如 中国电信</translation>
    </message>
    <message>
        <source>e.g. gd.ctcims.cn</source>
        <translation>例如 gd.ctcims.cn</translation>
    </message>
    <message>
        <source>The carrier&apos;s SIP domain. In IMS networks it is often a logical domain that cannot be reached itself: then set the outbound proxy too.</source>
        <translation>运营商的 SIP 域。在 IMS 网络中它常是无法直接访问的逻辑域：此时还需设置出局代理。</translation>
    </message>
    <message>
        <source>User part given by the carrier, e.g. +8612345678</source>
        <translation>运营商提供的用户部分，例如 +8612345678</translation>
    </message>
    <message>
        <source>Empty: the account</source>
        <translation>留空：使用账号</translation>
    </message>
    <message>
        <source>The name used to answer digest challenges (401/407), when the carrier gave one different from the account.</source>
        <translation>应答摘要认证质询（401/407）时使用的名称，用于运营商提供了与账号不同的认证名时。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show or hide the password</source>
        <translation>显示或隐藏密码</translation>
    </message>
    <message>
        <source>Authorization ID includes address information</source>
        <translation>认证 ID 包含地址信息</translation>
    </message>
    <message>
        <source>Some IMS soft-switches (e.g. ZTE) answer 403 Forbidden unless the digest user name is the full account@domain.</source>
        <translation>某些 IMS 软交换（如中兴）要求摘要用户名为完整的 账号@域，否则回复 403 Forbidden。</translation>
    </message>
    <message>
        <source>host[:port], e.g. 10.20.30.40:5060</source>
        <translation>主机[:端口]，例如 10.20.30.40:5060</translation>
    </message>
    <message>
        <source>Register this account with the carrier</source>
        <translation>向运营商注册此账号</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Registration interval asked for in Expires (30 to 86400 seconds)</source>
        <translation>在 Expires 中请求的注册间隔（30 到 86400 秒）</translation>
    </message>
    <message>
        <source>Disable reliability of provisional responses (100rel)</source>
        <translation>禁用临时响应可靠性（100rel）</translation>
    </message>
    <message>
        <source>INVITEs then carry no 100rel at all. For carriers that require 100rel in their 18x but refuse the PRACK that answers it (405 Method Not Allowed).</source>
        <translation>此时 INVITE 完全不携带 100rel。适用于在 18x 中要求 100rel 却拒绝相应 PRACK（405 Method Not Allowed）的运营商。</translation>
    </message>
    <message>
        <source>Add user=phone to Request-URI</source>
        <translation>在 Request-URI 中添加 user=phone</translation>
    </message>
    <message>
        <source>sip:+8613901088888@domain;user=phone marks the number as a telephone number, as IMS networks expect.</source>
        <translation>sip:+8613901088888@domain;user=phone 把号码标记为电话号码，这是 IMS 网络所要求的。</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>SIP &amp;domain:</source>
        <translation>SIP 域(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账号(&amp;A)：</translation>
    </message>
    <message>
        <source>Authori&amp;zation ID:</source>
        <translation>认证 ID(&amp;Z)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy (Via):</source>
        <translation>出局代理(&amp;X)（Via）：</translation>
    </message>
    <message>
        <source>Where every request of this line is sent (an SBC or P-CSCF), while the SIP domain stays the logical IMS domain in the URIs. Empty: requests go to the domain itself.</source>
        <translation>此外线的所有请求都发往这里（SBC 或 P-CSCF），而 URI 中的 SIP 域仍为逻辑 IMS 域。留空：请求直接发往该域。</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>传输(&amp;T)：</translation>
    </message>
    <message>
        <source>Registration &amp;interval:</source>
        <translation>注册间隔(&amp;I)：</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Incoming calls &amp;ring:</source>
        <translation>呼入振铃(&amp;R)：</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>(enter the account)</source>
        <translation>（请输入账号）</translation>
    </message>
    <message>
        <source>(domain)</source>
        <translation>（域）</translation>
    </message>
    <message>
        <source>Digest user name sent: %1</source>
        <translation>发送的摘要用户名：%1</translation>
    </message>
    <message>
        <source>Optional, e.g. +8612345600; sent as P-Preferred-Identity</source>
        <translation>可选，例如 +8612345600；以 P-Preferred-Identity 发送</translation>
    </message>
    <message>
        <source>Presented n&amp;umber:</source>
        <translation>显示号码(&amp;U)：</translation>
    </message>
    <message>
        <source>Verify the carrier&apos;s TLS certificate</source>
        <translation>验证运营商的 TLS 证书</translation>
    </message>
    <message>
        <source>The certificate must come from a trusted authority (Settings: carrier certificate authorities) and name the proxy or domain; otherwise the connection is refused and the line says why.</source>
        <translation>证书必须由受信任的机构签发（设置：运营商证书颁发机构），并且包含代理或域名；否则拒绝连接，并在外线状态中说明原因。</translation>
    </message>
    <message>
        <source>Forwarded calls &amp;name the forwarder by:</source>
        <translation>转移呼叫标明转移方的方式(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>sb::ui::LinesModel</name>
    <message>
        <source>Not registered</source>
        <translation>未注册</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation>出局代理</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>sb::ui::LinesPanel</name>
    <message>
        <source>Self-&amp;test…</source>
        <translation>自检(&amp;T)…</translation>
    </message>
    <message>
        <source>Ask the carrier what it supports, try a test call and suggest the settings that fit it</source>
        <translation>询问运营商支持的功能，拨打测试呼叫，并建议适合的设置</translation>
    </message>
    <message>
        <source>Add an account at a carrier or IMS network</source>
        <translation>添加运营商或 IMS 网络的账号</translation>
    </message>
    <message>
        <source>C&amp;lear warning</source>
        <translation>清除警告(&amp;L)</translation>
    </message>
    <message>
        <source>The line refused PRACK, so 100rel is no longer offered on it. Clear the warning to offer 100rel again (e.g. after the carrier fixed it).</source>
        <translation>该外线拒绝了 PRACK，因此不再提供 100rel。清除警告可重新提供 100rel（例如在运营商修复之后）。</translation>
    </message>
    <message>
        <source>Delete external line %1 (%2@%3)?

It stops registering; calls can no longer go out or come in through it.</source>
        <translation>删除外线 %1（%2@%3）吗？

它将停止注册，无法再经由它呼出或呼入。</translation>
    </message>
    <message>
        <source>Delete external line</source>
        <translation>删除外线</translation>
    </message>
    <message>
        <source>Line %1 no longer exists; nothing was changed.</source>
        <translation>外线 %1 已不存在，没有任何更改。</translation>
    </message>
    <message>
        <source>Deleting line %1…</source>
        <translation>正在删除外线 %1…</translation>
    </message>
    <message>
        <source>Adding line %1…</source>
        <translation>正在添加外线 %1…</translation>
    </message>
    <message>
        <source>Saving line %1…</source>
        <translation>正在保存外线 %1…</translation>
    </message>
    <message>
        <source>Why line %1 fails</source>
        <translation>外线 %1 失败的原因</translation>
    </message>
</context>
<context>
    <name>sb::ui::LogDock</name>
    <message>
        <source>Engine log</source>
        <translation>引擎日志</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>debug</source>
        <translation>调试</translation>
    </message>
</context>
<context>
    <name>sb::ui::MainWindow</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Auto attendant</source>
        <translation>自动总机</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>振铃组</translation>
    </message>
    <message>
        <source>Engine not started</source>
        <translation>引擎未启动</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Registrations</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>分机</translation>
    </message>
    <message>
        <source>External lines</source>
        <translation>外线</translation>
    </message>
    <message>
        <source>SIP trunks</source>
        <translation>SIP 中继</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>SIP trace</source>
        <translation>SIP 跟踪</translation>
    </message>
    <message>
        <source>Call history</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import configuration…</source>
        <translation>导入配置(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export configuration…</source>
        <translation>导出配置(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Conference rooms…</source>
        <translation>会议室(&amp;C)…</translation>
    </message>
    <message>
        <source>Conference rooms saved.</source>
        <translation>会议室已保存。</translation>
    </message>
    <message>
        <source>Conference rooms</source>
        <translation>会议室</translation>
    </message>
    <message>
        <source>Setup &amp;wizard…</source>
        <translation>设置向导(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Server information…</source>
        <translation>服务器信息(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;About Switchboard</source>
        <translation>关于 Switchboard(&amp;A)</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Configuration imported and applied.</source>
        <translation>配置已导入并生效。</translation>
    </message>
    <message>
        <source>Configuration rejected: %1</source>
        <translation>配置被拒绝：%1</translation>
    </message>
    <message>
        <source>Import configuration</source>
        <translation>导入配置</translation>
    </message>
    <message>
        <source>The engine refused the imported configuration; the previous one stays in force.

%1</source>
        <translation>引擎拒绝了导入的配置，原配置继续有效。

%1</translation>
    </message>
    <message>
        <source>Switchboard configuration (*.json);;All files (*)</source>
        <translation>Switchboard 配置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The file cannot be imported.

%1</source>
        <translation>无法导入该文件。

%1</translation>
    </message>
    <message>
        <source>Replace the whole configuration (extensions, lines, trunks, routes and settings) with the contents of %1?</source>
        <translation>用 %1 的内容替换全部配置（分机、外线、中继、路由和设置）吗？</translation>
    </message>
    <message>
        <source>The engine is not running.</source>
        <translation>引擎未运行。</translation>
    </message>
    <message>
        <source>Applying the imported configuration…</source>
        <translation>正在应用导入的配置…</translation>
    </message>
    <message>
        <source>Export configuration</source>
        <translation>导出配置</translation>
    </message>
    <message>
        <source>Switchboard configuration (*.json)</source>
        <translation>Switchboard 配置 (*.json)</translation>
    </message>
    <message>
        <source>The configuration could not be exported.

%1</source>
        <translation>无法导出配置。

%1</translation>
    </message>
    <message>
        <source>Configuration exported to %1 (it contains passwords).</source>
        <translation>配置已导出到 %1（其中包含密码）。</translation>
    </message>
    <message>
        <source>The setup wizard&apos;s configuration is applied.</source>
        <translation>设置向导的配置已生效。</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <source>Switchboard is still running</source>
        <translation>Switchboard 仍在运行</translation>
    </message>
    <message>
        <source>Calls go on. Use Quit in this icon&apos;s menu to stop the PBX.</source>
        <translation>通话照常进行。要停止交换机，请使用此图标菜单中的“退出”。</translation>
    </message>
    <message>
        <source>About Switchboard</source>
        <translation>关于 Switchboard</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Switchboard %1&lt;/h3&gt;&lt;p&gt;A desktop SIP PBX that interoperates with carrier and IMS networks: TEL URIs, user=phone, 100rel/PRACK, UPDATE, outbound proxies.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Switchboard %1&lt;/h3&gt;&lt;p&gt;可与运营商和 IMS 网络互通的桌面 SIP 交换机：TEL URI、user=phone、100rel/PRACK、UPDATE、出局代理。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>New calls are accepted again.</source>
        <translation>已恢复接受新呼叫。</translation>
    </message>
    <message>
        <source>New calls are paused: callers get 503 Service Unavailable.</source>
        <translation>新呼叫已暂停：主叫将收到 503 Service Unavailable。</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>语音信箱</translation>
    </message>
    <message>
        <source>&amp;Blacklist…</source>
        <translation>黑名单(&amp;B)…</translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation>黑名单</translation>
    </message>
</context>
<context>
    <name>sb::ui::Models</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>sb::ui::PasswordStrength</name>
    <message>
        <source>weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>中</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>强</translation>
    </message>
</context>
<context>
    <name>sb::ui::RegistrationsModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>分机</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系地址</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>User agent</source>
        <translation>用户代理</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>剩余有效期</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>可达</translation>
    </message>
</context>
<context>
    <name>sb::ui::RingGroupDialog</name>
    <message>
        <source>Edit group %1</source>
        <translation>编辑振铃组 %1</translation>
    </message>
    <message>
        <source>Add ring group</source>
        <translation>添加振铃组</translation>
    </message>
    <message>
        <source>Dialled by extensions, or the target of a DID, e.g. 600</source>
        <translation>分机拨打的号码，或 DID 的目标，例如 600</translation>
    </message>
    <message>
        <source>e.g. Sales</source>
        <translation>例如 销售部</translation>
    </message>
    <message>
        <source>All at once (simultaneous)</source>
        <translation>同时振铃</translation>
    </message>
    <message>
        <source>One after another (sequential)</source>
        <translation>依次振铃</translation>
    </message>
    <message>
        <source>All at once: every member rings for the longest ring time. One after another: each member rings for its own ring time, in list order.</source>
        <translation>同时振铃：所有成员按最长的振铃时间一起振铃。依次振铃：按列表顺序，每个成员按各自的振铃时间振铃。</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>分机</translation>
    </message>
    <message>
        <source>Rings for</source>
        <translation>振铃时长</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>添加成员(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>extension:&lt;number&gt;, voicemail:&lt;number&gt;, menu:&lt;number&gt; or hangup</source>
        <translation>extension:&lt;号码&gt;、voicemail:&lt;号码&gt;、menu:&lt;号码&gt; 或 hangup</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>号码(&amp;N)：</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>名称(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Ring:</source>
        <translation>振铃方式(&amp;R)：</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>成员：</translation>
    </message>
    <message>
        <source>Nobody answers:</source>
        <translation>无人接听时：</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Member %1: %2</source>
        <translation>成员 %1：%2</translation>
    </message>
    <message>
        <source>%1 is the number of an extension</source>
        <translation>%1 是一个分机的号码</translation>
    </message>
    <message>
        <source>%1 is the number of an auto-attendant menu</source>
        <translation>%1 是一个自动总机菜单的号码</translation>
    </message>
    <message>
        <source>%1 is the number of group %2</source>
        <translation>%1 是振铃组 %2 的号码</translation>
    </message>
</context>
<context>
    <name>sb::ui::RingGroupsModel</name>
    <message>
        <source>%1 (%2 s)</source>
        <translation>%1（%2 秒）</translation>
    </message>
    <message>
        <source>One after another</source>
        <translation>依次振铃</translation>
    </message>
    <message>
        <source>All at once</source>
        <translation>同时振铃</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Rings</source>
        <translation>振铃方式</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Nobody answers</source>
        <translation>无人接听</translation>
    </message>
</context>
<context>
    <name>sb::ui::RouteDialog</name>
    <message>
        <source>%1 (no such line or trunk)</source>
        <translation>%1（外线或中继不存在）</translation>
    </message>
    <message>
        <source>%1 (line)</source>
        <translation>%1（外线）</translation>
    </message>
    <message>
        <source>%1 (trunk)</source>
        <translation>%1（中继）</translation>
    </message>
    <message>
        <source>Edit route %1</source>
        <translation>编辑路由 %1</translation>
    </message>
    <message>
        <source>Add route</source>
        <translation>添加路由</translation>
    </message>
    <message>
        <source>e.g. 9. or 0[1-9]X.</source>
        <translation>例如 9. 或 0[1-9]X.</translation>
    </message>
    <message>
        <source>Leading digits removed before the number is sent, e.g. 1 for the outside line prefix 9</source>
        <translation>发送号码前删除的前导位数，例如出局前缀 9 对应 1</translation>
    </message>
    <message>
        <source>Put in front after stripping, e.g. +86</source>
        <translation>删除后加在前面，例如 +86</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Tried when the target does not answer, answers 408 or 5xx, or is disabled</source>
        <translation>目标无应答、回复 408 或 5xx、或被禁用时尝试</translation>
    </message>
    <message>
        <source>&amp;Pattern:</source>
        <translation>号码模式(&amp;P)：</translation>
    </message>
    <message>
        <source>Digits, X (0-9), Z (1-9), N (2-9), ranges such as [1-5], and a final &apos;.&apos; for one or more of anything. The first matching route wins.</source>
        <translation>数字、X（0-9）、Z（1-9）、N（2-9）、如 [1-5] 的范围，以及末尾的“.”表示一个或多个任意字符。第一条匹配的路由生效。</translation>
    </message>
    <message>
        <source>&amp;Strip digits:</source>
        <translation>删除位数(&amp;S)：</translation>
    </message>
    <message>
        <source>P&amp;repend:</source>
        <translation>前缀(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>目标(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Failover:</source>
        <translation>备用(&amp;F)：</translation>
    </message>
    <message>
        <source>add an external line or a SIP trunk first</source>
        <translation>请先添加外线或 SIP 中继</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>no line or trunk named &quot;%1&quot;</source>
        <translation>没有名为“%1”的外线或中继</translation>
    </message>
    <message>
        <source>names the same line or trunk as target</source>
        <translation>与目标是同一条外线或中继</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>&amp;Allowed extensions:</source>
        <translation>允许的分机(&amp;A)：</translation>
    </message>
    <message>
        <source>None ticked: every extension may use this route. Others skip it; if no later route matches they get 403 Forbidden.</source>
        <translation>全部不勾选：所有分机都可使用此路由。其他分机跳过此路由；若后面没有匹配的路由，将收到 403 Forbidden。</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1（已不存在）</translation>
    </message>
</context>
<context>
    <name>sb::ui::RoutesModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>号码模式</translation>
    </message>
    <message>
        <source>Strip</source>
        <translation>删除位数</translation>
    </message>
    <message>
        <source>Prepend</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Failover</source>
        <translation>备用</translation>
    </message>
</context>
<context>
    <name>sb::ui::RoutesPanel</name>
    <message>
        <source>Add an outbound rule; it is tried after the existing ones</source>
        <translation>添加一条呼出规则，它将排在现有规则之后尝试</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Try this route earlier</source>
        <translation>更早尝试此路由</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Try this route later</source>
        <translation>更晚尝试此路由</translation>
    </message>
    <message>
        <source>Test a number</source>
        <translation>测试号码</translation>
    </message>
    <message>
        <source>A number as an extension dials it, e.g. 9013901088888</source>
        <translation>分机拨打的号码，例如 9013901088888</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>号码(&amp;N)：</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>The configuration has not been received yet.</source>
        <translation>尚未收到配置。</translation>
    </message>
    <message>
        <source>Type a number to see which route, line or trunk it leaves by.</source>
        <translation>输入号码，查看它经由哪条路由、外线或中继呼出。</translation>
    </message>
    <message>
        <source>%1, failover %2</source>
        <translation>%1，备用 %2</translation>
    </message>
    <message>
        <source>Delete route</source>
        <translation>删除路由</translation>
    </message>
    <message>
        <source>Delete route %1 (%2 → %3)?

Numbers it matches go to the next matching route, or fail with 404 when none matches.</source>
        <translation>删除路由 %1（%2 → %3）吗？

它匹配的号码将交给下一条匹配的路由；没有匹配时以 404 失败。</translation>
    </message>
    <message>
        <source>The routes changed meanwhile; nothing was moved.</source>
        <translation>路由已被更改，未移动任何路由。</translation>
    </message>
    <message>
        <source>Moving route %1 (%2) to position %3…</source>
        <translation>正在将路由 %1（%2）移到第 %3 位…</translation>
    </message>
    <message>
        <source>Adding route %1…</source>
        <translation>正在添加路由 %1…</translation>
    </message>
    <message>
        <source>Route %1 changed meanwhile; nothing was changed.</source>
        <translation>路由 %1 已被更改，没有任何更改。</translation>
    </message>
    <message>
        <source>Saving route %1…</source>
        <translation>正在保存路由 %1…</translation>
    </message>
    <message>
        <source>Deleting route %1…</source>
        <translation>正在删除路由 %1…</translation>
    </message>
</context>
<context>
    <name>sb::ui::SelfTestWizard</name>
    <message>
        <source>Self-test of line %1</source>
        <translation>外线 %1 自检</translation>
    </message>
    <message>
        <source>Self-test of trunk %1</source>
        <translation>中继 %1 自检</translation>
    </message>
    <message>
        <source>What to test</source>
        <translation>测试内容</translation>
    </message>
    <message>
        <source>Switchboard asks the carrier what it supports and places a test call. Each step waits at most a few seconds for an answer.</source>
        <translation>Switchboard 询问运营商支持的功能并拨打测试呼叫。每一步最多等待几秒钟的应答。</translation>
    </message>
    <message>
        <source>Ask the carrier what it supports (OPTIONS)</source>
        <translation>询问运营商支持的功能（OPTIONS）</translation>
    </message>
    <message>
        <source>Find which authorization ID the carrier accepts (REGISTER with the account alone, then with user@domain)</source>
        <translation>确定运营商接受的认证 ID（先用账号本身，再用 user@domain 注册）</translation>
    </message>
    <message>
        <source>The test registers its own contact and removes it afterwards; the line&apos;s own registration is left as it is.</source>
        <translation>测试使用自己的联系地址注册，结束后将其删除；外线本身的注册保持不变。</translation>
    </message>
    <message>
        <source>Place a test call (offering 100rel); it is cancelled while ringing, or hung up right after the answer</source>
        <translation>拨打测试呼叫（提供 100rel）；振铃时取消，或应答后立即挂断</translation>
    </message>
    <message>
        <source>e.g. +8613901088888 (a number that rings, such as your mobile)</source>
        <translation>例如 +8613901088888（会振铃的号码，如您的手机）</translation>
    </message>
    <message>
        <source>&amp;Number to call:</source>
        <translation>呼叫号码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Testing</source>
        <translation>正在测试</translation>
    </message>
    <message>
        <source>What the carrier answers, step by step.</source>
        <translation>运营商的逐步应答。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&amp;Apply suggested profile</source>
        <translation>应用建议配置(&amp;A)</translation>
    </message>
    <message>
        <source>Put the settings the test found into the line or trunk and save them</source>
        <translation>将测试得出的设置写入外线或中继并保存</translation>
    </message>
    <message>
        <source>&amp;Save trace…</source>
        <translation>保存跟踪(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the report and the message flow as a text file for the carrier&apos;s support desk</source>
        <translation>将报告和消息流程保存为文本文件，供运营商技术支持使用</translation>
    </message>
    <message>
        <source>The settings were not saved: %1</source>
        <translation>设置未保存：%1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>The engine is not running.</source>
        <translation>引擎未运行。</translation>
    </message>
    <message>
        <source>The test could not run: %1</source>
        <translation>无法运行测试：%1</translation>
    </message>
    <message>
        <source>The carrier fits the profile &quot;%1&quot;.</source>
        <translation>该运营商符合配置“%1”。</translation>
    </message>
    <message>
        <source>No shipped carrier profile fits; the settings below are what the test found.</source>
        <translation>没有合适的内置运营商配置；以下是测试得出的设置。</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Suggested settings:</source>
        <translation>建议设置：</translation>
    </message>
    <message>
        <source>none determined</source>
        <translation>未确定</translation>
    </message>
    <message>
        <source>%1 no longer exists; nothing was changed.</source>
        <translation>%1 已不存在；未做任何更改。</translation>
    </message>
    <message>
        <source>The suggested settings were sent to the engine.</source>
        <translation>建议设置已发送给引擎。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source>Save trace</source>
        <translation>保存跟踪</translation>
    </message>
    <message>
        <source>self-test-%1.txt</source>
        <translation>self-test-%1.txt</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>sb::ui::ServerInfoDialog</name>
    <message>
        <source>Server information</source>
        <translation>服务器信息</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the fingerprint to the clipboard</source>
        <translation>将指纹复制到剪贴板</translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>TLS certificate
(SHA-256):</source>
        <translation>TLS 证书
（SHA-256）：</translation>
    </message>
    <message>
        <source>Phones connecting over TLS may ask you to trust this certificate: compare the fingerprint they show with the one above.</source>
        <translation>通过 TLS 连接的话机可能会要求您信任此证书：请将其显示的指纹与上面的指纹比对。</translation>
    </message>
    <message>
        <source>The engine has not started.</source>
        <translation>引擎尚未启动。</translation>
    </message>
    <message>
        <source>No TLS certificate</source>
        <translation>没有 TLS 证书</translation>
    </message>
</context>
<context>
    <name>sb::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation>（尚不可知）</translation>
    </message>
    <message>
        <source>UDP and TCP port for SIP (usually 5060)</source>
        <translation>SIP 的 UDP 和 TCP 端口（通常为 5060）</translation>
    </message>
    <message>
        <source>Port for SIP over TLS (usually 5061)</source>
        <translation>SIP over TLS 的端口（通常为 5061）</translation>
    </message>
    <message>
        <source>0.0.0.0 listens on every IPv4 address of this computer</source>
        <translation>0.0.0.0 表示监听本机的所有 IPv4 地址</translation>
    </message>
    <message>
        <source>Choose the TLS certificate</source>
        <translation>选择 TLS 证书</translation>
    </message>
    <message>
        <source>Empty: a certificate generated next to the database</source>
        <translation>留空：使用在数据库旁生成的证书</translation>
    </message>
    <message>
        <source>Choose the TLS private key</source>
        <translation>选择 TLS 私钥</translation>
    </message>
    <message>
        <source>Empty: in the certificate file</source>
        <translation>留空：在证书文件中</translation>
    </message>
    <message>
        <source>China</source>
        <translation>中国</translation>
    </message>
    <message>
        <source>Europe</source>
        <translation>欧洲</translation>
    </message>
    <message>
        <source>North America</source>
        <translation>北美</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>A call that carries no audio this long is ended (0: never)</source>
        <translation>无音频达到此时长的通话将被结束（0：从不）</translation>
    </message>
    <message>
        <source>Closing the window keeps Switchboard running in the notification area</source>
        <translation>关闭窗口时 Switchboard 在通知区域继续运行</translation>
    </message>
    <message>
        <source>Start minimised</source>
        <translation>启动时最小化</translation>
    </message>
    <message>
        <source>Start Switchboard when I log in</source>
        <translation>登录时启动 Switchboard</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>SIP</source>
        <translation>SIP</translation>
    </message>
    <message>
        <source>SIP &amp;port (UDP/TCP):</source>
        <translation>SIP 端口(&amp;P)（UDP/TCP）：</translation>
    </message>
    <message>
        <source>&amp;TLS port:</source>
        <translation>TLS 端口(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation>绑定地址(&amp;B)：</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>TLS 证书(&amp;C)：</translation>
    </message>
    <message>
        <source>TLS private &amp;key:</source>
        <translation>TLS 私钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Certificate SHA-256:</source>
        <translation>证书 SHA-256：</translation>
    </message>
    <message>
        <source>Ports, the bind address and the TLS files take effect the next time Switchboard starts.</source>
        <translation>端口、绑定地址和 TLS 文件在 Switchboard 下次启动时生效。</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>媒体</translation>
    </message>
    <message>
        <source>RTP ports &amp;from:</source>
        <translation>RTP 端口起始(&amp;F)：</translation>
    </message>
    <message>
        <source>RTP ports t&amp;o:</source>
        <translation>RTP 端口结束(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Ring-back tone:</source>
        <translation>回铃音(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Media timeout:</source>
        <translation>媒体超时(&amp;M)：</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>&amp;Log level:</source>
        <translation>日志级别(&amp;L)：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>no such file: %1</source>
        <translation>文件不存在：%1</translation>
    </message>
    <message>
        <source>The engine is not running; the settings were not saved.</source>
        <translation>引擎未运行，设置未保存。</translation>
    </message>
    <message>
        <source>The engine refused the settings: %1</source>
        <translation>引擎拒绝了这些设置：%1</translation>
    </message>
    <message>
        <source>e.g. PCMA, PCMU; empty: as the caller offers</source>
        <translation>例如 PCMA, PCMU；留空则按主叫提供的顺序</translation>
    </message>
    <message>
        <source>Codecs that offers Switchboard sends list first, in this order</source>
        <translation>Switchboard 发出的 SDP 提议中按此顺序优先列出的编解码器</translation>
    </message>
    <message>
        <source>Stop offering 100rel on a line or trunk that demands it and then refuses PRACK</source>
        <translation>若线路或中继要求 100rel 却拒绝 PRACK，则不再对其提供 100rel</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限制</translation>
    </message>
    <message>
        <source>Write the SIP trace to</source>
        <translation>将 SIP 跟踪写入</translation>
    </message>
    <message>
        <source>Empty: no trace file</source>
        <translation>留空：不写跟踪文件</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Never ban</source>
        <translation>从不封禁</translation>
    </message>
    <message>
        <source>e.g. 127.0.0.0/8, 192.168.1.0/24</source>
        <translation>例如 127.0.0.0/8, 192.168.1.0/24</translation>
    </message>
    <message>
        <source>Addresses or CIDR blocks that are never banned nor rate limited</source>
        <translation>永不封禁、也不限速的地址或 CIDR 网段</translation>
    </message>
    <message>
        <source>Ignore known SIP scanners (friendly-scanner, sipvicious, …)</source>
        <translation>忽略已知的 SIP 扫描器（friendly-scanner、sipvicious 等）</translation>
    </message>
    <message>
        <source> requests/s</source>
        <translation> 请求/秒</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>日志文件 (*.log *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Preferred &amp;codecs:</source>
        <translation>首选编解码器(&amp;C)：</translation>
    </message>
    <message>
        <source>Calls and tracing</source>
        <translation>呼叫与跟踪</translation>
    </message>
    <message>
        <source>Calls at &amp;once:</source>
        <translation>同时呼叫数(&amp;O)：</translation>
    </message>
    <message>
        <source>SIP trace &amp;file:</source>
        <translation>SIP 跟踪文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Rotate the trace file at:</source>
        <translation>跟踪文件轮转大小：</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>Ban after failed logins:</source>
        <translation>登录失败多少次后封禁：</translation>
    </message>
    <message>
        <source>... within:</source>
        <translation>……在此时间内：</translation>
    </message>
    <message>
        <source>Ban for:</source>
        <translation>封禁时长：</translation>
    </message>
    <message>
        <source>Never ban (&amp;allow-list):</source>
        <translation>永不封禁（白名单）(&amp;A)：</translation>
    </message>
    <message>
        <source>Requests per source:</source>
        <translation>每个来源的请求数：</translation>
    </message>
    <message>
        <source>Choose the certificate authorities for carriers</source>
        <translation>选择运营商的证书颁发机构</translation>
    </message>
    <message>
        <source>Empty: the system&apos;s trusted authorities</source>
        <translation>留空：使用系统信任的颁发机构</translation>
    </message>
    <message>
        <source>Lines and trunks over TLS that verify their peer accept only certificates from these</source>
        <translation>验证对端的 TLS 外线和中继只接受这些机构签发的证书</translation>
    </message>
    <message>
        <source>TCP/TLS connections one address may hold open (allow-list exempt)</source>
        <translation>单个地址可同时保持的 TCP/TLS 连接数（白名单除外）</translation>
    </message>
    <message>
        <source>A TCP/TLS connection without a registration that stays silent this long is closed</source>
        <translation>没有注册、且静默超过此时长的 TCP/TLS 连接将被关闭</translation>
    </message>
    <message>
        <source>System limit</source>
        <translation>系统上限</translation>
    </message>
    <message>
        <source>Every call holds four sockets; new calls are refused before the last 64 are used</source>
        <translation>每个通话占用四个套接字；在最后 64 个被用掉之前拒绝新呼叫</translation>
    </message>
    <message>
        <source>New calls are refused while Switchboard uses more memory than this</source>
        <translation>当 Switchboard 使用的内存超过此值时拒绝新呼叫</translation>
    </message>
    <message>
        <source>Carrier certificate a&amp;uthorities:</source>
        <translation>运营商证书颁发机构(&amp;U)：</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
    <message>
        <source>TCP/TLS connections per address:</source>
        <translation>每个地址的 TCP/TLS 连接数：</translation>
    </message>
    <message>
        <source>Close silent connections after:</source>
        <translation>静默连接关闭时间：</translation>
    </message>
    <message>
        <source>Open files:</source>
        <translation>打开文件数：</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>内存：</translation>
    </message>
    <message>
        <source>Language of the voicemail and conference prompts callers hear</source>
        <translation>来电者听到的语音信箱和会议提示音的语言</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Choose the music on hold</source>
        <translation>选择等待音乐</translation>
    </message>
    <message>
        <source>WAV audio (*.wav);;All files (*)</source>
        <translation>WAV 音频 (*.wav);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Empty: the music shipped with Switchboard</source>
        <translation>留空：使用 Switchboard 自带的音乐</translation>
    </message>
    <message>
        <source>An 8 kHz mono WAV file played to callers on hold</source>
        <translation>向被保持的来电者播放的 8 kHz 单声道 WAV 文件</translation>
    </message>
    <message>
        <source> messages</source>
        <translation> 条留言</translation>
    </message>
    <message>
        <source>Per mailbox; callers to a full mailbox are told so</source>
        <translation>每个信箱；信箱已满时会告知来电者</translation>
    </message>
    <message>
        <source>&amp;Prompt language:</source>
        <translation>提示音语言(&amp;P)：</translation>
    </message>
    <message>
        <source>Music on &amp;hold:</source>
        <translation>等待音乐(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Voicemail messages per mailbox:</source>
        <translation>每个信箱的留言数(&amp;V)：</translation>
    </message>
</context>
<context>
    <name>sb::ui::SingleInstance</name>
    <message>
        <source>Switchboard cannot lock its database.

%1</source>
        <translation>Switchboard 无法锁定其数据库。

%1</translation>
    </message>
    <message>
        <source>Another program is using this database.

%1</source>
        <translation>另一个程序正在使用此数据库。

%1</translation>
    </message>
    <message>
        <source>Switchboard cannot listen for later launches (%1): %2</source>
        <translation>Switchboard 无法监听后续启动（%1）：%2</translation>
    </message>
    <message>
        <source>%1 is already running on this database.

Stop the service first (for example: sudo systemctl stop switchboard-server), or start Switchboard with another database (--db).</source>
        <translation>%1 已在此数据库上运行。

请先停止该服务（例如：sudo systemctl stop switchboard-server），或用其他数据库（--db）启动 Switchboard。</translation>
    </message>
</context>
<context>
    <name>sb::ui::TraceModel</name>
    <message>
        <source>Local address: %1</source>
        <translation>本地地址：%1</translation>
    </message>
    <message>
        <source>→ sent</source>
        <translation>→ 发送</translation>
    </message>
    <message>
        <source>← received</source>
        <translation>← 接收</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
</context>
<context>
    <name>sb::ui::TracePanel</name>
    <message>
        <source>Filter: method, Call-ID, number, peer address…</source>
        <translation>过滤：方法、Call-ID、号码、对端地址…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>&amp;Save as text…</source>
        <translation>另存为文本(&amp;S)…</translation>
    </message>
    <message>
        <source>Save every message the filter shows, in full, as a text file</source>
        <translation>将过滤后显示的全部消息完整保存为文本文件</translation>
    </message>
    <message>
        <source>Select a message to see it in full.</source>
        <translation>选择一条消息以查看全文。</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Save SIP trace</source>
        <translation>保存 SIP 跟踪</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The SIP trace could not be saved to %1.

%2</source>
        <translation>无法将 SIP 跟踪保存到 %1。

%2</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n SIP message(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 条 SIP 消息保存到 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::ui::TransferDialog</name>
    <message>
        <source>Transfer call</source>
        <translation>转接通话</translation>
    </message>
    <message>
        <source>Transfer the call %1 to:</source>
        <translation>把通话 %1 转接到：</translation>
    </message>
    <message>
        <source>e.g. 102</source>
        <translation>例如 102</translation>
    </message>
    <message>
        <source>An extension, ring group or menu number, *97 followed by an extension for its voicemail, or an outside number as the extension would dial it. The party hears music on hold until the target answers; the extension is then hung up.</source>
        <translation>分机、振铃组或菜单号码，*97 加分机号表示其语音信箱，或按该分机的拨号方式输入外线号码。对方在目标接听前听到等待音乐；之后该分机被挂断。</translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation>转接(&amp;T)</translation>
    </message>
    <message>
        <source>Enter the number to transfer the call to.</source>
        <translation>请输入要转接到的号码。</translation>
    </message>
</context>
<context>
    <name>sb::ui::TrayIcon</name>
    <message>
        <source>&amp;Show Switchboard</source>
        <translation>显示 Switchboard(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause new calls</source>
        <translation>暂停新呼叫(&amp;P)</translation>
    </message>
    <message>
        <source>Refuse calls that arrive from now on; calls in progress go on.</source>
        <translation>拒绝从现在起到达的呼叫；进行中的通话不受影响。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message numerus="yes">
        <source>%n active call(s)</source>
        <translation>
            <numerusform>%n 个活动通话</numerusform>
        </translation>
    </message>
    <message>
        <source> · lines: %1 registered, %2 failing</source>
        <translation> · 外线：%1 条已注册，%2 条失败</translation>
    </message>
    <message>
        <source> · new calls paused</source>
        <translation> · 新呼叫已暂停</translation>
    </message>
    <message>
        <source>Switchboard — %1</source>
        <translation>Switchboard — %1</translation>
    </message>
</context>
<context>
    <name>sb::ui::TrunkDialog</name>
    <message>
        <source>Edit SIP trunk %1</source>
        <translation>编辑 SIP 中继 %1</translation>
    </message>
    <message>
        <source>Add SIP trunk</source>
        <translation>添加 SIP 中继</translation>
    </message>
    <message>
        <source>Shown in routes and call history, e.g. carrier</source>
        <translation>显示在路由和通话记录中，例如 运营商</translation>
    </message>
    <message>
        <source>The peer&apos;s address or hostname, e.g. 203.0.113.5</source>
        <translation>对端地址或主机名，例如 203.0.113.5</translation>
    </message>
    <message>
        <source>Optional host[:port]; empty: straight to the peer</source>
        <translation>可选 主机[:端口]；留空：直接发往对端</translation>
    </message>
    <message>
        <source>e.g. user=phone</source>
        <translation>例如 user=phone</translation>
    </message>
    <message>
        <source>Appended to the Request-URI of every outgoing call, e.g. sip:+8613901088888@203.0.113.5;user=phone</source>
        <translation>附加到每个呼出呼叫的 Request-URI，例如 sip:+8613901088888@203.0.113.5;user=phone</translation>
    </message>
    <message>
        <source>Disable reliability of provisional responses (100rel)</source>
        <translation>禁用临时响应可靠性（100rel）</translation>
    </message>
    <message>
        <source>INVITEs then carry no 100rel at all. For peers that require 100rel in their 18x but refuse the PRACK that answers it (405 Method Not Allowed).</source>
        <translation>此时 INVITE 完全不携带 100rel。适用于在 18x 中要求 100rel 却拒绝相应 PRACK（405 Method Not Allowed）的对端。</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Peer &amp;host:</source>
        <translation>对端主机(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>传输(&amp;T)：</translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy:</source>
        <translation>出局代理(&amp;X)：</translation>
    </message>
    <message>
        <source>Outgoing calls</source>
        <translation>呼出</translation>
    </message>
    <message>
        <source>Additional parameter of &amp;Request-URI:</source>
        <translation>Request-URI 附加参数(&amp;R)：</translation>
    </message>
    <message>
        <source>name[=value](;name[=value])*, for example user=phone or cpc=ordinary;npdi. Carriers that take no TEL URI may want user=phone on trunks too.</source>
        <translation>name[=value](;name[=value])*，例如 user=phone 或 cpc=ordinary;npdi。不接受 TEL URI 的运营商在中继上也可能需要 user=phone。</translation>
    </message>
    <message>
        <source>Incoming calls</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>Allowed source addresses:</source>
        <translation>允许的来源地址：</translation>
    </message>
    <message>
        <source>Requests from these addresses belong to this trunk. None listed: the peer host&apos;s address (when it is an IP address).</source>
        <translation>来自这些地址的请求属于此中继。未列出时：对端主机的地址（当它是 IP 地址时）。</translation>
    </message>
    <message>
        <source>DIDs (called number → extension):</source>
        <translation>DID（被叫号码 → 分机）：</translation>
    </message>
    <message>
        <source>Only if the peer challenges our calls</source>
        <translation>仅当对端对我方呼叫要求认证时填写</translation>
    </message>
    <message>
        <source>Fixed number, e.g. +8610880000; empty: the extension&apos;s</source>
        <translation>固定号码，例如 +8610880000；留空则使用分机号码</translation>
    </message>
    <message>
        <source>Put before the extension&apos;s number, e.g. +861088</source>
        <translation>加在分机号码前，例如 +861088</translation>
    </message>
    <message>
        <source>(none: calls to other numbers get 404)</source>
        <translation>（无：呼叫其他号码将收到 404）</translation>
    </message>
    <message>
        <source>Presented &amp;number:</source>
        <translation>显示号码(&amp;N)：</translation>
    </message>
    <message>
        <source>Number pre&amp;fix:</source>
        <translation>号码前缀(&amp;F)：</translation>
    </message>
    <message>
        <source>Auth &amp;user:</source>
        <translation>认证用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Auth pass&amp;word:</source>
        <translation>认证密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Other numbers &amp;ring:</source>
        <translation>其他号码振铃(&amp;R)：</translation>
    </message>
    <message>
        <source>password: %1</source>
        <translation>密码：%1</translation>
    </message>
    <message>
        <source>a password needs an auth user</source>
        <translation>设置密码时需要填写认证用户名</translation>
    </message>
    <message>
        <source>presented number: %1</source>
        <translation>显示号码：%1</translation>
    </message>
    <message>
        <source>prefix: %1</source>
        <translation>前缀：%1</translation>
    </message>
    <message>
        <source>Verify the peer&apos;s TLS certificate</source>
        <translation>验证对端的 TLS 证书</translation>
    </message>
    <message>
        <source>The certificate must come from a trusted authority (Settings: carrier certificate authorities) and name the host or proxy; otherwise the call attempt fails over.</source>
        <translation>证书必须由受信任的机构签发（设置：运营商证书颁发机构），并且包含主机或代理名称；否则本次呼叫尝试转到备用路由。</translation>
    </message>
    <message>
        <source>Forwarded calls &amp;name the forwarder by:</source>
        <translation>转移呼叫标明转移方的方式(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>sb::ui::TrunksModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation>出局代理</translation>
    </message>
    <message>
        <source>Request-URI parameters</source>
        <translation>Request-URI 参数</translation>
    </message>
    <message>
        <source>DIDs</source>
        <translation>DID 号码</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>sb::ui::TrunksPanel</name>
    <message>
        <source>Self-&amp;test…</source>
        <translation>自检(&amp;T)…</translation>
    </message>
    <message>
        <source>Ask the carrier what it supports, try a test call and suggest the settings that fit it</source>
        <translation>询问运营商支持的功能，拨打测试呼叫，并建议适合的设置</translation>
    </message>
    <message>
        <source>Add a server-to-server trunk to a carrier or another PBX</source>
        <translation>添加到运营商或其他交换机的服务器间中继</translation>
    </message>
    <message>
        <source>C&amp;lear warning</source>
        <translation>清除警告(&amp;L)</translation>
    </message>
    <message>
        <source>The trunk&apos;s peer refused PRACK, so 100rel is no longer offered on it. Clear the warning to offer 100rel again (e.g. after the carrier fixed it).</source>
        <translation>该中继的对端拒绝了 PRACK，因此不再提供 100rel。清除警告可重新提供 100rel（例如在运营商修复之后）。</translation>
    </message>
    <message>
        <source>Delete SIP trunk %1 (%2:%3)?

Calls can no longer go out through it, and calls from its addresses are no longer accepted.</source>
        <translation>删除 SIP 中继 %1（%2:%3）吗？

将无法再经由它呼出，来自其地址的呼叫也不再被接受。</translation>
    </message>
    <message>
        <source>Delete SIP trunk</source>
        <translation>删除 SIP 中继</translation>
    </message>
    <message>
        <source>Trunk %1 no longer exists; nothing was changed.</source>
        <translation>中继 %1 已不存在，没有任何更改。</translation>
    </message>
    <message>
        <source>Deleting trunk %1…</source>
        <translation>正在删除中继 %1…</translation>
    </message>
    <message>
        <source>Adding trunk %1…</source>
        <translation>正在添加中继 %1…</translation>
    </message>
    <message>
        <source>Saving trunk %1…</source>
        <translation>正在保存中继 %1…</translation>
    </message>
</context>
<context>
    <name>sb::ui::VoicemailModel</name>
    <message>
        <source>Heard</source>
        <translation>已听</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>信箱</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>sb::ui::VoicemailPanel</name>
    <message>
        <source>No voicemail messages. Callers leave one when an extension with voicemail does not answer; turn voicemail on in the extension&apos;s settings.</source>
        <translation>没有语音留言。开启了语音信箱的分机无人接听时，来电者可以留言；请在分机设置中开启语音信箱。</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>The message file %1 is missing.</source>
        <translation>留言文件 %1 不存在。</translation>
    </message>
    <message>
        <source>No program to play %1 was found.</source>
        <translation>找不到可以播放 %1 的程序。</translation>
    </message>
    <message>
        <source>Export voicemail</source>
        <translation>导出语音留言</translation>
    </message>
    <message>
        <source>WAV audio (*.wav)</source>
        <translation>WAV 音频 (*.wav)</translation>
    </message>
    <message>
        <source>%1 exists and cannot be replaced.</source>
        <translation>%1 已存在，且无法替换。</translation>
    </message>
    <message>
        <source>Could not copy the message to %1: %2</source>
        <translation>无法将留言复制到 %1：%2</translation>
    </message>
    <message>
        <source>Exported the message to %1.</source>
        <translation>已将留言导出到 %1。</translation>
    </message>
    <message>
        <source>Delete the message from %1 in mailbox %2? Its recording is deleted too.</source>
        <translation>删除信箱 %2 中来自 %1 的留言吗？录音文件也会一并删除。</translation>
    </message>
    <message>
        <source>Delete voicemail</source>
        <translation>删除语音留言</translation>
    </message>
    <message>
        <source>Deleting the message…</source>
        <translation>正在删除留言…</translation>
    </message>
    <message>
        <source>Could not delete the message: the engine is not running.</source>
        <translation>无法删除留言：引擎未运行。</translation>
    </message>
</context>
</TS>
