<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>core</name>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>script</source>
        <translation>脚本</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>定时发送</translation>
    </message>
    <message>
        <source>watch mode</source>
        <translation>监视模式</translation>
    </message>
    <message>
        <source>session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>lone backslash at the end (write \\ for a backslash)</source>
        <translation>末尾有单独的反斜杠（反斜杠本身写作 \\）</translation>
    </message>
    <message>
        <source>\x at character %1 needs two hex digits (\x00-\xff)</source>
        <translation>第 %1 个字符处的 \x 需要两位十六进制数字（\x00-\xff）</translation>
    </message>
    <message>
        <source>unknown escape \%1 at character %2 (use \r \n \t \0 \\ or \xNN)</source>
        <translation>第 %2 个字符处的转义 \%1 未知（可用 \r \n \t \0 \\ 或 \xNN）</translation>
    </message>
    <message>
        <source>%1 at character %2 is not a hex digit</source>
        <translation>第 %2 个字符 %1 不是十六进制数字</translation>
    </message>
    <message>
        <source>odd number of hex digits: &apos;%1&apos; at character %2 has no pair</source>
        <translation>十六进制数字个数为奇数：第 %2 个字符 &apos;%1&apos; 没有配对</translation>
    </message>
    <message>
        <source>0x at character %1 has no digits</source>
        <translation>第 %1 个字符处的 0x 后面没有数字</translation>
    </message>
    <message>
        <source>new socket %1</source>
        <translation>新套接字 %1</translation>
    </message>
    <message>
        <source>the listener&apos;s backlog was full: connected on try %1</source>
        <translation>监听套接字的积压队列已满：第 %1 次尝试时连接成功</translation>
    </message>
    <message>
        <source>partial send: %1 of %2 bytes</source>
        <translation>部分发送：%2 字节中发送了 %1 字节</translation>
    </message>
    <message>
        <source>%1 of %2 bytes were sent first</source>
        <translation>出错前已发送 %2 字节中的 %1 字节</translation>
    </message>
    <message>
        <source>%1 bytes in 1 send() call</source>
        <translation>%1 字节，1 次 send() 调用</translation>
    </message>
    <message>
        <source>%1 bytes in %2 send() calls</source>
        <translation>%1 字节，%2 次 send() 调用</translation>
    </message>
    <message>
        <source>%1 bytes arrived first</source>
        <translation>出错前已收到 %1 字节</translation>
    </message>
    <message>
        <source>MSG_TRUNC on a stream: the kernel discarded %1 bytes without copying them; Python returns that many bytes of whatever its buffer held (shown as zeros)</source>
        <translation>流套接字上的 MSG_TRUNC：内核丢弃了 %1 字节而未复制；Python 会返回同样多字节的缓冲区原有内容（此处显示为零）</translation>
    </message>
    <message>
        <source>datagram of %1 bytes truncated to %2</source>
        <translation>%1 字节的数据报被截断为 %2 字节</translation>
    </message>
    <message>
        <source>the read side is shut down: a blocking recv returns at once with nothing</source>
        <translation>读端已关闭：阻塞的 recv 会立即返回空数据</translation>
    </message>
    <message>
        <source>EOF: the peer closed its side</source>
        <translation>EOF：对端关闭了它的一端</translation>
    </message>
    <message>
        <source>%1 recv() calls</source>
        <translation>%1 次 recv() 调用</translation>
    </message>
    <message>
        <source>bufsize capped at %1</source>
        <translation>bufsize 上限为 %1</translation>
    </message>
    <message>
        <source>removed the socket file %1 (Python leaves it; os.unlink would)</source>
        <translation>已删除套接字文件 %1（Python 会保留它；os.unlink 才会删除）</translation>
    </message>
    <message>
        <source>socket closed</source>
        <translation>套接字已关闭</translation>
    </message>
    <message>
        <source>the workbench shut down</source>
        <translation>工作台已关闭</translation>
    </message>
    <message>
        <source>cancelled by close()</source>
        <translation>被 close() 取消</translation>
    </message>
    <message>
        <source>%1 after %2 bytes</source>
        <translation>%1（已传输 %2 字节）</translation>
    </message>
    <message>
        <source>bufsize 0: Python returns b&apos;&apos; without calling recv()</source>
        <translation>bufsize 为 0：Python 不调用 recv() 而直接返回 b&apos;&apos;</translation>
    </message>
    <message>
        <source>not a call on a socket</source>
        <translation>不是针对套接字的调用</translation>
    </message>
    <message>
        <source>%1 of %2 bytes were sent before the buffer filled</source>
        <translation>缓冲区填满前已发送 %2 字节中的 %1 字节</translation>
    </message>
    <message>
        <source>%1 bytes were transferred before the deadline</source>
        <translation>超时前已传输 %1 字节</translation>
    </message>
    <message>
        <source>epoll_ctl could not watch the descriptor: %1</source>
        <translation>epoll_ctl 无法监视该描述符：%1</translation>
    </message>
    <message>
        <source>a send failed (see the journal)</source>
        <translation>一次发送失败（见调用日志）</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>auto-accept paused; retrying with backoff</source>
        <translation>自动接受已暂停；将退避后重试</translation>
    </message>
    <message>
        <source>auto-accept stopped</source>
        <translation>自动接受已停止</translation>
    </message>
    <message>
        <source>auto-accept (watch)</source>
        <translation>自动接受（监视）</translation>
    </message>
    <message>
        <source>port is empty (0-65535)</source>
        <translation>端口为空（0-65535）</translation>
    </message>
    <message>
        <source>port &apos;%1&apos; is not a number (0-65535)</source>
        <translation>端口 &apos;%1&apos; 不是数字（0-65535）</translation>
    </message>
    <message>
        <source>port %1 is outside 0-65535</source>
        <translation>端口 %1 超出 0-65535 范围</translation>
    </message>
    <message>
        <source>UNIX path is empty</source>
        <translation>UNIX 路径为空</translation>
    </message>
    <message>
        <source>abstract name: %1</source>
        <translation>抽象名称：%1</translation>
    </message>
    <message>
        <source>UNIX path contains a NUL byte</source>
        <translation>UNIX 路径包含 NUL 字节</translation>
    </message>
    <message>
        <source>UNIX abstract name is %1 bytes; the limit is %2</source>
        <translation>UNIX 抽象名称有 %1 字节；上限为 %2</translation>
    </message>
    <message>
        <source>UNIX path is %1 bytes; the limit is %2</source>
        <translation>UNIX 路径有 %1 字节；上限为 %2</translation>
    </message>
    <message>
        <source>expected a tuple like (&apos;127.0.0.1&apos;, 8080) or (&apos;::1&apos;, 8080, 0, 0)</source>
        <translation>应为 (&apos;127.0.0.1&apos;, 8080) 或 (&apos;::1&apos;, 8080, 0, 0) 这样的元组</translation>
    </message>
    <message>
        <source>missing &apos;]&apos; after the IPv6 address</source>
        <translation>IPv6 地址后缺少 &apos;]&apos;</translation>
    </message>
    <message>
        <source>expected &apos;:port&apos; after &apos;]&apos;</source>
        <translation>&apos;]&apos; 后应为 &apos;:port&apos;</translation>
    </message>
    <message>
        <source>an IPv6 address with a port is written [addr]:port</source>
        <translation>带端口的 IPv6 地址写作 [addr]:port</translation>
    </message>
    <message>
        <source>%1 is a port without a host: write host:port, e.g. 127.0.0.1:%1</source>
        <translation>%1 是没有主机的端口：请写作 host:port，例如 127.0.0.1:%1</translation>
    </message>
    <message>
        <source>missing port: write host:port</source>
        <translation>缺少端口：请写作 host:port</translation>
    </message>
    <message>
        <source>address is empty: write host:port</source>
        <translation>地址为空：请写作 host:port</translation>
    </message>
    <message>
        <source>address contains a NUL character</source>
        <translation>地址包含 NUL 字符</translation>
    </message>
    <message>
        <source>host is empty: use 0.0.0.0 for all interfaces or 127.0.0.1 for loopback</source>
        <translation>主机为空：所有接口用 0.0.0.0，回环用 127.0.0.1</translation>
    </message>
    <message>
        <source>host is empty: use :: for all interfaces or ::1 for loopback</source>
        <translation>主机为空：所有接口用 ::，回环用 ::1</translation>
    </message>
    <message>
        <source>an AF_INET address is a 2-tuple (host, port)</source>
        <translation>AF_INET 地址是二元组 (host, port)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither an IPv4 address (four numbers 0-255 separated by dots) nor a host name</source>
        <translation>&apos;%1&apos; 既不是 IPv4 地址（以点分隔的四个 0-255 的数），也不是主机名</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address (four numbers 0-255 separated by dots; resolve names in the lookup panel)</source>
        <translation>&apos;%1&apos; 不是 IPv4 地址（以点分隔的四个 0-255 的数；主机名请在查询面板中解析）</translation>
    </message>
    <message>
        <source>scope id after &apos;%&apos; is empty</source>
        <translation>&apos;%&apos; 后的 scope id 为空</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither an IPv6 address (e.g. ::1, fe80::1%lo) nor a host name</source>
        <translation>&apos;%1&apos; 既不是 IPv6 地址（例如 ::1、fe80::1%lo），也不是主机名</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv6 address (e.g. ::1, fe80::1%lo)</source>
        <translation>&apos;%1&apos; 不是 IPv6 地址（例如 ::1、fe80::1%lo）</translation>
    </message>
    <message>
        <source>flowinfo &apos;%1&apos; must be 0-1048575</source>
        <translation>flowinfo &apos;%1&apos; 必须在 0-1048575 之间</translation>
    </message>
    <message>
        <source>no network interface named &apos;%1&apos;</source>
        <translation>没有名为 &apos;%1&apos; 的网络接口</translation>
    </message>
    <message>
        <source>addresses of family %1 are not supported</source>
        <translation>不支持地址族 %1 的地址</translation>
    </message>
    <message>
        <source>Allow bind() to a local address still in TIME_WAIT</source>
        <translation>允许 bind() 到仍处于 TIME_WAIT 的本地地址</translation>
    </message>
    <message>
        <source>Let several sockets bind the same address and port</source>
        <translation>允许多个套接字绑定同一地址和端口</translation>
    </message>
    <message>
        <source>Permit sending datagrams to a broadcast address</source>
        <translation>允许向广播地址发送数据报</translation>
    </message>
    <message>
        <source>Send TCP keepalive probes on an idle connection</source>
        <translation>在空闲连接上发送 TCP keepalive 探测</translation>
    </message>
    <message>
        <source>What close() does with unsent data: &apos;on,seconds&apos; or &apos;off&apos;; &apos;1,0&apos; makes close() send RST</source>
        <translation>close() 如何处理未发送的数据：&apos;on,seconds&apos; 或 &apos;off&apos;；&apos;1,0&apos; 使 close() 发送 RST</translation>
    </message>
    <message>
        <source>Receive buffer size in bytes (the kernel doubles what you set)</source>
        <translation>接收缓冲区大小，单位为字节（内核会将设置值加倍）</translation>
    </message>
    <message>
        <source>Send buffer size in bytes (the kernel doubles what you set)</source>
        <translation>发送缓冲区大小，单位为字节（内核会将设置值加倍）</translation>
    </message>
    <message>
        <source>Minimum bytes before a read is woken</source>
        <translation>唤醒读操作前至少需要的字节数</translation>
    </message>
    <message>
        <source>Receive TCP urgent data in the normal stream</source>
        <translation>在普通数据流中接收 TCP 紧急数据</translation>
    </message>
    <message>
        <source>The pending socket error (reading clears it)</source>
        <translation>套接字上待处理的错误（读取后清除）</translation>
    </message>
    <message>
        <source>The socket type</source>
        <translation>套接字类型</translation>
    </message>
    <message>
        <source>Report datagrams the kernel dropped because the receive buffer was full</source>
        <translation>报告内核因接收缓冲区已满而丢弃的数据报</translation>
    </message>
    <message>
        <source>Disable Nagle&apos;s algorithm: send small segments at once</source>
        <translation>禁用 Nagle 算法：小数据段立即发送</translation>
    </message>
    <message>
        <source>Seconds idle before the first keepalive probe</source>
        <translation>发送第一个 keepalive 探测前的空闲秒数</translation>
    </message>
    <message>
        <source>Maximum segment size</source>
        <translation>最大报文段长度</translation>
    </message>
    <message>
        <source>Time to live of outgoing unicast packets</source>
        <translation>发出的单播数据包的生存时间（TTL）</translation>
    </message>
    <message>
        <source>Type of service byte</source>
        <translation>服务类型（TOS）字节</translation>
    </message>
    <message>
        <source>Time to live of outgoing multicast datagrams</source>
        <translation>发出的多播数据报的生存时间（TTL）</translation>
    </message>
    <message>
        <source>Deliver our own multicast datagrams back to us</source>
        <translation>将本机发出的多播数据报回送给本机</translation>
    </message>
    <message>
        <source>Join a multicast group: &apos;group&apos; or &apos;group,interface-address&apos;</source>
        <translation>加入多播组：&apos;group&apos; 或 &apos;group,interface-address&apos;</translation>
    </message>
    <message>
        <source>Leave a multicast group: &apos;group&apos; or &apos;group,interface-address&apos;</source>
        <translation>离开多播组：&apos;group&apos; 或 &apos;group,interface-address&apos;</translation>
    </message>
    <message>
        <source>Accept only IPv6 (no IPv4-mapped addresses)</source>
        <translation>只接受 IPv6（不接受 IPv4 映射地址）</translation>
    </message>
    <message>
        <source>Hop limit of outgoing unicast packets</source>
        <translation>发出的单播数据包的跳数限制</translation>
    </message>
    <message>
        <source>Hop limit of outgoing multicast packets</source>
        <translation>发出的多播数据包的跳数限制</translation>
    </message>
    <message>
        <source>Deliver our own IPv6 multicast back to us</source>
        <translation>将本机发出的 IPv6 多播回送给本机</translation>
    </message>
    <message>
        <source>Join an IPv6 multicast group: &apos;group&apos; or &apos;group,interface&apos;</source>
        <translation>加入 IPv6 多播组：&apos;group&apos; 或 &apos;group,interface&apos;</translation>
    </message>
    <message>
        <source>Leave an IPv6 multicast group: &apos;group&apos; or &apos;group,interface&apos;</source>
        <translation>离开 IPv6 多播组：&apos;group&apos; 或 &apos;group,interface&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not 0/1 (or on/off)</source>
        <translation>&apos;%1&apos; 不是 0/1（或 on/off）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an integer</source>
        <translation>&apos;%1&apos; 不是整数</translation>
    </message>
    <message>
        <source>write &apos;on,SECONDS&apos; (e.g. 1,0 to reset on close) or &apos;off&apos;</source>
        <translation>请写作 &apos;on,SECONDS&apos;（例如 1,0 表示关闭时重置连接）或 &apos;off&apos;</translation>
    </message>
    <message>
        <source>write a group address like 224.0.0.251[,interface-ip]</source>
        <translation>请写作多播组地址，例如 224.0.0.251[,interface-ip]</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 interface address</source>
        <translation>&apos;%1&apos; 不是 IPv4 接口地址</translation>
    </message>
    <message>
        <source>write a group address like ff02::1[,interface]</source>
        <translation>请写作多播组地址，例如 ff02::1[,interface]</translation>
    </message>
    <message>
        <source>%1 can only be read</source>
        <translation>%1 只能读取</translation>
    </message>
    <message>
        <source>unknown option kind</source>
        <translation>未知的选项类别</translation>
    </message>
    <message>
        <source>the interval is 1 ms to 24 hours</source>
        <translation>间隔为 1 ms 到 24 小时</translation>
    </message>
    <message>
        <source>the count is 0 (until stopped) to %1</source>
        <translation>次数为 0（直到停止）到 %1</translation>
    </message>
    <message>
        <source>a burst needs a count</source>
        <translation>连发需要指定次数</translation>
    </message>
    <message>
        <source>sendto needs an address</source>
        <translation>sendto 需要地址</translation>
    </message>
    <message>
        <source>a schedule sends with send, sendall or sendto</source>
        <translation>定时发送使用 send、sendall 或 sendto</translation>
    </message>
    <message>
        <source>a wildcard is two question marks (??), one byte</source>
        <translation>通配符是两个问号（??），代表一个字节</translation>
    </message>
    <message>
        <source>the hex pattern is empty</source>
        <translation>十六进制模式为空</translation>
    </message>
    <message>
        <source>a lone } (write }} for the character)</source>
        <translation>单独的 }（字符 } 本身写作 }}）</translation>
    </message>
    <message>
        <source>{ is not closed (write {{ for the character)</source>
        <translation>{ 没有闭合（字符 { 本身写作 {{）</translation>
    </message>
    <message>
        <source>{%1} is a capture: it needs a regular expression match</source>
        <translation>{%1} 是捕获组：需要用正则表达式匹配</translation>
    </message>
    <message>
        <source>{%1} is a capture: only a rule&apos;s reply has them</source>
        <translation>{%1} 是捕获组：只有规则的回复中才有</translation>
    </message>
    <message>
        <source>{%1} is about bytes received: only a rule&apos;s reply has it</source>
        <translation>{%1} 与收到的字节有关：只有规则的回复中才有</translation>
    </message>
    <message>
        <source>unknown macro {%1} (known: {1}..{9}, {counter}, {time}, {unixtime}, {random}, {peer}, {length}, {hex}; {{ for a brace)</source>
        <translation>未知的宏 {%1}（可用：{1}..{9}、{counter}、{time}、{unixtime}、{random}、{peer}、{length}、{hex}；花括号本身写作 {{）</translation>
    </message>
    <message>
        <source>no file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1：文件不存在</translation>
    </message>
    <message>
        <source>%1: not a regular file</source>
        <translation>%1：不是普通文件</translation>
    </message>
    <message>
        <source>%1: %2 bytes, more than the %3 MiB a payload file may have</source>
        <translation>%1：%2 字节，超过载荷文件 %3 MiB 的上限</translation>
    </message>
    <message>
        <source>a pattern is text or hex, not a file</source>
        <translation>模式只能是文本或十六进制，不能是文件</translation>
    </message>
    <message>
        <source>the pattern is empty (choose &quot;any&quot; to answer everything)</source>
        <translation>模式为空（要应答所有数据，请选择“any”）</translation>
    </message>
    <message>
        <source>the regular expression is empty</source>
        <translation>正则表达式为空</translation>
    </message>
    <message>
        <source>regular expression: %1</source>
        <translation>正则表达式：%1</translation>
    </message>
    <message>
        <source>{%1}: the regular expression has %2 capture group(s)</source>
        <translation>{%1}：该正则表达式只有 %2 个捕获组</translation>
    </message>
    <message>
        <source>the delay is 0 to %1 ms (an hour)</source>
        <translation>延迟为 0 到 %1 ms（一小时）</translation>
    </message>
    <message>
        <source>%1 was cancelled (%2); its 1 later step did not run</source>
        <translation>%1 被取消（%2）；其后的 1 个步骤未运行</translation>
    </message>
    <message>
        <source>%1 raised %2; its 1 later step did not run</source>
        <translation>%1 引发 %2；其后的 1 个步骤未运行</translation>
    </message>
    <message>
        <source>%1 was cancelled (%2); its %3 later steps did not run</source>
        <translation>%1 被取消（%2）；其后的 %3 个步骤未运行</translation>
    </message>
    <message>
        <source>%1 raised %2; its %3 later steps did not run</source>
        <translation>%1 引发 %2；其后的 %3 个步骤未运行</translation>
    </message>
    <message>
        <source>%1 was cancelled (%2)</source>
        <translation>%1 被取消（%2）</translation>
    </message>
    <message>
        <source>%1 raised %2</source>
        <translation>%1 引发 %2</translation>
    </message>
    <message>
        <source>clients are AF_INET, AF_INET6 or AF_UNIX sockets, not %1</source>
        <translation>客户端必须是 AF_INET、AF_INET6 或 AF_UNIX 套接字，而不是 %1</translation>
    </message>
    <message>
        <source>clients are SOCK_STREAM or SOCK_DGRAM sockets, not %1</source>
        <translation>客户端必须是 SOCK_STREAM 或 SOCK_DGRAM 套接字，而不是 %1</translation>
    </message>
    <message>
        <source>the number of clients is from %1 to %2, not %3</source>
        <translation>客户端数量应为 %1 到 %2，而不是 %3</translation>
    </message>
    <message>
        <source>give the address the clients connect to</source>
        <translation>请给出客户端要连接的地址</translation>
    </message>
    <message>
        <source>%1 is an %2 address; these clients are %3</source>
        <translation>%1 是 %2 地址；这些客户端是 %3</translation>
    </message>
    <message>
        <source>a UNIX client connects to a path or an @abstract name</source>
        <translation>UNIX 客户端连接到路径或 @抽象名称</translation>
    </message>
    <message>
        <source>port 0 is no server&apos;s port: give the port the clients connect to</source>
        <translation>端口 0 不是服务器的端口：请给出客户端要连接的端口</translation>
    </message>
    <message>
        <source>payload %1: %2</source>
        <translation>载荷 %1：%2</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot;</source>
        <translation>未知字段“%1”</translation>
    </message>
    <message>
        <source>needs a &quot;name&quot; (a string that is not empty)</source>
        <translation>需要“name”（非空字符串）</translation>
    </message>
    <message>
        <source>&quot;form&quot; must be &quot;text&quot;, &quot;hex&quot; or &quot;file&quot;</source>
        <translation>“form”必须是“text”、“hex”或“file”</translation>
    </message>
    <message>
        <source>&quot;content&quot; must be a string</source>
        <translation>“content”必须是字符串</translation>
    </message>
    <message>
        <source>&quot;note&quot; must be a string</source>
        <translation>“note”必须是字符串</translation>
    </message>
    <message>
        <source>a file payload needs a path in &quot;content&quot;</source>
        <translation>文件载荷需要在“content”中给出路径</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: no file given</source>
        <translation>“%1”：未指定文件</translation>
    </message>
    <message>
        <source>a payload file</source>
        <translation>载荷文件</translation>
    </message>
    <message>
        <source>payloads must be a list of objects</source>
        <translation>payloads 必须是对象列表</translation>
    </message>
    <message>
        <source>%1 payloads; the limit is %2</source>
        <translation>共 %1 个载荷；上限为 %2</translation>
    </message>
    <message>
        <source>payload %1: the name &quot;%2&quot; is already used by payload %3</source>
        <translation>载荷 %1：名称“%2”已被载荷 %3 使用</translation>
    </message>
    <message>
        <source>not a payload file: %1 at byte %2</source>
        <translation>不是载荷文件：%1（第 %2 字节）</translation>
    </message>
    <message>
        <source>not a Socket Workbench payload file (no &quot;format&quot;: &quot;%1&quot;)</source>
        <translation>不是 Socket Workbench 载荷文件（没有 &quot;format&quot;: &quot;%1&quot;）</translation>
    </message>
    <message>
        <source>payload file has no valid &quot;version&quot; (a whole number)</source>
        <translation>载荷文件没有有效的“version”（整数）</translation>
    </message>
    <message>
        <source>payload file version %1 is newer than this program reads (%2)</source>
        <translation>载荷文件版本 %1 比本程序能读取的版本（%2）新</translation>
    </message>
    <message>
        <source>payload file has no &quot;payloads&quot; list</source>
        <translation>载荷文件没有“payloads”列表</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no scheme: write tcp://host:port, udp://host:port or unix:/path</source>
        <translation>&apos;%1&apos; 没有协议前缀：请写作 tcp://host:port、udp://host:port 或 unix:/path</translation>
    </message>
    <message>
        <source>write %1://host:port</source>
        <translation>请写作 %1://host:port</translation>
    </message>
    <message>
        <source>unknown scheme &apos;%1&apos;: use tcp, udp, unix, unix-dgram or unix-seqpacket</source>
        <translation>未知的协议前缀 &apos;%1&apos;：可用 tcp、udp、unix、unix-dgram 或 unix-seqpacket</translation>
    </message>
    <message>
        <source>cannot read %1: %2 (%3)</source>
        <translation>无法读取 %1：%2（%3）</translation>
    </message>
    <message>
        <source>a FIFO</source>
        <translation>FIFO</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>a directory</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>非普通文件</translation>
    </message>
    <message>
        <source>%1 is %2, not %3: only a regular file is read</source>
        <translation>%1 是%2，不是%3：只读取普通文件</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB: too large for %3</source>
        <translation>%1 超过 %2 MiB：作为%3太大</translation>
    </message>
    <message>
        <source>%1: unknown field &quot;%2&quot;</source>
        <translation>%1：未知字段“%2”</translation>
    </message>
    <message>
        <source>%1 must be one of %2</source>
        <translation>%1 必须是以下之一：%2</translation>
    </message>
    <message>
        <source>%1 must be a string</source>
        <translation>%1 必须是字符串</translation>
    </message>
    <message>
        <source>%1 must be true or false</source>
        <translation>%1 必须是 true 或 false</translation>
    </message>
    <message>
        <source>%1 must be a whole number %2-%3</source>
        <translation>%1 必须是 %2-%3 之间的整数</translation>
    </message>
    <message>
        <source>rules must be a list</source>
        <translation>rules 必须是列表</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1 不是对象</translation>
    </message>
    <message>
        <source>needs &quot;match&quot; and &quot;reply&quot;</source>
        <translation>需要“match”和“reply”</translation>
    </message>
    <message>
        <source>schedules must be a list</source>
        <translation>schedules 必须是列表</translation>
    </message>
    <message>
        <source>schedule %1</source>
        <translation>定时发送 %1</translation>
    </message>
    <message>
        <source>call must be send, sendall or sendto</source>
        <translation>call 必须是 send、sendall 或 sendto</translation>
    </message>
    <message>
        <source>address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <source>payload: no file named</source>
        <translation>载荷：未指定文件名</translation>
    </message>
    <message>
        <source>socket %1: %2</source>
        <translation>套接字 %1：%2</translation>
    </message>
    <message>
        <source>name must be a string</source>
        <translation>name 必须是字符串</translation>
    </message>
    <message>
        <source>family must be AF_INET, AF_INET6 or AF_UNIX</source>
        <translation>family 必须是 AF_INET、AF_INET6 或 AF_UNIX</translation>
    </message>
    <message>
        <source>type must be SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_RDM or SOCK_SEQPACKET</source>
        <translation>type 必须是 SOCK_STREAM、SOCK_DGRAM、SOCK_RAW、SOCK_RDM 或 SOCK_SEQPACKET</translation>
    </message>
    <message>
        <source>proto must be a whole number 0-255</source>
        <translation>proto 必须是 0-255 之间的整数</translation>
    </message>
    <message>
        <source>options must be an object of option names and values, e.g. {&quot;SO_REUSEADDR&quot;: 1}</source>
        <translation>options 必须是由选项名和值组成的对象，例如 {&quot;SO_REUSEADDR&quot;: 1}</translation>
    </message>
    <message>
        <source>unknown option %1</source>
        <translation>未知选项 %1</translation>
    </message>
    <message>
        <source>%1: the value must be a number or a string</source>
        <translation>%1：值必须是数字或字符串</translation>
    </message>
    <message>
        <source>%1 must be an address string, e.g. &quot;127.0.0.1:8080&quot; or &quot;/tmp/lab.sock&quot;</source>
        <translation>%1 必须是地址字符串，例如 &quot;127.0.0.1:8080&quot; 或 &quot;/tmp/lab.sock&quot;</translation>
    </message>
    <message>
        <source>connect_socket must be the name of a socket listed before this one</source>
        <translation>connect_socket 必须是在此之前列出的某个套接字的名称</translation>
    </message>
    <message>
        <source>connect_socket: no socket named %1 before this one</source>
        <translation>connect_socket：在此之前没有名为 %1 的套接字</translation>
    </message>
    <message>
        <source>connect_socket needs connect (the address it had)</source>
        <translation>connect_socket 需要 connect（它当时连接的地址）</translation>
    </message>
    <message>
        <source>listen must be true or false</source>
        <translation>listen 必须是 true 或 false</translation>
    </message>
    <message>
        <source>backlog must be a whole number 0-65535</source>
        <translation>backlog 必须是 0-65535 之间的整数</translation>
    </message>
    <message>
        <source>mode must be blocking, nonblocking or timeout</source>
        <translation>mode 必须是 blocking、nonblocking 或 timeout</translation>
    </message>
    <message>
        <source>timeout must be a number of seconds above 0 (at most 1000000)</source>
        <translation>timeout 必须是大于 0 的秒数（最多 1000000）</translation>
    </message>
    <message>
        <source>watch must be true or false</source>
        <translation>watch 必须是 true 或 false</translation>
    </message>
    <message>
        <source>not a session file: %1 at byte %2</source>
        <translation>不是会话文件：%1（第 %2 字节）</translation>
    </message>
    <message>
        <source>not a Socket Workbench session (no &quot;format&quot;: &quot;%1&quot;)</source>
        <translation>不是 Socket Workbench 会话（没有 &quot;format&quot;: &quot;%1&quot;）</translation>
    </message>
    <message>
        <source>session format version %1 is newer than this program reads (%2)</source>
        <translation>会话格式版本 %1 比本程序能读取的版本（%2）新</translation>
    </message>
    <message>
        <source>session has no valid &quot;version&quot; (a whole number)</source>
        <translation>会话没有有效的“version”（整数）</translation>
    </message>
    <message>
        <source>session has no &quot;sockets&quot; list</source>
        <translation>会话没有“sockets”列表</translation>
    </message>
    <message>
        <source>session lists %1 sockets; the limit is 100000</source>
        <translation>会话列出了 %1 个套接字；上限为 100000</translation>
    </message>
    <message>
        <source>socket %1 is not an object</source>
        <translation>套接字 %1 不是对象</translation>
    </message>
    <message>
        <source>payloads: %1</source>
        <translation>载荷：%1</translation>
    </message>
    <message>
        <source>a session file</source>
        <translation>会话文件</translation>
    </message>
    <message>
        <source>the device is not open for writing</source>
        <translation>设备未以写入方式打开</translation>
    </message>
    <message>
        <source>write failed</source>
        <translation>写入失败</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>bound</source>
        <translation>已绑定</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>监听中</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>half-closed (rd)</source>
        <translation>半关闭（读端）</translation>
    </message>
    <message>
        <source>half-closed (wr)</source>
        <translation>半关闭（写端）</translation>
    </message>
    <message>
        <source>shut down</source>
        <translation>双向已 shutdown</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>an I/O thread could not start: %1() failed with %2 (%3)</source>
        <translation>一个 I/O 线程无法启动：%1() 失败，错误为 %2（%3）</translation>
    </message>
    <message>
        <source>no such socket</source>
        <translation>没有这个套接字</translation>
    </message>
    <message>
        <source>SOCK_RAW needs the CAP_NET_RAW capability: run as root, or grant it with `setcap cap_net_raw+ep` on the program</source>
        <translation>SOCK_RAW 需要 CAP_NET_RAW 权能：以 root 身份运行，或用 `setcap cap_net_raw+ep` 授予本程序该权能</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>被用户取消</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>this process may open %1 more descriptors (RLIMIT_NOFILE): at most %2 clients, not %3</source>
        <translation>本进程还能打开 %1 个描述符（RLIMIT_NOFILE）：最多 %2 个客户端，而不是 %3 个</translation>
    </message>
    <message>
        <source>%1: its saved schedule did not start: %2</source>
        <translation>%1：保存的定时发送未能启动：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n ancillary item(s) sent</source>
        <translation>
            <numerusform>已发送 %n 项辅助数据</numerusform>
        </translation>
    </message>
    <message>
        <source>MSG_CTRUNC: the ancillary data did not fit in %1 bytes</source>
        <translation>MSG_CTRUNC：辅助数据超出了 %1 字节的缓冲区</translation>
    </message>
    <message>
        <source>MSG_TRUNC: the datagram was longer than %1 bytes</source>
        <translation>MSG_TRUNC：数据报长于 %1 字节</translation>
    </message>
    <message>
        <source>the level is a number or SOL_SOCKET, IPPROTO_IP, IPPROTO_IPV6: %1</source>
        <translation>层级应为数字或 SOL_SOCKET、IPPROTO_IP、IPPROTO_IPV6：%1</translation>
    </message>
    <message>
        <source>the type is a number or a name of its level (SCM_RIGHTS, SCM_CREDENTIALS, IP_PKTINFO...): %1</source>
        <translation>类型应为数字或其层级下的名称（SCM_RIGHTS、SCM_CREDENTIALS、IP_PKTINFO……）：%1</translation>
    </message>
    <message>
        <source>Receive the sender&apos;s pid, uid and gid (SCM_CREDENTIALS) with each recvmsg() on a UNIX socket</source>
        <translation>在 UNIX 套接字上每次 recvmsg() 时一并接收发送方的 pid、uid 和 gid（SCM_CREDENTIALS）</translation>
    </message>
    <message>
        <source>Receive the kernel&apos;s receive time (SCM_TIMESTAMPNS) with each recvmsg()</source>
        <translation>每次 recvmsg() 时一并接收内核的接收时间（SCM_TIMESTAMPNS）</translation>
    </message>
    <message>
        <source>Receive a datagram&apos;s destination address and interface (IP_PKTINFO) with each recvmsg()</source>
        <translation>每次 recvmsg() 时一并接收数据报的目的地址和接口（IP_PKTINFO）</translation>
    </message>
    <message>
        <source>Receive a datagram&apos;s destination address and interface (IPV6_PKTINFO) with each recvmsg()</source>
        <translation>每次 recvmsg() 时一并接收数据报的目的地址和接口（IPV6_PKTINFO）</translation>
    </message>
    <message>
        <source>the level is a number or SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_UDP</source>
        <translation>层级应为数字或 SOL_SOCKET、IPPROTO_TCP、IPPROTO_IP、IPPROTO_IPV6、IPPROTO_UDP</translation>
    </message>
    <message>
        <source>the option is a number (or the name of one in the table, of this level)</source>
        <translation>选项应为数字（或表中属于该层级的选项名称）</translation>
    </message>
    <message>
        <source>descriptors %1</source>
        <translation>描述符 %1</translation>
    </message>
    <message>
        <source>pid %1, uid %2, gid %3</source>
        <translation>pid %1，uid %2，gid %3</translation>
    </message>
    <message>
        <source>interface %1, to %2, local %3</source>
        <translation>接口 %1，目的地址 %2，本地 %3</translation>
    </message>
    <message>
        <source>interface %1, to %2</source>
        <translation>接口 %1，目的地址 %2</translation>
    </message>
    <message>
        <source>(no data)</source>
        <translation>（无数据）</translation>
    </message>
    <message>
        <source>%1 bytes of the file were sent first</source>
        <translation>先发送了文件的 %1 字节</translation>
    </message>
    <message>
        <source>reading the file failed</source>
        <translation>读取文件失败</translation>
    </message>
    <message>
        <source>%1 bytes of the file in %2 send() calls</source>
        <translation>文件的 %1 字节，分 %2 次 send() 调用发送</translation>
    </message>
    <message>
        <source>%1 bytes of the file were sent before the buffer filled</source>
        <translation>缓冲区填满前已发送文件的 %1 字节</translation>
    </message>
</context>
<context>
    <name>ui::Composer</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Payload format</source>
        <translation>载荷格式</translation>
    </message>
    <message>
        <source>Text: UTF-8 with \r \n \t \0 \\ \xNN escapes · Hex: 48 65 6c, 0x48, 48:65 · File: its bytes</source>
        <translation>文本：UTF-8，可用 \r \n \t \0 \\ \xNN 转义 · 十六进制：48 65 6c、0x48、48:65 · 文件：发送其全部字节</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>Enter sends; Shift+Enter starts a new line</source>
        <translation>Enter 发送；Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Payload file</source>
        <translation>载荷文件</translation>
    </message>
    <message>
        <source>The file whose bytes are sent</source>
        <translation>要发送其字节的文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Choose the file to send</source>
        <translation>选择要发送的文件</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>Bytes to send</source>
        <translation>待发送的字节</translation>
    </message>
    <message>
        <source>sendto address</source>
        <translation>sendto 地址</translation>
    </message>
    <message>
        <source>Where sendto() sends: host:port (a host name too), [v6]:port or a UNIX path; picking a received record fills it</source>
        <translation>sendto() 的目标地址：host:port（也可用主机名）、[v6]:port 或 UNIX 路径；选中一条收到的记录即可自动填入</translation>
    </message>
    <message>
        <source>host:port — or pick a received datagram in the traffic log</source>
        <translation>host:port，或在流量记录中选中收到的数据报</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Payloads sent before; pick one to load it</source>
        <translation>之前发送过的载荷；选中一项即可载入</translation>
    </message>
    <message>
        <source>send</source>
        <translation>send</translation>
    </message>
    <message>
        <source>sendall</source>
        <translation>sendall</translation>
    </message>
    <message>
        <source>sendto</source>
        <translation>sendto</translation>
    </message>
    <message>
        <source>Composer status</source>
        <translation>发送编辑器状态</translation>
    </message>
    <message>
        <source>sendto &amp;address</source>
        <translation>sendto 地址(&amp;A)</translation>
    </message>
    <message>
        <source>Sends on %1, the newest connection of listener %2</source>
        <translation>在 %1 上发送，它是监听套接字 %2 最新的连接</translation>
    </message>
    <message>
        <source>%1 is a listener: it has no peer to send to, and send() on it raises BrokenPipeError. Its connections appear under it; the composer sends on the newest.</source>
        <translation>%1 是监听套接字：它没有可发送的对端，在其上调用 send() 会引发 BrokenPipeError。它的连接显示在它下面；发送编辑器会在最新的连接上发送。</translation>
    </message>
    <message>
        <source>Sends on %1</source>
        <translation>在 %1 上发送</translation>
    </message>
    <message>
        <source>Select a socket to send on</source>
        <translation>选择用于发送的套接字</translation>
    </message>
    <message>
        <source>Still %1: fix this first, then switch (the bytes would change): %2</source>
        <translation>仍为%1：请先修正此错误再切换（否则字节会改变）：%2</translation>
    </message>
    <message>
        <source>choose a file to send</source>
        <translation>未选择要发送的文件</translation>
    </message>
    <message>
        <source>no file at %1</source>
        <translation>文件不存在：%1</translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation>%1 不是普通文件</translation>
    </message>
    <message>
        <source>%1 is %2 bytes; the limit is %3</source>
        <translation>%1 有 %2 字节；上限为 %3</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) from %1</source>
        <translation>
            <numerusform>来自 %1 的 %n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>Not sendable: %1</source>
        <translation>无法发送：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s): </source>
        <translation>
            <numerusform>%n 字节：</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — returns how many bytes the kernel took</source>
        <extracomment>%1 is Python code, shown as it is</extracomment>
        <translation>%1 — 返回内核接收的字节数</translation>
    </message>
    <message>
        <source>%1 — loops until every byte is sent</source>
        <extracomment>%1 is Python code, shown as it is</extracomment>
        <translation>%1 — 循环发送，直到所有字节发出</translation>
    </message>
</context>
<context>
    <name>ui::ConsolePanel</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Run script…</source>
        <translation>运行脚本…</translation>
    </message>
    <message>
        <source>Console output</source>
        <translation>控制台输出</translation>
    </message>
    <message>
        <source>Python %1 with the workbench&apos;s socket module: every call shows in the journal, the tree and the traffic log. The window&apos;s sockets are here by their names (sk1…).</source>
        <translation>Python %1，使用 Socket Workbench 的 socket 模块：每个调用都会显示在调用日志、套接字列表和流量记录中。窗口中的套接字可直接按名称（sk1…）使用。</translation>
    </message>
    <message>
        <source>Python input</source>
        <translation>Python 输入</translation>
    </message>
    <message>
        <source>Enter runs the line; Up/Down: history; Tab: completion; Ctrl+C: stop</source>
        <translation>Enter 执行该行；Up/Down：历史；Tab：补全；Ctrl+C：停止</translation>
    </message>
    <message>
        <source>Interrupts what runs: a waiting call is cancelled and KeyboardInterrupt raised (Ctrl+C)</source>
        <translation>中断正在运行的代码：取消正在等待的调用并引发 KeyboardInterrupt（Ctrl+C）</translation>
    </message>
    <message>
        <source>Run script</source>
        <translation>运行脚本</translation>
    </message>
    <message>
        <source>Runs a Python file here, as python3 would run it</source>
        <translation>在此运行 Python 文件，与 python3 运行它的方式相同</translation>
    </message>
    <message>
        <source># %1 ended with exit status %2
</source>
        <translation># %1 已结束，退出状态为 %2
</translation>
    </message>
    <message>
        <source># running %1
</source>
        <translation># 正在运行 %1
</translation>
    </message>
    <message>
        <source>Run a Python script</source>
        <translation>运行 Python 脚本</translation>
    </message>
    <message>
        <source>Python (*.py);;All files (*)</source>
        <translation>Python (*.py);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ui::GuidePanel</name>
    <message>
        <source>&lt;h3&gt;The panels&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Sockets&lt;/b&gt; (left): every socket, accepted connections under their listener. &lt;i&gt;New socket…&lt;/i&gt; makes any kind; the quick actions (TCP client, TCP server, UDP socket, UNIX server, socketpair) use the Quick address. Double-click a socket to see only its traffic.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Socket&lt;/b&gt; (right): the calls of the selected socket: bind, listen, accept, connect, connect_ex, recv, recvfrom, shutdown, close, the blocking mode, getsockname/getpeername/fileno, and its options. Every call stays available in every state; the usual next ones are outlined in green. The box at the bottom shows the last call made here on this socket, with its result or exception. &lt;b&gt;Watch&lt;/b&gt; records all that arrives (on a listener: accepts every connection).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Lookups&lt;/b&gt; (tab beside Socket): gethostname, gethostbyname(_ex), getaddrinfo, gethostbyaddr and getnameinfo; &lt;i&gt;Use as address&lt;/i&gt; hands a result to the Socket panel.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Traffic&lt;/b&gt; (middle): one row per send or receive, with time, socket, direction, peer and bytes; select one for its hex dump. Filter by socket, direction, text or &lt;code&gt;hex:48 65&lt;/code&gt;; copy as text, hex or Python bytes; export.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Journal&lt;/b&gt; (bottom): every call as Python, in order, with its result, errno and duration. Copy it as a transcript, or export it as a script python3 runs.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Composer&lt;/b&gt; (bottom right): bytes as text with escapes (&lt;code&gt;\r\n&lt;/code&gt;, &lt;code&gt;\x00&lt;/code&gt;), as hex, or from a file; send, sendall or sendto. On a listener it sends on the newest connection.&lt;/p&gt;&lt;h3&gt;Three stories&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Reply to an HTTP request by hand.&lt;/b&gt; Quick address &lt;code&gt;127.0.0.1:8080&lt;/code&gt;, &lt;i&gt;TCP server&lt;/i&gt;. Run &lt;code&gt;curl http://127.0.0.1:8080/&lt;/code&gt; in a terminal: the connection appears under the listener and the request in the traffic log. Type &lt;code&gt;HTTP/1.0 200 OK\r\n\r\nhello&lt;/code&gt; in the Composer and press Enter, then &lt;i&gt;close&lt;/i&gt; the connection: curl prints hello.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Teach UDP and errors call by call.&lt;/b&gt; &lt;i&gt;New socket…&lt;/i&gt; AF_INET, SOCK_DGRAM; bind &lt;code&gt;127.0.0.1:9999&lt;/code&gt;. Make a second one, choose &lt;i&gt;Non-blocking&lt;/i&gt; and press &lt;i&gt;recvfrom&lt;/i&gt;: BlockingIOError, errno 11. Send with &lt;i&gt;sendto&lt;/i&gt; to &lt;code&gt;127.0.0.1:9999&lt;/code&gt;; recvfrom on the first returns the bytes and the sender&apos;s address. Connect a TCP socket to a closed port: ConnectionRefusedError, and the journal says so as Python would.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Test an echo server and replay it.&lt;/b&gt; Quick address of the server, &lt;i&gt;TCP client&lt;/i&gt;; send lines from the Composer and watch the echoes arrive. Then Journal → &lt;i&gt;Export as Python script…&lt;/i&gt; and run it with python3: the same calls, the same results.&lt;/p&gt;&lt;h3&gt;Keyboard&lt;/h3&gt;&lt;table cellpadding=&apos;2&apos;&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+N&lt;/b&gt;&lt;/td&gt;&lt;td&gt;New socket…&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O&lt;/b&gt; / &lt;b&gt;Ctrl+S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open / save a session&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;in the Composer: send (sendto on an unconnected UDP socket with an address), and clear for the next message&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;in the Composer: a new line in the message&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Up&lt;/b&gt;&lt;/td&gt;&lt;td&gt;in an empty Composer: the last message sent&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+C&lt;/b&gt;&lt;/td&gt;&lt;td&gt;in the traffic log: copy the selected bytes; in the journal: copy the transcript&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F1&lt;/b&gt;&lt;/td&gt;&lt;td&gt;this guide&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;View → &lt;i&gt;Reset layout&lt;/i&gt; puts every panel back in its place.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;各个面板&lt;/h3&gt;&lt;p&gt;&lt;b&gt;套接字列表&lt;/b&gt;（左侧）：所有套接字，已接受的连接显示在其监听套接字下。&lt;i&gt;新建套接字…&lt;/i&gt; 可创建任意种类的套接字；快捷操作（TCP 客户端、TCP 服务器、UDP 套接字、UNIX 服务器、socketpair）使用快捷地址。双击一个套接字可只看它的流量。&lt;/p&gt;&lt;p&gt;&lt;b&gt;套接字&lt;/b&gt;（右侧）：选中套接字的各种调用：bind、listen、accept、connect、connect_ex、recv、recvfrom、shutdown、close、阻塞模式、getsockname/getpeername/fileno，以及它的选项。每个调用在任何状态下都可用；通常的下一步调用以绿色框标出。底部的框显示在此处对该套接字所做的最后一次调用，以及其结果或异常。&lt;b&gt;监视&lt;/b&gt; 会记录到达的所有数据（对监听套接字：接受每个连接）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;查询&lt;/b&gt;（套接字旁的标签页）：gethostname、gethostbyname(_ex)、getaddrinfo、gethostbyaddr 和 getnameinfo；&lt;i&gt;用作地址&lt;/i&gt; 会把结果交给套接字面板。&lt;/p&gt;&lt;p&gt;&lt;b&gt;流量记录&lt;/b&gt;（中部）：每次发送或接收占一行，包括时间、套接字、方向、对端和字节；选中一行可查看其 hex dump。可按套接字、方向、文本或 &lt;code&gt;hex:48 65&lt;/code&gt; 过滤；可复制为文本、十六进制或 Python bytes；可导出。&lt;/p&gt;&lt;p&gt;&lt;b&gt;调用日志&lt;/b&gt;（底部）：按顺序列出每个调用的 Python 写法，及其结果、errno 和耗时。可复制为交互记录，或导出为 python3 可运行的脚本。&lt;/p&gt;&lt;p&gt;&lt;b&gt;发送编辑器&lt;/b&gt;（右下）：字节可写成带转义（&lt;code&gt;\r\n&lt;/code&gt;、&lt;code&gt;\x00&lt;/code&gt;）的文本、十六进制，或取自文件；用 send、sendall 或 sendto 发送。选中监听套接字时，在它最新的连接上发送。&lt;/p&gt;&lt;h3&gt;三个场景&lt;/h3&gt;&lt;p&gt;&lt;b&gt;手动回复 HTTP 请求。&lt;/b&gt;快捷地址设为 &lt;code&gt;127.0.0.1:8080&lt;/code&gt;，点 &lt;i&gt;TCP 服务器&lt;/i&gt;。在终端中运行 &lt;code&gt;curl http://127.0.0.1:8080/&lt;/code&gt;：连接出现在监听套接字下，请求出现在流量记录中。在发送编辑器中输入 &lt;code&gt;HTTP/1.0 200 OK\r\n\r\nhello&lt;/code&gt; 并按 Enter，然后对该连接点 &lt;i&gt;close&lt;/i&gt;：curl 输出 hello。&lt;/p&gt;&lt;p&gt;&lt;b&gt;逐个调用地讲解 UDP 和错误。&lt;/b&gt;&lt;i&gt;新建套接字…&lt;/i&gt; 选 AF_INET、SOCK_DGRAM；bind 到 &lt;code&gt;127.0.0.1:9999&lt;/code&gt;。再建一个，选择 &lt;i&gt;非阻塞&lt;/i&gt; 并点 &lt;i&gt;recvfrom&lt;/i&gt;：BlockingIOError，errno 11。用 &lt;i&gt;sendto&lt;/i&gt; 发送到 &lt;code&gt;127.0.0.1:9999&lt;/code&gt;；在第一个套接字上 recvfrom 会返回这些字节和发送方的地址。把 TCP 套接字连接到一个没有监听的端口：ConnectionRefusedError，调用日志会像 Python 一样如实显示。&lt;/p&gt;&lt;p&gt;&lt;b&gt;测试回显服务器并重放。&lt;/b&gt;快捷地址设为服务器的地址，点 &lt;i&gt;TCP 客户端&lt;/i&gt;；从发送编辑器发送几行，观察回显到达。然后 调用日志 → &lt;i&gt;导出为 Python 脚本…&lt;/i&gt;，再用 python3 运行：同样的调用，同样的结果。&lt;/p&gt;&lt;h3&gt;键盘&lt;/h3&gt;&lt;table cellpadding=&apos;2&apos;&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+N&lt;/b&gt;&lt;/td&gt;&lt;td&gt;新建套接字…&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O&lt;/b&gt; / &lt;b&gt;Ctrl+S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;打开 / 保存会话&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;在发送编辑器中：发送（对填了地址的未连接 UDP 套接字则用 sendto），并清空以便输入下一条消息&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;在发送编辑器中：在消息中换行&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Up&lt;/b&gt;&lt;/td&gt;&lt;td&gt;在空的发送编辑器中：调出上一条发送的消息&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+C&lt;/b&gt;&lt;/td&gt;&lt;td&gt;在流量记录中：复制选中的字节；在调用日志中：复制交互记录&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F1&lt;/b&gt;&lt;/td&gt;&lt;td&gt;本指南&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;退出&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;视图 → &lt;i&gt;重置布局&lt;/i&gt; 可将所有面板恢复原位。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A TCP socket over IPv4; Python calls it %1.</source>
        <translation>一个基于 IPv4 的 TCP 套接字；在 Python 中它名为 %1。</translation>
    </message>
    <message>
        <source>Port 0: the kernel picks a free port. 127.0.0.1 is loopback: nothing outside this machine can reach it.</source>
        <translation>端口 0：由内核选择一个空闲端口。127.0.0.1 是回环地址：本机以外无法访问它。</translation>
    </message>
    <message>
        <source>The socket becomes a listener. The backlog (2) is how many connections the kernel completes and holds until accept() takes them.</source>
        <translation>套接字成为监听套接字。积压队列（backlog）的值 2 表示内核最多可完成并保留多少个连接，直到 accept() 将其取走。</translation>
    </message>
    <message>
        <source>Reads the address back: this is the port the kernel picked.</source>
        <translation>读回地址：这就是内核选择的端口。</translation>
    </message>
    <message>
        <source>The client connects. The kernel completes the handshake at once, into the listener&apos;s backlog: connect() does not wait for accept().</source>
        <translation>客户端发起连接。内核立即完成握手，将连接放入监听套接字的积压队列：connect() 不会等待 accept()。</translation>
    </message>
    <message>
        <source>Takes the waiting connection: %1 is a new socket, the server&apos;s end of it; addr is the client&apos;s address. The listener goes on listening.</source>
        <translation>取出等待中的连接：%1 是一个新套接字，即该连接在服务器一端；addr 是客户端的地址。监听套接字继续监听。</translation>
    </message>
    <message>
        <source>Sends every byte (sendall() calls send() until the kernel has taken them all).</source>
        <translation>发送所有字节（sendall() 会反复调用 send()，直到内核接收了全部字节）。</translation>
    </message>
    <message>
        <source>Returns what has arrived, at most 1024 bytes: the bytes sent just before. A stream keeps no message boundaries; here one send() made one recv().</source>
        <translation>返回已到达的数据，最多 1024 字节：即刚才发送的字节。流不保留消息边界；这里恰好一次 send() 对应一次 recv()。</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>指南</translation>
    </message>
    <message>
        <source>Lab notes</source>
        <translation>实验说明</translation>
    </message>
    <message>
        <source>&lt;p&gt;Examples → &lt;i&gt;Loopback echo lab&lt;/i&gt; makes a listener and a client on 127.0.0.1, connects them and exchanges two messages. Its calls are explained here, one by one.&lt;/p&gt;</source>
        <translation>&lt;p&gt;示例 → &lt;i&gt;回环回显实验&lt;/i&gt; 会在 127.0.0.1 上创建一个监听套接字和一个客户端，把它们连接起来并交换两条消息。这里逐一解释其中的调用。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;What the lab did&lt;/h3&gt;&lt;p&gt;Each call as Python writes it, what came back, and why.&lt;/p&gt;&lt;ol&gt;</source>
        <translation>&lt;h3&gt;实验做了什么&lt;/h3&gt;&lt;p&gt;每个调用的 Python 写法、返回的结果以及原因。&lt;/p&gt;&lt;ol&gt;</translation>
    </message>
    <message>
        <source>&lt;/ol&gt;&lt;p&gt;Then watch mode went on for all three sockets: whatever arrives now is recorded in the traffic log.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Next:&lt;/b&gt; %1 is selected. Type a line in the Composer and press Enter: it arrives at %2 (see the traffic log). Select %2 and answer the same way. Journal → &lt;i&gt;Export as Python script…&lt;/i&gt; writes these calls as a script python3 runs.&lt;/p&gt;</source>
        <translation>&lt;/ol&gt;&lt;p&gt;随后三个套接字都开启了监视模式：此后到达的数据都会记录在流量记录中。&lt;/p&gt;&lt;p&gt;&lt;b&gt;下一步：&lt;/b&gt;%1 已选中。在发送编辑器中输入一行并按 Enter：它会到达 %2（见流量记录）。选中 %2，用同样的方式回复。调用日志 → &lt;i&gt;导出为 Python 脚本…&lt;/i&gt; 会把这些调用写成 python3 可运行的脚本。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Guide and lab notes</source>
        <translation>指南和实验说明</translation>
    </message>
</context>
<context>
    <name>ui::HexDumpView</name>
    <message>
        <source>Record bytes</source>
        <translation>记录字节</translation>
    </message>
    <message>
        <source>The selected record: what it was, and its bytes as hexdump -C shows them</source>
        <translation>选中的记录：记录概要，以及按 hexdump -C 格式显示的字节</translation>
    </message>
    <message>
        <source>Record summary</source>
        <translation>记录摘要</translation>
    </message>
    <message>
        <source>Time, socket, direction, peer, length and flags of the selected record</source>
        <translation>选中记录的时间、套接字、方向、对端、长度和标志</translation>
    </message>
    <message>
        <source>Hex dump</source>
        <translation>hex dump</translation>
    </message>
    <message>
        <source>Offset, 16 bytes in hex and the same bytes as ASCII</source>
        <translation>偏移量、16 个字节的十六进制形式，以及这些字节的 ASCII 形式</translation>
    </message>
    <message>
        <source>Select a record to see its bytes.</source>
        <translation>选中一条记录以查看其字节。</translation>
    </message>
    <message>
        <source>… %1 more bytes not shown (the dump stops at %2 KiB; Export writes them all)</source>
        <translation>… 还有 %1 字节未显示（hex dump 只显示前 %2 KiB；导出会写出全部字节）</translation>
    </message>
</context>
<context>
    <name>ui::JournalModel</name>
    <message>
        <source>… pending</source>
        <translation>… 等待中</translation>
    </message>
    <message>
        <source>cancelled (%1)</source>
        <translation>已取消（%1）</translation>
    </message>
    <message>
        <source>
(made by %1)</source>
        <translation>
（由 %1 发起）</translation>
    </message>
    <message>
        <source>
(made by %1 at %2)</source>
        <translation>
（由 %1 在 %2 发起）</translation>
    </message>
    <message numerus="yes">
        <source>
(%n payload byte(s))</source>
        <translation>
            <numerusform>
（载荷 %n 字节）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; the journal kept %n of them (the traffic log has what was sent)</source>
        <translation>
            <numerusform>；调用日志只保留了其中 %n 字节（完整内容见流量记录）</numerusform>
        </translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Errno</source>
        <translation>errno</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ui::JournalPanel</name>
    <message>
        <source>Journal tools</source>
        <translation>调用日志工具</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>调用日志</translation>
    </message>
    <message>
        <source>Every call of the session as Python, in the order the calls were made</source>
        <translation>本会话的每个调用（Python 写法），按调用的先后排列</translation>
    </message>
    <message>
        <source>Copy transcript</source>
        <translation>复制交互记录</translation>
    </message>
    <message>
        <source>Copies the selected calls (all when none is selected) as an interactive Python session: &gt;&gt;&gt; call, then what it returned or raised</source>
        <translation>将选中的调用（未选中时为全部）复制为 Python 交互式会话：&gt;&gt;&gt; 调用，然后是它的返回值或引发的异常</translation>
    </message>
    <message>
        <source>Export as Python script…</source>
        <translation>导出为 Python 脚本…</translation>
    </message>
    <message>
        <source>Writes the session as a script python3 runs: import socket, struct, then every call, e.g. sk1.bind((&apos;127.0.0.1&apos;, 8080))</source>
        <translation>将本会话写成 python3 可运行的脚本：import socket, struct，然后是每个调用，例如 sk1.bind((&apos;127.0.0.1&apos;, 8080))</translation>
    </message>
    <message>
        <source>Cancel selected call</source>
        <translation>取消选中的调用</translation>
    </message>
    <message>
        <source>Stops a call that is still waiting (a blocking recv(), accept(), connect() or a lookup); Python would be interrupted the same way by Ctrl+C</source>
        <translation>停止仍在等待的调用（阻塞的 recv()、accept()、connect() 或查询）；在 Python 中按 Ctrl+C 也会同样中断它</translation>
    </message>
    <message>
        <source>Export as Python script</source>
        <translation>导出为 Python 脚本</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>More journal tools</source>
        <translation>更多调用日志工具</translation>
    </message>
</context>
<context>
    <name>ui::LookupPanel</name>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>host of socket.gethostbyname(host), socket.gethostbyname_ex(host) and socket.getaddrinfo(host, port); empty is None</source>
        <translation>socket.gethostbyname(host)、socket.gethostbyname_ex(host) 和 socket.getaddrinfo(host, port) 的 host 参数；留空即 None</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>ip_address of socket.gethostbyaddr(ip_address) and the host of socket.getnameinfo((host, port), flags)</source>
        <translation>socket.gethostbyaddr(ip_address) 的 ip_address 参数，以及 socket.getnameinfo((host, port), flags) 中的 host</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>port of socket.getaddrinfo(host, port) (a number or a service name; empty is None) and of socket.getnameinfo((host, port), flags)</source>
        <translation>socket.getaddrinfo(host, port) 的 port 参数（数字或服务名；留空即 None），以及 socket.getnameinfo((host, port), flags) 中的 port</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>地址族</translation>
    </message>
    <message>
        <source>family of socket.getaddrinfo(host, port, family); Any is 0 (AF_UNSPEC)</source>
        <translation>socket.getaddrinfo(host, port, family) 的 family 参数；“任意”即 0（AF_UNSPEC）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>type of socket.getaddrinfo(host, port, family, type); Any is 0</source>
        <translation>socket.getaddrinfo(host, port, family, type) 的 type 参数；“任意”即 0</translation>
    </message>
    <message>
        <source>Lookup flags</source>
        <translation>查询标志</translation>
    </message>
    <message>
        <source>getaddrinfo flags</source>
        <translation>getaddrinfo 标志</translation>
    </message>
    <message>
        <source>getnameinfo flags</source>
        <translation>getnameinfo 标志</translation>
    </message>
    <message>
        <source>adds socket.%1 to the flags of socket.%2()</source>
        <translation>将 socket.%1 加入 socket.%2() 的 flags</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>The lookup as Python wrote it</source>
        <translation>该查询的 Python 写法</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>How long the lookup took</source>
        <translation>查询所用的时间</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址列表</translation>
    </message>
    <message>
        <source>The addresses found: one row per (family, type, proto, canonname, sockaddr) tuple of socket.getaddrinfo(); double-click one to use it</source>
        <translation>找到的地址：socket.getaddrinfo() 返回的每个 (family, type, proto, canonname, sockaddr) 元组占一行；双击即可使用</translation>
    </message>
    <message>
        <source>Proto</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Canonname</source>
        <translation>规范名</translation>
    </message>
    <message>
        <source>Use as address</source>
        <translation>用作地址</translation>
    </message>
    <message>
        <source>Hands the selected address on, e.g. for sk.connect(address) or sk.bind(address)</source>
        <translation>将选中的地址交给套接字面板，例如用于 sk.connect(address) 或 sk.bind(address)</translation>
    </message>
    <message>
        <source>Cancel lookup</source>
        <translation>取消查询</translation>
    </message>
    <message>
        <source>Stops waiting for the lookup; the resolver ends on its own thread and its result is dropped</source>
        <translation>不再等待该查询；解析器在自己的线程中自行结束，其结果将被丢弃</translation>
    </message>
    <message>
        <source>socket.getnameinfo((host, port), flags): %1</source>
        <translation>socket.getnameinfo((host, port), flags)：%1</translation>
    </message>
    <message>
        <source>socket.getnameinfo((host, port), flags)</source>
        <translation>socket.getnameinfo((host, port), flags)</translation>
    </message>
    <message>
        <source>Lookups</source>
        <translation>查询</translation>
    </message>
</context>
<context>
    <name>ui::MainWindow</name>
    <message>
        <source>Socket Workbench</source>
        <translation>Socket Workbench</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>套接字列表</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>Lookups</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Responder</source>
        <translation>应答器</translation>
    </message>
    <message>
        <source>Journal (Python)</source>
        <translation>调用日志（Python）</translation>
    </message>
    <message>
        <source>Composer</source>
        <translation>发送编辑器</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>指南</translation>
    </message>
    <message>
        <source>Payloads</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>Console (Python)</source>
        <translation>控制台（Python）</translation>
    </message>
    <message>
        <source>Send to all: nothing sent, the composer&apos;s payload is not valid: %1</source>
        <translation>发送给全部：未发送任何数据，发送编辑器中的载荷无效：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New socket…</source>
        <translation>新建套接字(&amp;N)…</translation>
    </message>
    <message>
        <source>Connect N &amp;clients…</source>
        <translation>连接 N 个客户端(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save session…</source>
        <translation>保存会话(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Run script…</source>
        <translation>运行脚本(&amp;R)…</translation>
    </message>
    <message>
        <source>Runs a Python script in the console: its socket calls go through the workbench</source>
        <translation>在控制台中运行 Python 脚本：其中的套接字调用都经由 Socket Workbench 执行</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>示例(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Loopback echo lab</source>
        <translation>回环回显实验(&amp;L)</translation>
    </message>
    <message>
        <source>A listener and a client on 127.0.0.1, connected, a few messages exchanged</source>
        <translation>在 127.0.0.1 上创建一个监听套接字和一个客户端，连接后交换几条消息</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>Every panel back in its place, sized for the window</source>
        <translation>将所有面板恢复原位，并按窗口大小调整</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>About Socket Workbench</source>
        <translation>关于 Socket Workbench</translation>
    </message>
    <message>
        <source>&lt;b&gt;Socket Workbench %1&lt;/b&gt;&lt;p&gt;A workbench for the BSD socket API. Every action is the Python &lt;code&gt;socket&lt;/code&gt; call it equals, with its real result or exception.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Socket Workbench %1&lt;/b&gt;&lt;p&gt;BSD 套接字 API 的实验工作台。每个操作都等同于一个 Python &lt;code&gt;socket&lt;/code&gt; 调用，并给出真实的结果或异常。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Close them</source>
        <translation>关闭它们</translation>
    </message>
    <message>
        <source>Add to them</source>
        <translation>保留并添加</translation>
    </message>
    <message>
        <source>Loopback echo lab</source>
        <translation>回环回显实验</translation>
    </message>
    <message numerus="yes">
        <source>The lab adds three sockets (a listener, a client and the accepted connection). The window has %n open socket(s): close them first, or add the lab&apos;s to them?</source>
        <translation>
            <numerusform>实验会添加三个套接字（一个监听套接字、一个客户端和接受的连接）。窗口中已有 %n 个打开的套接字：先关闭它们，还是保留它们并添加实验的套接字？</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message numerus="yes">
        <source>The window has %n open socket(s). Close them before the session opens, or add the session&apos;s sockets to them?</source>
        <translation>
            <numerusform>窗口中已有 %n 个打开的套接字。打开会话前先关闭它们，还是保留它们并添加会话中的套接字？</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n socket(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个套接字保存到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Sessions (*.json);;All files (*)</source>
        <translation>会话 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Sessions (*.json)</source>
        <translation>会话 (*.json)</translation>
    </message>
    <message>
        <source>The window speaks the chosen language from the next start</source>
        <translation>下次启动时界面将使用所选语言</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Traffic log</source>
        <translation>流量记录</translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation>转到%1</translation>
    </message>
    <message>
        <source>More tools</source>
        <translation>更多工具</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation>更多菜单</translation>
    </message>
</context>
<context>
    <name>ui::ManyClientsDialog</name>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>TCP6</source>
        <translation>TCP6</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>UDP6</source>
        <translation>UDP6</translation>
    </message>
    <message>
        <source>UNIX stream</source>
        <translation>UNIX 流</translation>
    </message>
    <message>
        <source>UNIX datagram</source>
        <translation>UNIX 数据报</translation>
    </message>
    <message>
        <source>Connect N clients</source>
        <translation>连接 N 个客户端</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>What each client is: socket.socket(family, type)</source>
        <translation>每个客户端的种类：socket.socket(family, type)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Where every client connects: host:port (a host name is looked up once), [v6]:port, or a UNIX path or @abstract name</source>
        <translation>每个客户端连接的地址：host:port（主机名只解析一次）、[v6]:port、UNIX 路径或 @抽象名称</translation>
    </message>
    <message>
        <source>Address message</source>
        <translation>地址提示</translation>
    </message>
    <message>
        <source>Number of clients</source>
        <translation>客户端数量</translation>
    </message>
    <message>
        <source>From %1 to %2 clients, each a socket of its own (and, on a local server, one more descriptor for its accepted end)</source>
        <translation>%1 到 %2 个客户端，每个都是独立的套接字（若服务器在本机，它接受的一端还要各占一个描述符）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Saved payload</source>
        <translation>已保存载荷</translation>
    </message>
    <message>
        <source>Payload on connect</source>
        <translation>连接后发送的载荷</translation>
    </message>
    <message>
        <source>What each client sends once connected: sendall() on a stream, send() on datagrams</source>
        <translation>每个客户端连接后发送的内容：流套接字用 sendall()，数据报套接字用 send()</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>Text: UTF-8 with \r \n \t \0 \\ \xNN escapes · Hex: 48 65 6c, 0x48, 48:65</source>
        <translation>文本：UTF-8，可用 \r \n \t \0 \\ \xNN 转义 · 十六进制：48 65 6c、0x48、48:65</translation>
    </message>
    <message>
        <source>The saved payloads of this session and of all sessions (the Payloads panel)</source>
        <translation>本会话和所有会话的已保存载荷（载荷面板）</translation>
    </message>
    <message>
        <source>Payload message</source>
        <translation>载荷提示</translation>
    </message>
    <message>
        <source>Payload bytes</source>
        <translation>载荷字节</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>种类(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Clients</source>
        <translation>客户端数(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Payload on connect</source>
        <translation>连接后发送(&amp;P)</translation>
    </message>
    <message>
        <source>Each client is socket(), connect() and watched, then sends the payload; the clients show as one group in the Sockets tree, where they can be closed, shut down or sent to at once.</source>
        <translation>每个客户端依次执行 socket()、connect() 并开启监视，然后发送载荷；这些客户端在套接字列表中显示为一个客户端组，可一次性关闭、关闭一端（shutdown）或向其发送数据。</translation>
    </message>
    <message>
        <source>No saved payloads: save one in the Payloads panel first</source>
        <translation>没有已保存载荷：请先在载荷面板中保存一个</translation>
    </message>
    <message>
        <source>Type the bytes each client sends, or choose None</source>
        <translation>输入每个客户端发送的字节，或选择“无”</translation>
    </message>
    <message numerus="yes">
        <source>each sends %n byte(s): </source>
        <translation>
            <numerusform>每个客户端发送 %n 字节：</numerusform>
        </translation>
    </message>
    <message>
        <source>each only connects</source>
        <translation>每个客户端只连接，不发送</translation>
    </message>
</context>
<context>
    <name>ui::MessagesPanel</name>
    <message>
        <source>The flags as a number: MSG_OOB 1, MSG_PEEK 2, MSG_DONTWAIT 64, MSG_WAITALL 256, MSG_CMSG_CLOEXEC 1073741824</source>
        <translation>以数字表示的标志：MSG_OOB 1、MSG_PEEK 2、MSG_DONTWAIT 64、MSG_WAITALL 256、MSG_CMSG_CLOEXEC 1073741824</translation>
    </message>
    <message>
        <source>sendmsg flags</source>
        <translation>sendmsg 标志</translation>
    </message>
    <message>
        <source>recvmsg flags</source>
        <translation>recvmsg 标志</translation>
    </message>
    <message>
        <source>Adopt descriptors received as sockets</source>
        <translation>把收到的描述符接管为套接字</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Message data</source>
        <translation>消息数据</translation>
    </message>
    <message>
        <source>the bytes, with escapes: hello\n, \x00\xff</source>
        <translation>字节，可用转义：hello\n、\x00\xff</translation>
    </message>
    <message>
        <source>sendmsg([data], ancdata, flags, address): the message&apos;s one buffer</source>
        <translation>sendmsg([data], ancdata, flags, address)：消息的唯一缓冲区</translation>
    </message>
    <message>
        <source>Ancillary data</source>
        <translation>辅助数据</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Data (hex)</source>
        <translation>数据（十六进制）</translation>
    </message>
    <message>
        <source>Reads as</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>The ancdata items (cmsg_level, cmsg_type, cmsg_data): edit a level or type by name or number, the data as hex</source>
        <translation>ancdata 中的各项（cmsg_level、cmsg_type、cmsg_data）：层级和类型可按名称或编号编辑，数据用十六进制</translation>
    </message>
    <message>
        <source>Socket to pass</source>
        <translation>要传递的套接字</translation>
    </message>
    <message>
        <source>A socket of the workbench whose descriptor SCM_RIGHTS passes (over a UNIX socket)</source>
        <translation>工作台中的一个套接字，其描述符由 SCM_RIGHTS 传递（经由 UNIX 套接字）</translation>
    </message>
    <message>
        <source>Add descriptor</source>
        <translation>添加描述符</translation>
    </message>
    <message>
        <source>Add credentials</source>
        <translation>添加凭据</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加一项</translation>
    </message>
    <message>
        <source>An item of any level and type</source>
        <translation>任意层级和类型的一项</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>删除项</translation>
    </message>
    <message>
        <source>Removes the selected items</source>
        <translation>删除所选的项</translation>
    </message>
    <message>
        <source>Message address</source>
        <translation>消息地址</translation>
    </message>
    <message>
        <source>none (connected), or 127.0.0.1:9000, /path/to.sock</source>
        <translation>留空（已连接），或 127.0.0.1:9000、/path/to.sock</translation>
    </message>
    <message>
        <source>sendmsg&apos;s address: for an unconnected datagram socket</source>
        <translation>sendmsg 的地址：用于未连接的数据报套接字</translation>
    </message>
    <message>
        <source>sendmsg</source>
        <translation>sendmsg</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>Ancillary</source>
        <translation>辅助数据</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>发往(&amp;T)</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>recvmsg bufsize</source>
        <translation>recvmsg 的 bufsize</translation>
    </message>
    <message>
        <source>recvmsg(bufsize, ...): the most bytes of data one call returns</source>
        <translation>recvmsg(bufsize, ...)：一次调用最多返回的数据字节数</translation>
    </message>
    <message>
        <source>ancbufsize</source>
        <translation>ancbufsize</translation>
    </message>
    <message>
        <source>recvmsg(..., ancbufsize): room for ancillary data; socket.CMSG_SPACE(4) = %1 holds one descriptor. Too little and the kernel sets MSG_CTRUNC (descriptors that do not fit are closed)</source>
        <translation>recvmsg(..., ancbufsize)：辅助数据的空间；socket.CMSG_SPACE(4) = %1 可容纳一个描述符。空间太小时内核会设置 MSG_CTRUNC（放不下的描述符被关闭）</translation>
    </message>
    <message>
        <source>recvmsg</source>
        <translation>recvmsg</translation>
    </message>
    <message>
        <source>Adopt descriptors</source>
        <translation>接管描述符</translation>
    </message>
    <message>
        <source>Received ancillary data</source>
        <translation>收到的辅助数据</translation>
    </message>
    <message>
        <source>bufsize</source>
        <translation>bufsize</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>%1 (fd %2, %3)</source>
        <translation>%1（fd %2，%3）</translation>
    </message>
    <message>
        <source>no open socket to pass: create one first</source>
        <translation>没有可传递的已打开套接字：请先创建一个</translation>
    </message>
    <message>
        <source>%1 holds no descriptor now</source>
        <translation>%1 现在没有描述符</translation>
    </message>
    <message>
        <source>item %1: %2</source>
        <translation>第 %1 项：%2</translation>
    </message>
    <message>
        <source>no ancillary data</source>
        <translation>没有辅助数据</translation>
    </message>
    <message>
        <source>MSG_CTRUNC: the ancillary data did not fit in ancbufsize %1; the kernel dropped the rest (descriptors that did not fit were closed)</source>
        <translation>MSG_CTRUNC：辅助数据超出了 ancbufsize %1；内核丢弃了其余部分（放不下的描述符已被关闭）</translation>
    </message>
    <message>
        <source>MSG_TRUNC: the datagram was longer than bufsize; the rest is lost</source>
        <translation>MSG_TRUNC：数据报比 bufsize 长；其余部分已丢失</translation>
    </message>
    <message>
        <source>fd %1: socket.socket(fileno=%1) …</source>
        <translation>fd %1：socket.socket(fileno=%1) …</translation>
    </message>
    <message>
        <source>fd %1 is now %2</source>
        <translation>fd %1 现在是 %2</translation>
    </message>
    <message>
        <source>fd %1: %2 (left open)</source>
        <translation>fd %1：%2（保持打开）</translation>
    </message>
</context>
<context>
    <name>ui::NewSocketDialog</name>
    <message>
        <source>socketpair() — two connected ends (AF_UNIX)</source>
        <translation>socketpair()：两个相互连接的端点（AF_UNIX）</translation>
    </message>
    <message>
        <source>New socket</source>
        <translation>新建套接字</translation>
    </message>
    <message>
        <source>Protocol number: 0 picks the default (6 TCP, 17 UDP); SOCK_RAW needs one, e.g. 1 for ICMP</source>
        <translation>协议号：0 表示使用默认值（TCP 为 6，UDP 为 17）；SOCK_RAW 必须指定，例如 ICMP 为 1</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>地址族</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>socketpair</source>
        <translation>socketpair</translation>
    </message>
    <message>
        <source>&amp;Family</source>
        <translation>地址族(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>类型(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Protocol</source>
        <translation>协议(&amp;P)</translation>
    </message>
    <message>
        <source>Every combination is allowed: where the kernel refuses, you see its errno.</source>
        <translation>任何组合都可以尝试：内核拒绝时会显示它返回的 errno。</translation>
    </message>
</context>
<context>
    <name>ui::OptionsPanel</name>
    <message>
        <source>setsockopt</source>
        <translation>setsockopt</translation>
    </message>
    <message>
        <source>Socket options</source>
        <translation>套接字选项</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>getsockopt</source>
        <translation>getsockopt</translation>
    </message>
    <message>
        <source>Option value</source>
        <translation>选项值</translation>
    </message>
    <message>
        <source>value: 1, 65536, on, &apos;1,0&apos; (linger), 224.0.0.251 (group)…</source>
        <translation>值：1、65536、on、&apos;1,0&apos;（linger）、224.0.0.251（组播组）…</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Only options this socket has</source>
        <translation>只显示此套接字具有的选项</translation>
    </message>
    <message>
        <source>Hide the options the kernel refuses for this kind of socket (ENOPROTOOPT, EOPNOTSUPP)</source>
        <translation>隐藏内核对这类套接字拒绝的选项（ENOPROTOOPT、EOPNOTSUPP）</translation>
    </message>
    <message>
        <source>Any option by number</source>
        <translation>按编号设置任意选项</translation>
    </message>
    <message>
        <source>Raw option level</source>
        <translation>原始选项层级</translation>
    </message>
    <message>
        <source>level: SOL_SOCKET, IPPROTO_TCP, 41</source>
        <translation>层级：SOL_SOCKET、IPPROTO_TCP、41</translation>
    </message>
    <message>
        <source>Raw option number</source>
        <translation>原始选项编号</translation>
    </message>
    <message>
        <source>option: 15, TCP_NODELAY</source>
        <translation>选项：15、TCP_NODELAY</translation>
    </message>
    <message>
        <source>int</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>bytes (hex)</source>
        <translation>字节（十六进制）</translation>
    </message>
    <message>
        <source>Raw option form</source>
        <translation>原始选项值的形式</translation>
    </message>
    <message>
        <source>setsockopt(level, option, 1) takes an int; setsockopt(level, option, b&apos;...&apos;) the bytes of a struct</source>
        <translation>setsockopt(level, option, 1) 接受整数；setsockopt(level, option, b&apos;...&apos;) 接受结构体的字节</translation>
    </message>
    <message>
        <source>Raw option value</source>
        <translation>原始选项值</translation>
    </message>
    <message>
        <source>value for setsockopt</source>
        <translation>setsockopt 的值</translation>
    </message>
    <message>
        <source>buflen</source>
        <translation>buflen</translation>
    </message>
    <message>
        <source>getsockopt(level, option, buflen): 0 reads an int; more reads that many bytes</source>
        <translation>getsockopt(level, option, buflen)：0 读取一个整数；更大的值读取相应字节数</translation>
    </message>
    <message>
        <source>buflen </source>
        <translation>buflen </translation>
    </message>
    <message>
        <source>Raw option result</source>
        <translation>原始选项结果</translation>
    </message>
    <message>
        <source>Raw getsockopt</source>
        <translation>原始 getsockopt</translation>
    </message>
    <message>
        <source>Raw setsockopt</source>
        <translation>原始 setsockopt</translation>
    </message>
</context>
<context>
    <name>ui::PayloadDialog</name>
    <message>
        <source>New payload</source>
        <translation>新建载荷</translation>
    </message>
    <message>
        <source>Edit payload</source>
        <translation>编辑载荷</translation>
    </message>
    <message>
        <source>Payload name</source>
        <translation>载荷名称</translation>
    </message>
    <message>
        <source>What the payload is called in the list; unique in its list</source>
        <translation>载荷在列表中的名称；在所在列表中必须唯一</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Payload form</source>
        <translation>载荷格式</translation>
    </message>
    <message>
        <source>Text: UTF-8 with \r \n \t \0 \\ \xNN escapes · Hex: 48 65 6c, 0x48, 48:65 · File: its bytes when sent</source>
        <translation>文本：UTF-8，可用 \r \n \t \0 \\ \xNN 转义 · 十六进制：48 65 6c、0x48、48:65 · 文件：发送时读取的文件字节</translation>
    </message>
    <message>
        <source>Payload content</source>
        <translation>载荷内容</translation>
    </message>
    <message>
        <source>Payload file</source>
        <translation>载荷文件</translation>
    </message>
    <message>
        <source>The file whose bytes are sent (read when sent, not now)</source>
        <translation>要发送其字节的文件（发送时才读取，而非现在）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Payload note</source>
        <translation>载荷备注</translation>
    </message>
    <message>
        <source>What the payload is for; searched like the name</source>
        <translation>载荷的用途；与名称一样可被搜索</translation>
    </message>
    <message>
        <source>Payload bytes</source>
        <translation>载荷字节</translation>
    </message>
    <message>
        <source>Payload name message</source>
        <translation>载荷名称提示</translation>
    </message>
    <message>
        <source>Payload content message</source>
        <translation>载荷内容提示</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Form</source>
        <translation>格式(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Content</source>
        <translation>内容(&amp;C)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>Still %1: fix this first, then switch (the bytes would change): %2</source>
        <translation>仍为%1：请先修正此错误再切换（否则字节会改变）：%2</translation>
    </message>
    <message>
        <source>Give the payload a name</source>
        <translation>请为载荷命名</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already in this list: choose another name</source>
        <translation>“%1”已在此列表中：请换一个名称</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>请选择文件</translation>
    </message>
    <message>
        <source>No file at %1</source>
        <translation>文件不存在：%1</translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation>%1 不是普通文件</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB, the limit for a payload file</source>
        <translation>%1 超过 %2 MiB，即载荷文件的大小上限</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) from %1 now</source>
        <translation>
            <numerusform>%1 目前有 %n 字节</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s): </source>
        <translation>
            <numerusform>%n 字节：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::PayloadsPanel</name>
    <message>
        <source>Search payloads</source>
        <translation>搜索载荷</translation>
    </message>
    <message>
        <source>Search names, notes and content</source>
        <translation>搜索名称、备注和内容</translation>
    </message>
    <message>
        <source>Shows the payloads whose name, note or content holds this text (any case)</source>
        <translation>显示名称、备注或内容中包含此文本的载荷（不区分大小写）</translation>
    </message>
    <message>
        <source>Saved payloads</source>
        <translation>已保存载荷</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Double-click a payload to put it in the composer</source>
        <translation>双击载荷可将其放入发送编辑器</translation>
    </message>
    <message>
        <source>Saved with the session</source>
        <translation>随会话一起保存</translation>
    </message>
    <message>
        <source>Kept by the program for every session</source>
        <translation>由程序保存，所有会话通用</translation>
    </message>
    <message>
        <source>To composer</source>
        <translation>放入编辑器</translation>
    </message>
    <message>
        <source>Puts the payload in the composer, to edit or send (double-click)</source>
        <translation>将载荷放入发送编辑器，以便编辑或发送（双击）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Sends the payload on the composer&apos;s socket, as its send button does</source>
        <translation>在发送编辑器的套接字上发送该载荷，与其 send 按钮相同</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>A new payload in the list selected</source>
        <translation>在选中的列表中新建载荷</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Changes the payload&apos;s name, content or note</source>
        <translation>修改载荷的名称、内容或备注</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Removes the payload from its list</source>
        <translation>从所在列表中删除该载荷</translation>
    </message>
    <message>
        <source>Move to All sessions</source>
        <translation>移到所有会话</translation>
    </message>
    <message>
        <source>Moves the payload to the other list</source>
        <translation>将载荷移到另一个列表</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Adds the payloads of a payload file (JSON) to the list selected</source>
        <translation>将载荷文件（JSON）中的载荷添加到选中的列表</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Writes the list selected to a payload file (JSON)</source>
        <translation>将选中的列表写入载荷文件（JSON）</translation>
    </message>
    <message>
        <source>Payload actions</source>
        <translation>载荷操作</translation>
    </message>
    <message>
        <source>Payloads status</source>
        <translation>载荷状态</translation>
    </message>
    <message>
        <source>The payloads of all sessions could not be read from the settings (%1): %2. They are kept under %3 when this list is next saved.</source>
        <translation>无法从设置（%1）中读取所有会话的载荷：%2。下次保存此列表时，它们会保留在 %3 下。</translation>
    </message>
    <message>
        <source>This session</source>
        <translation>本会话</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>所有会话</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1（%2/%3）</translation>
    </message>
    <message>
        <source>Move to This session</source>
        <translation>移到本会话</translation>
    </message>
    <message>
        <source>A payload needs a name</source>
        <translation>载荷需要名称</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: no file given</source>
        <translation>“%1”：未指定文件</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already in %2: choose another name</source>
        <translation>“%1”已在%2中：请换一个名称</translation>
    </message>
    <message>
        <source>%1 holds %2 payloads, the most it can</source>
        <translation>%1已有 %2 个载荷，已达上限</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;</source>
        <translation>已保存“%1”</translation>
    </message>
    <message>
        <source>Added &quot;%1&quot; to %2</source>
        <translation>已将“%1”添加到%2</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot; from %2</source>
        <translation>已从%2中删除“%1”</translation>
    </message>
    <message>
        <source>Not moved: %2 has a payload named &quot;%1&quot; already</source>
        <translation>未移动：%2中已有名为“%1”的载荷</translation>
    </message>
    <message>
        <source>Moved &quot;%1&quot; to %2</source>
        <translation>已将“%1”移到%2</translation>
    </message>
    <message>
        <source>New payload in %1</source>
        <translation>在%1中新建载荷</translation>
    </message>
    <message>
        <source>Select a payload first</source>
        <translation>请先选择一个载荷</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is in the composer</source>
        <translation>“%1”已放入发送编辑器</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; sent with the composer: its status shows the outcome</source>
        <translation>“%1”已通过发送编辑器发送：结果见其状态栏</translation>
    </message>
    <message>
        <source>Nothing imported: %1</source>
        <translation>未导入任何载荷：%1</translation>
    </message>
    <message>
        <source>Nothing imported: %1 has another payload named &quot;%2&quot;; rename or delete it first</source>
        <translation>未导入任何载荷：%1中已有另一个名为“%2”的载荷；请先重命名或删除它</translation>
    </message>
    <message>
        <source>Nothing imported: %1 would hold more than %2 payloads</source>
        <translation>未导入任何载荷：%1中的载荷将超过 %2 个</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n payload(s) into %1</source>
        <translation>
            <numerusform>已将 %n 个载荷导入%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already there</source>
        <translation>
            <numerusform>；%n 个已存在</numerusform>
        </translation>
    </message>
    <message>
        <source>Not exported: cannot write %1: %2</source>
        <translation>未导出：无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n payload(s) of %1 to %2</source>
        <translation>
            <numerusform>已将%1的 %n 个载荷导出到 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Import payloads into %1</source>
        <translation>将载荷导入%1</translation>
    </message>
    <message>
        <source>Payloads (*.json);;All files (*)</source>
        <translation>载荷 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export the payloads of %1</source>
        <translation>导出%1的载荷</translation>
    </message>
    <message>
        <source>Payloads (*.json)</source>
        <translation>载荷 (*.json)</translation>
    </message>
    <message>
        <source>More payload actions</source>
        <translation>更多载荷操作</translation>
    </message>
</context>
<context>
    <name>ui::RepeatControls</name>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Burst</source>
        <translation>连发</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Repeat interval</source>
        <translation>重复间隔</translation>
    </message>
    <message>
        <source>Time between sends: 1 ms up to 24 hours, kept by the socket&apos;s I/O thread</source>
        <translation>两次发送之间的时间：1 ms 到 24 小时，由套接字的 I/O 线程计时</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>直到停止</translation>
    </message>
    <message>
        <source>Repeat count</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>How many sends in all (0: until stopped; a burst needs a count)</source>
        <translation>总发送次数（0：直到停止；连发需要指定次数）</translation>
    </message>
    <message>
        <source>Send the payload every interval, count times; {counter} in the text counts the sends</source>
        <translation>按间隔发送载荷，共发送指定次数；文本中的 {counter} 为发送计数</translation>
    </message>
    <message>
        <source>Send the payload count times, each as soon as the one before is sent</source>
        <translation>连续发送载荷指定次数，上一次发送完成后立即发送下一次</translation>
    </message>
    <message>
        <source>every</source>
        <translation>每</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>Select a socket to send on</source>
        <translation>请先选择用于发送的套接字</translation>
    </message>
    <message>
        <source>sendto address: %1</source>
        <translation>sendto 地址：%1</translation>
    </message>
    <message>
        <source>A schedule sends to an address, not a name: look %1 up first (Lookups)</source>
        <translation>定时发送只能发往地址，不能发往主机名：请先查询 %1（“查询”面板）</translation>
    </message>
    <message>
        <source>%1 (at character %2)</source>
        <extracomment>%1 is the problem, %2 where it is in the field</extracomment>
        <translation>%1（第 %2 个字符处）</translation>
    </message>
</context>
<context>
    <name>ui::ResponderPanel</name>
    <message>
        <source>&amp;Rules</source>
        <translation>规则(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;chedules</source>
        <translation>定时发送(&amp;C)</translation>
    </message>
    <message>
        <source>Responder</source>
        <translation>应答器</translation>
    </message>
</context>
<context>
    <name>ui::RulesPanel</name>
    <message>
        <source>any record</source>
        <translation>任意记录</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>等于</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>开头是</translation>
    </message>
    <message>
        <source>ends with</source>
        <translation>结尾是</translation>
    </message>
    <message>
        <source>regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>hex pattern</source>
        <translation>十六进制模式</translation>
    </message>
    <message>
        <source>echo</source>
        <translation>回显</translation>
    </message>
    <message>
        <source>template: %1</source>
        <translation>模板：%1</translation>
    </message>
    <message>
        <source>hex: %1</source>
        <translation>十六进制：%1</translation>
    </message>
    <message>
        <source>file: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>then shutdown(SHUT_WR)</source>
        <translation>然后 shutdown(SHUT_WR)</translation>
    </message>
    <message>
        <source>then close()</source>
        <translation>然后 close()</translation>
    </message>
    <message>
        <source>after %1 ms</source>
        <translation>%1 ms 后</translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation>区分大小写(&amp;C)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>更新(&amp;U)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Responder rules</source>
        <translation>应答器规则</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>命中次数</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>随后</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>GET /  ·  ^HELLO (\w+)  ·  de ad ?? ef</source>
        <translation>GET /  ·  ^HELLO (\w+)  ·  de ad ?? ef</translation>
    </message>
    <message>
        <source>Text with escapes (\r\n, \x00), hex, or a regular expression run over the bytes (one character per byte). A regex finds its match anywhere in the record; a hex pattern may hold ?? for any byte.</source>
        <translation>带转义的文本（\r\n、\x00）、十六进制，或作用于字节的正则表达式（每个字节对应一个字符）。正则表达式可在记录中任意位置找到匹配；十六进制模式中可用 ?? 表示任意字节。</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Pattern format</source>
        <translation>模式格式</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Fixed bytes</source>
        <translation>固定字节</translation>
    </message>
    <message>
        <source>Echo</source>
        <translation>回显</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Reply kind</source>
        <translation>回复类型</translation>
    </message>
    <message>
        <source>HTTP/1.0 200 OK\r\n\r\n  ·  hello {1} #{counter}\n</source>
        <translation>HTTP/1.0 200 OK\r\n\r\n  ·  hello {1} #{counter}\n</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Reply format</source>
        <translation>回复格式</translation>
    </message>
    <message>
        <source>Choose reply file</source>
        <translation>选择回复文件</translation>
    </message>
    <message>
        <source>Reply with a file</source>
        <translation>用文件回复</translation>
    </message>
    <message>
        <source>keep the connection</source>
        <translation>保持连接</translation>
    </message>
    <message>
        <source>After the reply</source>
        <translation>回复之后</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Wait this long before replying</source>
        <translation>回复前等待的时间</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>what this rule is for</source>
        <translation>此规则的用途</translation>
    </message>
    <message>
        <source>Templates: {1}…{9} a regex&apos;s captures ({0} the whole match) · {counter} this rule&apos;s hits · {time} · {unixtime} · {random} · {peer} · {length} and {hex} of the bytes received · {{ and }} for braces · escapes as in the composer</source>
        <translation>模板：{1}…{9} 为正则表达式的捕获组（{0} 为整个匹配）· {counter} 为本规则的命中次数 · {time} · {unixtime} · {random} · {peer} · {length} 和 {hex} 为所收字节的长度和十六进制 · {{ 和 }} 表示花括号 · 转义写法与发送编辑器相同</translation>
    </message>
    <message>
        <source>Template syntax</source>
        <translation>模板语法</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Update rule</source>
        <translation>更新规则</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Move rule up</source>
        <translation>上移规则</translation>
    </message>
    <message>
        <source>Move rule down</source>
        <translation>下移规则</translation>
    </message>
    <message>
        <source>Move the rule up: rules are tried in order, the first that matches answers</source>
        <translation>上移规则：规则按顺序尝试，由第一条匹配的规则回复</translation>
    </message>
    <message>
        <source>Move the rule down</source>
        <translation>下移规则</translation>
    </message>
    <message>
        <source>Add the rule below to the end of the list</source>
        <translation>将下方编辑的规则添加到列表末尾</translation>
    </message>
    <message>
        <source>Replace the selected rule with the one below</source>
        <translation>用下方编辑的规则替换选中的规则</translation>
    </message>
    <message>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>&amp;delay</source>
        <translation>延迟(&amp;D)</translation>
    </message>
    <message>
        <source>Select a socket to give it responder rules.</source>
        <translation>选择一个套接字，为它设置应答器规则。</translation>
    </message>
    <message>
        <source>%1 answers with the rules of its listener %2. Rules added here are its own and replace them.</source>
        <translation>%1 使用其监听套接字 %2 的规则应答。在此添加的规则属于它自己，并取代监听套接字的规则。</translation>
    </message>
    <message>
        <source>Rules of listener %1: they answer every connection it accepts, now and later. First match wins.</source>
        <translation>监听套接字 %1 的规则：应答它接受的每个连接，包括现有的和以后的。第一条匹配的规则生效。</translation>
    </message>
    <message>
        <source>Rules of %1: each received record is answered by the first rule that matches.</source>
        <translation>%1 的规则：每条收到的记录由第一条匹配的规则回复。</translation>
    </message>
    <message>
        <source>does not run: %1</source>
        <translation>不会运行：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n datagram(s) from unnamed senders could not be answered</source>
        <translation>
            <numerusform>有 %n 个来自未命名发送方的数据报无法回复</numerusform>
        </translation>
    </message>
    <message>
        <source>after %1 ms, %2</source>
        <extracomment>%2 is what the rule does then: &quot;then shutdown(SHUT_WR)&quot; or &quot;then close()&quot;</extracomment>
        <translation>%1 ms 后，%2</translation>
    </message>
    <message>
        <source>%1 (any case)</source>
        <translation>%1（不区分大小写）</translation>
    </message>
    <message>
        <source>%1 (at character %2)</source>
        <extracomment>%1 is the problem, %2 where it is in the field</extracomment>
        <translation>%1（第 %2 个字符处）</translation>
    </message>
</context>
<context>
    <name>ui::SchedulesPanel</name>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>全部停止</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>定时发送</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sends</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>滞后</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stop schedule</source>
        <translation>停止定时发送</translation>
    </message>
    <message>
        <source>Stop all schedules</source>
        <translation>停止所有定时发送</translation>
    </message>
    <message>
        <source>Start one from the composer: Repeat (every N ms) or Burst (N at once).</source>
        <translation>在发送编辑器中启动：重复（每 N ms 一次）或连发（一次发送 N 个）。</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1 until stopped</source>
        <translation>%1，直到停止</translation>
    </message>
    <message>
        <source>burst</source>
        <translation>连发</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n 个运行中</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SocketChoiceModel</name>
    <message>
        <source>All sockets</source>
        <translation>所有套接字</translation>
    </message>
</context>
<context>
    <name>ui::SocketPanel</name>
    <message>
        <source>No socket selected</source>
        <translation>未选择套接字</translation>
    </message>
    <message>
        <source>Blocking</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>Non-blocking</source>
        <translation>非阻塞</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Watch: record all that arrives / accept all</source>
        <translation>监视：记录所有到达的数据 / 接受所有连接</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>127.0.0.1:8080, example.com:80, [::1]:8080, /path/to.sock or @abstract</source>
        <translation>127.0.0.1:8080, example.com:80, [::1]:8080, /path/to.sock 或 @abstract</translation>
    </message>
    <message>
        <source>The address for bind(), connect() and connect_ex(). A host name is resolved as Python resolves it, off the window&apos;s thread; each socket keeps its own address.</source>
        <translation>bind()、connect() 和 connect_ex() 使用的地址。主机名按 Python 的方式解析，在窗口线程之外进行；每个套接字保留各自的地址。</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>bind</source>
        <translation>bind</translation>
    </message>
    <message>
        <source>connect</source>
        <translation>connect</translation>
    </message>
    <message>
        <source>connect_ex</source>
        <translation>connect_ex</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>积压队列</translation>
    </message>
    <message>
        <source>listen(backlog): connections the kernel completes before accept()</source>
        <translation>listen(backlog)：内核在 accept() 之前可完成的连接数</translation>
    </message>
    <message>
        <source>listen</source>
        <translation>listen</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>accept</translation>
    </message>
    <message>
        <source>bufsize</source>
        <translation>bufsize</translation>
    </message>
    <message>
        <source>recv(bufsize): the most bytes one call returns</source>
        <translation>recv(bufsize)：一次调用最多返回的字节数</translation>
    </message>
    <message>
        <source>recv</source>
        <translation>recv</translation>
    </message>
    <message>
        <source>recvfrom</source>
        <translation>recvfrom</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>shutdown(how): SHUT_WR sends FIN and keeps reading</source>
        <translation>shutdown(how)：SHUT_WR 发送 FIN 并继续读取</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>shutdown</source>
        <translation>shutdown</translation>
    </message>
    <message>
        <source>close</source>
        <translation>close</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>getsockname</source>
        <translation>getsockname</translation>
    </message>
    <message>
        <source>getpeername</source>
        <translation>getpeername</translation>
    </message>
    <message>
        <source>fileno</source>
        <translation>fileno</translation>
    </message>
    <message>
        <source>gettimeout</source>
        <translation>gettimeout</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Timeout seconds</source>
        <translation>超时秒数</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>监视</translation>
    </message>
    <message>
        <source>Record everything that arrives (a recv loop); on a listener, accept every connection</source>
        <translation>记录到达的所有数据（一个 recv 循环）；在监听套接字上则接受每个连接</translation>
    </message>
    <message>
        <source>Cancel waiting call</source>
        <translation>取消等待中的调用</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>上次结果</translation>
    </message>
    <message>
        <source>&amp;Calls</source>
        <translation>调用(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation>选项(&amp;O)</translation>
    </message>
    <message>
        <source>Create one in the Sockets panel, or pick one there.</source>
        <translation>在“套接字列表”面板中创建一个，或在那里选择一个。</translation>
    </message>
    <message>
        <source>fd %1 · %2</source>
        <translation>fd %1 · %2</translation>
    </message>
    <message>
        <source>local %1 · peer %2</source>
        <translation>本地 %1 · 对端 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>in %1 B / %n record(s)</source>
        <translation>
            <numerusform>收 %1 B / %n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · out %1 B / %n record(s)</source>
        <translation>
            <numerusform> · 发 %1 B / %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>last error: %1 (%2)</source>
        <translation>上次错误：%1（%2）</translation>
    </message>
    <message>
        <source>last error: none</source>
        <translation>上次错误：无</translation>
    </message>
    <message>
        <source>blocking</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>non-blocking</source>
        <translation>非阻塞</translation>
    </message>
    <message>
        <source>timeout %1 s</source>
        <translation>超时 %1 s</translation>
    </message>
    <message>
        <source>socket.%1 in the recv flags</source>
        <translation>recv 标志中的 socket.%1</translation>
    </message>
    <message>
        <source>… waiting</source>
        <translation>… 等待中</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>Calls and options</source>
        <translation>调用和选项</translation>
    </message>
    <message>
        <source>recv queue %1 B</source>
        <translation>接收队列 %1 B</translation>
    </message>
    <message>
        <source>send queue %1 B (the SYN of a connection that never opened)</source>
        <translation>发送队列 %1 B（从未建立的连接的 SYN）</translation>
    </message>
    <message>
        <source>send queue %1 B</source>
        <translation>发送队列 %1 B</translation>
    </message>
    <message numerus="yes">
        <source>%n datagram(s) dropped by the kernel (SO_RXQ_OVFL)</source>
        <translation>
            <numerusform>内核丢弃了 %n 个数据报（SO_RXQ_OVFL）</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting calls</source>
        <translation>等待中的调用</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>发起者</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Each call this socket is waiting in, oldest first, and who made it: the window, the console, a script (its file, line and thread), a rule or a schedule</source>
        <translation>该套接字正在等待的每个调用，最早的在前，以及由谁发起：窗口、控制台、脚本（其文件、行号和线程）、规则或定时发送</translation>
    </message>
    <message>
        <source>(interrupts the selected waiting call, else the oldest)</source>
        <translation>（中断所选的等待中调用，未选时中断最早的一个）</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>消息(&amp;M)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>&amp;Waiting calls (%1)</source>
        <translation>等待中的调用(&amp;W)（%1）</translation>
    </message>
    <message>
        <source>&amp;Waiting calls: none</source>
        <translation>等待中的调用(&amp;W)：无</translation>
    </message>
</context>
<context>
    <name>ui::SocketTreeModel</name>
    <message>
        <source>, watched</source>
        <translation>，监视中</translation>
    </message>
    <message numerus="yes">
        <source>, %n waiting</source>
        <translation>
            <numerusform>，%n 个调用等待中</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (all interfaces)</source>
        <translation>%1（所有接口）</translation>
    </message>
    <message>
        <source>, %1 dropped</source>
        <translation>，丢弃 %1 个</translation>
    </message>
    <message>
        <source>(all interfaces)</source>
        <translation>（所有接口）</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>打开 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Made by Connect N clients. In: %1; out: %2. Close all, Shut down all and Send to all act on each open client</source>
        <translation>由“连接 N 个客户端”创建。收：%1；发：%2。“全部关闭”“全部关闭一端”和“发送给全部”作用于每个打开的客户端</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>fd</source>
        <translation>fd</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>In</source>
        <translation>收</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>发</translation>
    </message>
    <message>
        <source>clients %1 → %2 (%3), %4</source>
        <extracomment>a group&apos;s node in the tree: its number, its address, how many clients; %4 says how many are open</extracomment>
        <translation>客户端组 %1 → %2（%3），%4</translation>
    </message>
</context>
<context>
    <name>ui::SocketsPanel</name>
    <message>
        <source>Sockets</source>
        <translation>套接字列表</translation>
    </message>
    <message>
        <source>&amp;New socket…</source>
        <translation>新建套接字(&amp;N)…</translation>
    </message>
    <message>
        <source>New socket</source>
        <translation>新建套接字</translation>
    </message>
    <message>
        <source>Quick address</source>
        <translation>快捷地址</translation>
    </message>
    <message>
        <source>Address for the quick actions: host:port (a host name too), [v6]:port, or a UNIX path</source>
        <translation>快捷操作使用的地址：host:port（也可用主机名）、[v6]:port 或 UNIX 路径</translation>
    </message>
    <message>
        <source>TCP client</source>
        <translation>TCP 客户端</translation>
    </message>
    <message>
        <source>TCP server</source>
        <translation>TCP 服务器</translation>
    </message>
    <message>
        <source>UDP socket</source>
        <translation>UDP 套接字</translation>
    </message>
    <message>
        <source>UNIX server</source>
        <translation>UNIX 服务器</translation>
    </message>
    <message>
        <source>socketpair</source>
        <translation>socketpair</translation>
    </message>
    <message>
        <source>N clients…</source>
        <translation>N 个客户端…</translation>
    </message>
    <message>
        <source>Connect N clients to an address, each watched, sending a payload if you give one: a group you can close, shut down or send to at once</source>
        <translation>将 N 个客户端连接到一个地址，每个都开启监视，给出载荷时还会发送它：形成一个客户端组，可一次性全部关闭、关闭一端或发送</translation>
    </message>
    <message>
        <source>Connect N clients</source>
        <translation>连接 N 个客户端</translation>
    </message>
    <message>
        <source>Quick:</source>
        <translation>快捷：</translation>
    </message>
    <message>
        <source>Close all</source>
        <translation>全部关闭</translation>
    </message>
    <message>
        <source>close() on each client of the group</source>
        <translation>对客户端组中的每个客户端调用 close()</translation>
    </message>
    <message>
        <source>Shut down all</source>
        <translation>全部关闭一端</translation>
    </message>
    <message>
        <source>shutdown(socket.SHUT_WR) on each open client of the group</source>
        <translation>对客户端组中每个打开的客户端调用 shutdown(socket.SHUT_WR)</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>发送给全部</translation>
    </message>
    <message>
        <source>The composer&apos;s bytes, with sendall() (send() on datagrams), on each open client of the group</source>
        <translation>用 sendall()（数据报用 send()）向客户端组中每个打开的客户端发送发送编辑器中的字节</translation>
    </message>
    <message>
        <source>Group actions</source>
        <translation>客户端组操作</translation>
    </message>
    <message>
        <source>Double-click (or Enter) shows only this socket&apos;s traffic</source>
        <translation>双击（或按 Enter）只显示此套接字的流量</translation>
    </message>
    <message>
        <source>Shut down all (SHUT_WR)</source>
        <translation>全部关闭一端（SHUT_WR）</translation>
    </message>
    <message>
        <source>%1 and accept every connection</source>
        <extracomment>%1 is Python code, shown as it is</extracomment>
        <translation>%1，并接受每个连接</translation>
    </message>
</context>
<context>
    <name>ui::StatusLine</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message numerus="yes">
        <source>%n socket(s) open</source>
        <translation>
            <numerusform>已打开 %n 个套接字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) (%1/s) · in %2 (%3/s) · out %4 (%5/s)</source>
        <translation>
            <numerusform>%Ln 条记录（%1/s） · 收 %2（%3/s） · 发 %4（%5/s）</numerusform>
        </translation>
    </message>
    <message>
        <source> · payload cap of %1 reached or memory short: records kept, %2 of bytes not kept</source>
        <translation> · 已达到载荷上限 %1 或内存不足：记录已保留，但有 %2 的字节内容未保留</translation>
    </message>
    <message numerus="yes">
        <source> · %n record(s) lost: the store is full</source>
        <translation>
            <numerusform> · 丢失 %n 条记录：存储已满</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n engine fault(s): see the journal</source>
        <translation>
            <numerusform> · %n 个引擎故障：见调用日志</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::TrafficActions</name>
    <message>
        <source>Copy as &amp;Text</source>
        <translation>复制为文本(&amp;T)</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>复制文本</translation>
    </message>
    <message>
        <source>Copy the selected records&apos; bytes as text with escapes (\r \n \xNN)</source>
        <translation>将所选记录的字节复制为带转义的文本（\r \n \xNN）</translation>
    </message>
    <message>
        <source>Copy as &amp;Hex</source>
        <translation>复制为十六进制(&amp;H)</translation>
    </message>
    <message>
        <source>Copy hex</source>
        <translation>复制十六进制</translation>
    </message>
    <message>
        <source>Copy the selected records&apos; bytes as hex digits</source>
        <translation>将所选记录的字节复制为十六进制数字</translation>
    </message>
    <message>
        <source>Copy as &amp;Python Bytes</source>
        <translation>复制为 Python 字节串(&amp;P)</translation>
    </message>
    <message>
        <source>Copy bytes</source>
        <translation>复制字节串</translation>
    </message>
    <message>
        <source>Copy the selected records&apos; bytes as Python bytes literals (b&apos;...&apos;)</source>
        <translation>将所选记录的字节复制为 Python 字节串字面值（b&apos;...&apos;）</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the records to a text dump or CSV, or one socket&apos;s bytes to a file</source>
        <translation>将记录写入文本转储或 CSV，或将一个套接字的字节写入文件</translation>
    </message>
    <message>
        <source>Export traffic</source>
        <translation>导出流量</translation>
    </message>
    <message>
        <source>Export file</source>
        <translation>导出文件</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write %1:
%2</source>
        <translation>无法写入 %1：
%2</translation>
    </message>
</context>
<context>
    <name>ui::TrafficExportDialog</name>
    <message>
        <source>Export traffic</source>
        <translation>导出流量</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Text dump</source>
        <translation>文本转储</translation>
    </message>
    <message>
        <source>Text dump (*.txt)</source>
        <translation>文本转储 (*.txt)</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Raw bytes of one socket and direction</source>
        <translation>一个套接字单一方向的原始字节</translation>
    </message>
    <message>
        <source>Raw bytes (*.bin)</source>
        <translation>原始字节 (*.bin)</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Which records of the log to write</source>
        <translation>要写出哪些记录</translation>
    </message>
    <message>
        <source>Shown records (%1)</source>
        <translation>显示的记录（%1）</translation>
    </message>
    <message>
        <source>Selected records (%1)</source>
        <translation>选中的记录（%1）</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>The socket whose bytes are written</source>
        <translation>要写出其字节的套接字</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Received or sent bytes; MSG_PEEK reads are left out</source>
        <translation>接收或发送的字节；不包括 MSG_PEEK 读取</translation>
    </message>
    <message>
        <source>Received (in)</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Sent (out)</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Records:</source>
        <translation>记录(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Socket:</source>
        <translation>套接字(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>方向(&amp;D)：</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Pick where to write the export</source>
        <translation>选择导出文件的写入位置</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export nothing</source>
        <translation>不导出</translation>
    </message>
    <message>
        <source>Text dump with hex, CSV for other tools, a pcapng capture for Wireshark, or the raw bytes</source>
        <translation>带十六进制的文本转储、供其他工具使用的 CSV、供 Wireshark 使用的 pcapng 抓包，或原始字节</translation>
    </message>
    <message>
        <source>pcapng capture (Wireshark)</source>
        <translation>pcapng 抓包（Wireshark）</translation>
    </message>
    <message>
        <source>pcapng captures (*.pcapng)</source>
        <translation>pcapng 抓包 (*.pcapng)</translation>
    </message>
</context>
<context>
    <name>ui::TrafficModel</name>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>(%n byte(s) not kept: the store&apos;s payload cap is reached)</source>
        <translation>
            <numerusform>（未保留 %n 字节：已达到存储的载荷上限）</numerusform>
        </translation>
    </message>
    <message>
        <source>The datagram had %1 bytes; the buffer kept %2.</source>
        <translation>该数据报有 %1 字节；缓冲区保留了 %2 字节。</translation>
    </message>
    <message>
        <source>The peer shut down its side: recv() returned 0 bytes.</source>
        <translation>对端关闭了它的一端：recv() 返回了 0 字节。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>Dir</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Record number, in the order the syscalls returned</source>
        <translation>记录编号，按系统调用返回的顺序</translation>
    </message>
    <message>
        <source>Local wall time the syscall returned, to the microsecond</source>
        <translation>系统调用返回时的本地时间，精确到微秒</translation>
    </message>
    <message>
        <source>The socket, by its Python name</source>
        <translation>套接字，以其 Python 名称表示</translation>
    </message>
    <message>
        <source>→ sent, ← received; red when the syscall failed</source>
        <translation>→ 发送，← 接收；系统调用失败时显示为红色</translation>
    </message>
    <message>
        <source>The address the bytes came from or went to</source>
        <translation>字节的来源或去向地址</translation>
    </message>
    <message>
        <source>Bytes moved; a truncated datagram shows kept of real size</source>
        <translation>传输的字节数；被截断的数据报显示为“保留 / 实际大小”</translation>
    </message>
    <message>
        <source>The first %1 bytes, with escapes for the unprintable ones</source>
        <translation>前 %1 个字节，不可打印的字节以转义形式显示</translation>
    </message>
    <message>
        <source>EOF</source>
        <extracomment>end of file: the peer shut down its side, recv() returned b&apos;&apos;</extracomment>
        <translation>EOF</translation>
    </message>
</context>
<context>
    <name>ui::TrafficPanel</name>
    <message>
        <source>Traffic log</source>
        <translation>流量记录</translation>
    </message>
    <message>
        <source>Every send and recv syscall, newest at the bottom</source>
        <translation>每次 send 和 recv 系统调用，最新的在最下方</translation>
    </message>
    <message>
        <source>Traffic log and record bytes</source>
        <translation>流量记录及其字节</translation>
    </message>
    <message>
        <source>Drag to share the space between the log and the hex dump</source>
        <translation>拖动以分配流量记录与 hex dump 之间的空间</translation>
    </message>
    <message>
        <source>Socket filter</source>
        <translation>套接字过滤</translation>
    </message>
    <message>
        <source>Show the records of one socket, or of all</source>
        <translation>显示某个套接字或所有套接字的记录</translation>
    </message>
    <message>
        <source>Direction filter</source>
        <translation>方向过滤</translation>
    </message>
    <message>
        <source>Show received records, sent records, or both</source>
        <translation>显示接收的记录、发送的记录或两者</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>← Received</source>
        <translation>← 接收</translation>
    </message>
    <message>
        <source>→ Sent</source>
        <translation>→ 发送</translation>
    </message>
    <message>
        <source>Payload filter</source>
        <translation>载荷过滤</translation>
    </message>
    <message>
        <source>Show records whose bytes contain this text (as UTF-8), or hex:48 65 6c for bytes</source>
        <translation>显示字节中包含此文本（按 UTF-8）的记录；按字节过滤用 hex:48 65 6c</translation>
    </message>
    <message>
        <source>Filter payload: text, or hex:48 65 6c</source>
        <translation>过滤载荷：文本，或 hex:48 65 6c</translation>
    </message>
    <message>
        <source>Clear payload filter</source>
        <translation>清除载荷过滤</translation>
    </message>
    <message>
        <source>Clear the payload filter</source>
        <translation>清除载荷过滤条件</translation>
    </message>
    <message>
        <source>Record count</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Records shown, and records captured in all</source>
        <translation>显示的记录数，以及已记录的总数</translation>
    </message>
    <message>
        <source>&amp;Clear Filter</source>
        <translation>清除过滤(&amp;C)</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>清除过滤</translation>
    </message>
    <message>
        <source>Show every record of every socket again</source>
        <translation>重新显示所有套接字的全部记录</translation>
    </message>
    <message>
        <source>Traffic actions</source>
        <translation>流量操作</translation>
    </message>
    <message>
        <source>Copy, export and filter actions</source>
        <translation>复制、导出和过滤操作</translation>
    </message>
    <message>
        <source>More traffic actions</source>
        <translation>更多流量操作</translation>
    </message>
    <message>
        <source>The actions that do not fit</source>
        <translation>放不下的操作</translation>
    </message>
    <message>
        <source>Traffic records</source>
        <translation>流量记录表</translation>
    </message>
    <message>
        <source>One row per send/recv syscall; select one to see its bytes below</source>
        <translation>每次 send/recv 系统调用一行；选中一行可在下方查看其字节</translation>
    </message>
    <message>
        <source>Traffic columns</source>
        <translation>流量记录列</translation>
    </message>
    <message>
        <source>Drag a column&apos;s edge to resize it</source>
        <translation>拖动列的边缘可调整列宽</translation>
    </message>
    <message>
        <source>Not a hex filter: %1</source>
        <translation>不是有效的十六进制过滤：%1</translation>
    </message>
    <message numerus="yes">
        <source>%L1 of %Ln record(s)</source>
        <translation>
            <numerusform>%L1 / %Ln 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Where to begin&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;从哪里开始&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Every action here is a call of Python&apos;s &lt;code&gt;socket&lt;/code&gt; module, made for real on this machine; the journal below writes each one as Python, with what it returned or raised. The traffic of every socket will show here.</source>
        <translation>这里的每个操作都是对 Python &lt;code&gt;socket&lt;/code&gt; 模块的一次调用，在本机上真实执行；下方的调用日志把每次调用写成 Python 代码，并附上返回值或引发的异常。每个套接字的流量都会显示在这里。</translation>
    </message>
    <message>
        <source>Loopback echo lab</source>
        <translation>回环回显实验</translation>
    </message>
    <message>
        <source>A listener and a client on 127.0.0.1, connected, a few messages exchanged; the Lab notes explain each call.</source>
        <translation>在 127.0.0.1 上建立一个监听套接字和一个客户端并连接，交换几条消息；“实验说明”会解释每个调用。</translation>
    </message>
    <message>
        <source>TCP server</source>
        <translation>TCP 服务器</translation>
    </message>
    <message>
        <source>Listen on the Quick address (Sockets panel) and accept every connection; then answer from the Composer.</source>
        <translation>在快捷地址（“套接字列表”面板）上监听并接受每个连接；然后从“发送编辑器”回复。</translation>
    </message>
    <message>
        <source>TCP client</source>
        <translation>TCP 客户端</translation>
    </message>
    <message>
        <source>Connect to the Quick address and record all that arrives.</source>
        <translation>连接到快捷地址，并记录到达的所有数据。</translation>
    </message>
    <message>
        <source>New socket…</source>
        <translation>新建套接字…</translation>
    </message>
    <message>
        <source>Any family and type (TCP, UDP, UNIX, RAW, SEQPACKET…), then each call by hand in the Socket panel.</source>
        <translation>任意地址族和类型（TCP、UDP、UNIX、RAW、SEQPACKET…），然后在“套接字”面板中手动逐个调用。</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>指南</translation>
    </message>
    <message>
        <source>The panels, three stories step by step, and the keyboard shortcuts (F1).</source>
        <translation>各个面板、三个分步示例，以及键盘快捷键（F1）。</translation>
    </message>
</context>
</TS>
