#include "ui/guide/guidepanel.h"

#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ui {

namespace {

QString guideHtml()
{
    return GuidePanel::tr(
        "<h3>The panels</h3>"
        "<p><b>Sockets</b> (left): every socket, accepted connections under their listener. <i>New socket…</i> makes "
        "any kind; the quick actions (TCP client, TCP server, UDP socket, UNIX server, socketpair) use the Quick "
        "address. Double-click a socket to see only its traffic.</p>"
        "<p><b>Socket</b> (right): the calls of the selected socket: bind, listen, accept, connect, connect_ex, "
        "recv, recvfrom, shutdown, close, the blocking mode, getsockname/getpeername/fileno, and its options. Every "
        "call stays available in every state; the usual next ones are outlined in green. The box at the bottom shows "
        "the last call made here on this socket, with its result or exception. <b>Watch</b> records all that "
        "arrives (on a listener: accepts every connection).</p>"
        "<p><b>Lookups</b> (tab beside Socket): gethostname, gethostbyname(_ex), getaddrinfo, gethostbyaddr and "
        "getnameinfo; <i>Use as address</i> hands a result to the Socket panel.</p>"
        "<p><b>Traffic</b> (middle): one row per send or receive, with time, socket, direction, peer and bytes; "
        "select one for its hex dump. Filter by socket, direction, text or <code>hex:48 65</code>; copy as text, hex "
        "or Python bytes; export.</p>"
        "<p><b>Journal</b> (bottom): every call as Python, in order, with its result, errno and duration. Copy it as a "
        "transcript, or export it as a script python3 runs.</p>"
        "<p><b>Composer</b> (bottom right): bytes as text with escapes (<code>\\r\\n</code>, <code>\\x00</code>), as hex, "
        "or from a file; send, sendall or sendto. On a listener it sends on the newest connection.</p>"
        "<h3>Three stories</h3>"
        "<p><b>Reply to an HTTP request by hand.</b> Quick address <code>127.0.0.1:8080</code>, <i>TCP server</i>. "
        "Run <code>curl http://127.0.0.1:8080/</code> in a terminal: the connection appears under the listener and "
        "the request in the traffic log. Type <code>HTTP/1.0 200 OK\\r\\n\\r\\nhello</code> in the Composer and press "
        "Enter, then <i>close</i> the connection: curl prints hello.</p>"
        "<p><b>Teach UDP and errors call by call.</b> <i>New socket…</i> AF_INET, SOCK_DGRAM; bind "
        "<code>127.0.0.1:9999</code>. Make a second one, choose <i>Non-blocking</i> and press <i>recvfrom</i>: "
        "BlockingIOError, errno 11. Send with <i>sendto</i> to <code>127.0.0.1:9999</code>; recvfrom on the first "
        "returns the bytes and the sender's address. Connect a TCP socket to a closed port: ConnectionRefusedError, "
        "and the journal says so as Python would.</p>"
        "<p><b>Test an echo server and replay it.</b> Quick address of the server, <i>TCP client</i>; send lines "
        "from the Composer and watch the echoes arrive. Then Journal → <i>Export as Python script…</i> and run it "
        "with python3: the same calls, the same results.</p>"
        "<h3>Keyboard</h3>"
        "<table cellpadding='2'>"
        "<tr><td><b>Ctrl+N</b></td><td>New socket…</td></tr>"
        "<tr><td><b>Ctrl+O</b> / <b>Ctrl+S</b></td><td>Open / save a session</td></tr>"
        "<tr><td><b>Enter</b></td><td>in the Composer: send (sendto on an unconnected UDP socket with an address), "
        "and clear for the next message</td></tr>"
        "<tr><td><b>Shift+Enter</b></td><td>in the Composer: a new line in the message</td></tr>"
        "<tr><td><b>Up</b></td><td>in an empty Composer: the last message sent</td></tr>"
        "<tr><td><b>Ctrl+C</b></td><td>in the traffic log: copy the selected bytes; in the journal: copy the "
        "transcript</td></tr>"
        "<tr><td><b>F1</b></td><td>this guide</td></tr>"
        "<tr><td><b>Ctrl+Q</b></td><td>quit</td></tr>"
        "</table>"
        "<p>View → <i>Reset layout</i> puts every panel back in its place.</p>");
}

// Why the lab made each call: the lesson of that step.
QString explanation(const core::CallRecord &record)
{
    const core::Call *call = record.value.get();
    if (!call)
        return {};
    switch (call->kind) {
    case core::CallKind::Socket:
        return GuidePanel::tr("A TCP socket over IPv4; Python calls it %1.").arg(core::socketName(call->newSocketId));
    case core::CallKind::Bind:
        return GuidePanel::tr("Port 0: the kernel picks a free port. 127.0.0.1 is loopback: nothing outside this "
                              "machine can reach it.");
    case core::CallKind::Listen:
        return GuidePanel::tr("The socket becomes a listener. The backlog (2) is how many connections the kernel "
                              "completes and holds until accept() takes them.");
    case core::CallKind::SockName:
        return GuidePanel::tr("Reads the address back: this is the port the kernel picked.");
    case core::CallKind::Connect:
        return GuidePanel::tr("The client connects. The kernel completes the handshake at once, into the listener's "
                              "backlog: connect() does not wait for accept().");
    case core::CallKind::Accept:
        return GuidePanel::tr("Takes the waiting connection: %1 is a new socket, the server's end of it; addr is the "
                              "client's address. The listener goes on listening.").arg(core::socketName(call->newSocketId));
    case core::CallKind::SendAll:
        return GuidePanel::tr("Sends every byte (sendall() calls send() until the kernel has taken them all).");
    case core::CallKind::Recv:
        return GuidePanel::tr("Returns what has arrived, at most 1024 bytes: the bytes sent just before. A stream "
                              "keeps no message boundaries; here one send() made one recv().");
    default:
        return {};
    }
}

} // namespace

GuidePanel::GuidePanel(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_guide(new QTextBrowser(this))
    , m_labNotes(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("guidePanel"));
    m_guide->setAccessibleName(tr("Guide"));
    m_guide->setOpenExternalLinks(false);
    m_guide->setHtml(guideHtml());
    m_labNotes->setAccessibleName(tr("Lab notes"));
    m_labNotes->setHtml(tr("<p>Examples → <i>Loopback echo lab</i> makes a listener and a client on 127.0.0.1, "
                           "connects them and exchanges two messages. Its calls are explained here, one by one.</p>"));
    m_tabs->addTab(m_guide, tr("Guide"));
    m_tabs->addTab(m_labNotes, tr("Lab notes"));
    m_tabs->setAccessibleName(tr("Guide and lab notes"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

void GuidePanel::showGuide()
{
    m_tabs->setCurrentWidget(m_guide);
}

void GuidePanel::showLabNotes(const QList<core::CallRecord> &calls, const QString &client, const QString &server)
{
    QString html = tr("<h3>What the lab did</h3><p>Each call as Python writes it, what came back, and why.</p><ol>");
    for (const core::CallRecord &record : calls) {
        html += QStringLiteral("<li><code>&gt;&gt;&gt; %1</code><br><code>%2</code><br>%3</li>")
                    .arg(record.call.toHtmlEscaped(), record.outcome.result.toHtmlEscaped(), explanation(record));
    }
    html += tr("</ol><p>Then watch mode went on for all three sockets: whatever arrives now is recorded in the traffic "
               "log.</p><p><b>Next:</b> %1 is selected. Type a line in the Composer and press Enter: it arrives at %2 "
               "(see the traffic log). Select %2 and answer the same way. Journal → <i>Export as Python script…</i> "
               "writes these calls as a script python3 runs.</p>")
                .arg(client, server);
    m_labNotes->setHtml(html);
    m_tabs->setCurrentWidget(m_labNotes);
}

} // namespace ui
