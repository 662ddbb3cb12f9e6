#include "tests/core/testsupport.h"

#include "core/export/pythonscript.h"
#include "core/text/payload.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

using namespace core;
using namespace testsupport;

namespace {

// A call value as the façade would make it; the journal derives its text.
Call made(CallKind kind, int socketId, const QString &address = {}, QByteArray data = {}, qint64 size = 0)
{
    Call call;
    call.kind = kind;
    call.socketId = socketId;
    if (!address.isEmpty())
        call.address = testsupport::address(address, AF_INET);
    call.data = std::move(data);
    call.size = size;
    return call;
}

} // namespace

// The journal exported as a Python script: formatting of each kind of call on a hand-made
// journal, and a real session on loopback whose script python3 runs against the same peer,
// printing what the session received and the exceptions it saw.
class tst_PythonScript : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void initTestCase();
    void formatsEachKindOfCall();
    void waitingCallsComeAfterWhatWokeThem();
    void longPayloadsAreWrittenInFull_data();
    void longPayloadsAreWrittenInFull();
    void sessionReplaysInPython();
    void schedulesAndRulesExport();

private:
    // Runs python3 on a file or with -c; bounded. Returns stdout; *exitCode gets the code.
    static QString runPython(const QStringList &args, int *exitCode, QString *errors = nullptr);
    static QStringList codeLines(const QString &script);
    static bool writeFile(const QString &path, const QString &text);
    // Bytes that repeat no pattern (a linear congruential generator from seed).
    static QByteArray noise(qsizetype size, quint32 seed);
    QTemporaryDir m_dir;
};

void tst_PythonScript::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_PythonScript::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString tst_PythonScript::runPython(const QStringList &args, int *exitCode, QString *errors)
{
    QProcess python;
    python.start(QStringLiteral("python3"), args);
    if (!python.waitForStarted(5000) || !python.waitForFinished(30000)) {
        python.kill();
        python.waitForFinished(5000);
        *exitCode = -1;
        return {};
    }
    *exitCode = python.exitStatus() == QProcess::NormalExit ? python.exitCode() : -1;
    const QString stderrText = QString::fromUtf8(python.readAllStandardError());
    if (errors)
        *errors = stderrText;
    if (*exitCode != 0)
        qWarning("python3 failed: %s", qPrintable(stderrText));
    return QString::fromUtf8(python.readAllStandardOutput());
}

bool tst_PythonScript::writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text.toUtf8()) >= 0 && file.flush();
}

QByteArray tst_PythonScript::noise(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes) {
        seed = seed * 1103515245u + 12345u;
        c = char(seed >> 24);
    }
    return bytes;
}

// The script without comments and blank lines.
QStringList tst_PythonScript::codeLines(const QString &script)
{
    QStringList lines;
    for (const QString &line : script.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty() && !line.trimmed().startsWith(QLatin1Char('#')))
            lines << line;
    }
    return lines;
}

void tst_PythonScript::formatsEachKindOfCall()
{
    Journal journal;
    SocketRegistry sockets;
    auto done = [&](const Call &call, const QString &result) { journal.finish(journal.begin(call), Outcome::ok(result)); };
    Call created = made(CallKind::Socket, -1);
    created.newSocketId = 1;
    created.family = AF_INET;
    created.type = SOCK_DGRAM;
    done(created, QStringLiteral("<socket.socket fd=5, family=2, type=2, proto=0>"));
    done(made(CallKind::Bind, 1, QStringLiteral("127.0.0.1:0")), QStringLiteral("None"));
    done(made(CallKind::SendTo, 1, QStringLiteral("127.0.0.1:9"), "hi"), QStringLiteral("2"));
    journal.finish(journal.begin(made(CallKind::Connect, 1, QStringLiteral("127.0.0.1:1"))), Outcome::osError(ECONNREFUSED));
    done(made(CallKind::RecvFrom, 1, {}, {}, 100), QStringLiteral("(b'x\\ny', ('127.0.0.1', 9))"));
    const CallId cancelled = journal.begin(made(CallKind::Recv, 1, {}, {}, 10));
    journal.finish(cancelled, Outcome::cancelled(QStringLiteral("cancelled by the user")));
    done(made(CallKind::GetHostName, -1), QStringLiteral("'vm'"));
    journal.begin(made(CallKind::Recv, 1, {}, {}, 20));

    const QString script = pythonScript(journal, sockets);
    QVERIFY(script.startsWith(QStringLiteral("#!/usr/bin/env python3\n")));
    QVERIFY(script.contains(QStringLiteral("\nimport socket, struct\n")));
    QVERIFY(script.contains(QStringLiteral("\ndef report(error):\n")));
    QVERIFY(script.contains(QStringLiteral("\nsk1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  "
                                           "# -> <socket.socket fd=5, family=2, type=2, proto=0>\n")));
    QVERIFY(script.contains(QStringLiteral("\nsk1.bind(('127.0.0.1', 0))  # -> None\n")));
    QVERIFY(script.contains(QStringLiteral("\nsk1.sendto(b'hi', ('127.0.0.1', 9))  # -> 2\n")));
    QVERIFY(script.contains(QStringLiteral("\ntry:\n    sk1.connect(('127.0.0.1', 1))  # raised ConnectionRefusedError: "
                                           "[Errno 111] Connection refused\nexcept Exception as error:\n"
                                           "    report(error)\n")));
    QVERIFY(script.contains(QStringLiteral("\nprint(sk1.recvfrom(100))  # -> (b'x\\ny', ('127.0.0.1', 9))\n")));
    QVERIFY(script.contains(QStringLiteral("\n# cancelled (cancelled by the user): sk1.recv(10)\n")));
    QVERIFY(script.contains(QStringLiteral("\nsocket.gethostname()  # -> 'vm'\n")));
    QVERIFY(script.endsWith(QStringLiteral("\n# still pending at export: sk1.recv(20)\n")));
    // Deterministic: the same journal, the same script.
    QCOMPARE(pythonScript(journal, sockets), script);

    // And it is Python: it compiles.
    const QString path = m_dir.filePath(QStringLiteral("format.py"));
    QVERIFY(writeFile(path, script));
    int exitCode = -1;
    runPython({QStringLiteral("-m"), QStringLiteral("py_compile"), path}, &exitCode);
    QCOMPARE(exitCode, 0);
}

void tst_PythonScript::waitingCallsComeAfterWhatWokeThem()
{
    // An accept made before the connect that satisfied it, and a send queued behind a recv on
    // the same socket: the script must connect before it accepts, and keep recv before send.
    Journal journal;
    SocketRegistry sockets;
    Call acceptCall = made(CallKind::Accept, 1);
    acceptCall.newSocketId = 3;
    const CallId accept = journal.begin(acceptCall);
    const CallId recv = journal.begin(made(CallKind::Recv, 4, {}, {}, 10));
    const CallId queuedSend = journal.begin(made(CallKind::Send, 4, {}, "after"));
    const CallId connect = journal.begin(made(CallKind::Connect, 2, QStringLiteral("127.0.0.1:8080")));
    journal.finish(connect, Outcome::ok(QStringLiteral("None")));
    journal.finish(accept, Outcome::ok(QStringLiteral("(<socket.socket>, ('127.0.0.1', 5000))")));
    const CallId send = journal.begin(made(CallKind::Send, 2, {}, "x"));
    journal.finish(send, Outcome::ok(QStringLiteral("1")));
    journal.finish(recv, Outcome::ok(QStringLiteral("b'x'")));
    journal.finish(queuedSend, Outcome::ok(QStringLiteral("5")));

    const QStringList lines = codeLines(pythonScript(journal, sockets));
    auto lineOf = [&](const QString &prefix) {
        for (int i = 0; i < lines.size(); ++i) {
            if (lines[i].startsWith(prefix))
                return i;
        }
        return -1;
    };
    QVERIFY(lineOf(QStringLiteral("sk2.connect(")) >= 0);
    QVERIFY(lineOf(QStringLiteral("sk2.connect(")) < lineOf(QStringLiteral("sk3, addr = sk1.accept()")));
    QVERIFY(lineOf(QStringLiteral("sk2.send(b'x')")) < lineOf(QStringLiteral("print(sk4.recv(10))")));
    QVERIFY(lineOf(QStringLiteral("print(sk4.recv(10))")) < lineOf(QStringLiteral("sk4.send(b'after')")));
}

void tst_PythonScript::longPayloadsAreWrittenInFull_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("noise") << noise(1000, 12345);
    QTest::newRow("repeated unit") << QByteArray("abc").repeated(200);
    QTest::newRow("repeated unit, cut") << QByteArray("0123456789\r\n").repeated(50) + "01234";
    QTest::newRow("quotes and backslashes") << QByteArray("it's \"x\" \\ ").repeated(30) + "end'\"";
    QTest::newRow("zeros") << QByteArray(300, '\0');
}

void tst_PythonScript::longPayloadsAreWrittenInFull()
{
    QFETCH(QByteArray, payload);
    Journal journal;
    SocketRegistry sockets;
    journal.finish(journal.begin(made(CallKind::Send, 1, {}, payload)), Outcome::ok(QString::number(payload.size())));
    const QString script = pythonScript(journal, sockets);
    for (const QString &line : codeLines(script))
        QVERIFY2(!line.contains(QChar(0x2026)), qPrintable(line));

    // Replace the socket by one that writes the bytes it is given to stdout as hex.
    const QString probe = QStringLiteral(
        "import sys\n"
        "class Probe:\n"
        "    def send(self, data):\n"
        "        sys.stdout.write(data.hex())\n"
        "        return len(data)\n"
        "sk1 = Probe()\n");
    QString body = script;
    body.replace(QStringLiteral("\nimport socket, struct\n"), QStringLiteral("\nimport socket, struct\n") + probe);
    const QString path = m_dir.filePath(QStringLiteral("payload.py"));
    QVERIFY(writeFile(path, body));
    int exitCode = -1;
    const QString out = runPython({path}, &exitCode);
    QCOMPARE(exitCode, 0);
    QCOMPARE(QByteArray::fromHex(out.toLatin1()), payload);
}

void tst_PythonScript::sessionReplaysInPython()
{
    // The peer: a TCP echo (upper-cases), a UDP echo (upper-cases) and a bound TCP socket that
    // never listens (connects to it are refused). It lives until killed, at most 90 s.
    const QString peerScript = QStringLiteral(R"(
import signal, socket, threading
signal.alarm(90)
tcp = socket.socket(); tcp.bind(('127.0.0.1', 0)); tcp.listen(8)
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); udp.bind(('127.0.0.1', 0))
refused = socket.socket(); refused.bind(('127.0.0.1', 0))
print(tcp.getsockname()[1], udp.getsockname()[1], refused.getsockname()[1], flush=True)
def echo(conn):
    with conn:
        while data := conn.recv(65536):
            conn.sendall(data.upper())
def serve():
    while True:
        conn, _ = tcp.accept()
        threading.Thread(target=echo, args=(conn,), daemon=True).start()
threading.Thread(target=serve, daemon=True).start()
while True:
    data, peer = udp.recvfrom(65536)
    udp.sendto(data.upper(), peer)
)");
    QProcess peer;
    peer.start(QStringLiteral("python3"), {QStringLiteral("-c"), peerScript});
    QVERIFY(peer.waitForStarted(5000));
    const auto stopPeer = qScopeGuard([&peer] {
        peer.kill();
        peer.waitForFinished(5000);
    });
    for (int i = 0; i < 100 && !peer.canReadLine(); ++i)
        peer.waitForReadyRead(100);
    const QStringList ports = QString::fromLatin1(peer.readLine()).split(QLatin1Char(' '));
    QCOMPARE(ports.size(), 3);
    const QString tcpPort = ports[0].trimmed(), udpPort = ports[1].trimmed(), refusedPort = ports[2].trimmed();
    const QString unixPath = m_dir.filePath(QStringLiteral("session.sock"));

    const QByteArray random = noise(1000, 777);
    const QByteArray repeated = QByteArray("ab\0c", 4).repeated(150) + "ab";

    QStringList expected; // what the script must print: the session's recv results and exceptions, in order
    {
        Workbench wb;
        // TCP to the echo peer.
        const int sk1 = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        QVERIFY(succeeded(finished(wb, wb.connect(sk1, address(QStringLiteral("127.0.0.1:") + tcpPort, AF_INET)))));
        QVERIFY(succeeded(finished(wb, wb.sendAll(sk1, "hello\n"))));
        CallRecord got = finished(wb, wb.recv(sk1, 100));
        QCOMPARE(got.outcome.result, QStringLiteral("b'HELLO\\n'"));
        expected << got.outcome.result;

        // A refused connect: the script goes on after it.
        const int sk2 = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        got = finished(wb, wb.connect(sk2, address(QStringLiteral("127.0.0.1:") + refusedPort, AF_INET)));
        QCOMPARE(got.outcome.errorName, QStringLiteral("ECONNREFUSED"));
        expected << got.outcome.result;

        // UDP with payloads longer than the journal line shows.
        const int sk3 = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
        const SocketAddress udpPeer = address(QStringLiteral("127.0.0.1:") + udpPort, AF_INET);
        for (const QByteArray &payload : {random, repeated}) {
            const CallRecord sent = finished(wb, wb.sendTo(sk3, payload, udpPeer));
            QVERIFY(succeeded(sent));
            QVERIFY(sent.call.contains(QChar(0x2026)));
            got = finished(wb, wb.recvFrom(sk3, 4096));
            QVERIFY(succeeded(got));
            QCOMPARE(got.outcome.data, payload.toUpper());
            // The journal shortens long data; Python prints it all.
            QCOMPARE(got.outcome.address, udpPeer);
            expected << QStringLiteral("(%1, %2)").arg(pythonBytesLiteral(got.outcome.data), udpPeer.toPython());
        }

        // A failed lookup and a good one.
        got = finished(wb, wb.gethostbyname(QStringLiteral("nonexistent.invalid")));
        QCOMPARE(got.outcome.status, CallStatus::Failed);
        QVERIFY(got.outcome.result.startsWith(QStringLiteral("socket.gaierror: ")));
        expected << got.outcome.result;
        QVERIFY(succeeded(finished(wb, wb.gethostbyname(QStringLiteral("localhost")))));

        // A UNIX pair inside the session, the accept made before the connect that answers it.
        const int sk4 = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
        QVERIFY(succeeded(finished(wb, wb.bind(sk4, address(unixPath, AF_UNIX)))));
        QVERIFY(succeeded(finished(wb, wb.listen(sk4, 1))));
        const CallId accept = wb.accept(sk4);
        const int sk6 = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
        QVERIFY(succeeded(finished(wb, wb.connect(sk6, address(unixPath, AF_UNIX)))));
        got = finished(wb, accept);
        QVERIFY(succeeded(got));
        const int accepted = got.outcome.socketId;
        QVERIFY(succeeded(finished(wb, wb.send(sk6, "ping"))));
        got = finished(wb, wb.recv(accepted, 10));
        QCOMPARE(got.outcome.result, QStringLiteral("b'ping'"));
        expected << got.outcome.result;

        // A recv cancelled in the session, and one still waiting at export.
        const CallId waiting = wb.recv(sk3, 100);
        QVERIFY(wb.journal().isPending(waiting));
        QVERIFY(wb.cancel(waiting));
        QCOMPARE(finished(wb, waiting).outcome.status, CallStatus::Cancelled);
        const CallId pending = wb.recv(sk6, 100);
        for (const int id : {sk1, sk2, sk4})
            QVERIFY(succeeded(finished(wb, wb.close(id))));

        const QString script = pythonScript(wb.journal(), wb.sockets());
        QCOMPARE(pythonScript(wb.journal(), wb.sockets()), script);
        QVERIFY(wb.journal().isPending(pending));
        const QString udp = QStringLiteral("sk%1").arg(sk3), client = QStringLiteral("sk%1").arg(sk6);
        QVERIFY(script.contains(QStringLiteral("# cancelled (cancelled by the user): %1.recv(100)").arg(udp)));
        QVERIFY(script.contains(QStringLiteral("# still pending at export: %1.recv(100)").arg(client)));
        QVERIFY(script.contains(QStringLiteral("print(%1.recvfrom(4096))").arg(udp)));
        const qsizetype acceptAt = script.indexOf(QStringLiteral(" = sk%1.accept()").arg(sk4));
        QVERIFY(acceptAt > 0);
        const qsizetype connectAt = script.indexOf(QStringLiteral("\n%1.connect(").arg(client));
        QVERIFY(connectAt > 0 && connectAt < acceptAt);

        const QString path = m_dir.filePath(QStringLiteral("session.py"));
        QVERIFY(writeFile(path, script));
        // The session's socket file is gone once its listener closed (the workbench removes what
        // it created), or still there if the listener is open: either way the script binds afresh.
        QFile::remove(unixPath);
        QVERIFY(!QFile::exists(unixPath));

        int exitCode = -1;
        QString errors;
        const QString out = runPython({path}, &exitCode, &errors);
        QVERIFY2(exitCode == 0, qPrintable(script + QStringLiteral("\n---\n") + errors));
        QCOMPARE(out.split(QLatin1Char('\n'), Qt::SkipEmptyParts), expected);
    }
}

void tst_PythonScript::schedulesAndRulesExport()
{
    Workbench wb;
    const int receiver = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    QCOMPARE(finished(wb, wb.bind(receiver, address(QStringLiteral("127.0.0.1:0"), AF_INET))).outcome.status, CallStatus::Done);
    Rule pong;
    pong.match = MatchKind::Regex;
    pong.pattern = QStringLiteral("^ping (\\d+)");
    pong.reply = ReplyKind::Template;
    pong.replyText = QStringLiteral("pong {1} #{counter}\\n");
    Rule other;
    other.match = MatchKind::HexPattern;
    other.pattern = QStringLiteral("ff ?? 00");
    other.reply = ReplyKind::Echo;
    other.after = AfterReply::Close;
    wb.setRules(receiver, {pong, other});
    const int sender = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    Schedule ping;
    ping.socketId = sender;
    ping.kind = CallKind::SendTo;
    ping.address = wb.sockets().info(receiver).local;
    ping.payload = QStringLiteral("ping {counter}");
    ping.intervalMs = 20;
    ping.count = 5;
    QVERIFY(std::holds_alternative<int>(wb.startSchedule(ping)));
    QTRY_VERIFY_WITH_TIMEOUT(!wb.schedules().first().running, 5000);
    QCOMPARE(wb.schedules().first().sent, 5u);
    QTRY_COMPARE_WITH_TIMEOUT(wb.rules(receiver).first().hits, 5u, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(wb.journal().oldestPending(receiver) == 0, 5000);

    const QString script = pythonScript(wb.journal(), wb.sockets(), scriptResponders(wb));
    const QString senderName = socketName(sender), receiverName = socketName(receiver);
    QVERIFY2(script.contains(QStringLiteral("for counter in range(1, 6):\n    %1.sendto(b'ping ' + str(counter).encode(), ").arg(senderName)), qPrintable(script));
    QVERIFY(script.contains(QStringLiteral("        time.sleep(0.02)")));
    QCOMPARE(script.count(QStringLiteral(".sendto(b'ping")), 1); // one loop, not five calls
    QVERIFY(script.contains(QStringLiteral("(sent by rule 1)")));
    QVERIFY(script.contains(QStringLiteral("# def answer_%1(data, peer, counter):").arg(receiverName)));
    const QString path = m_dir.filePath(QStringLiteral("responders.py"));
    QVERIFY(writeFile(path, script));
    int exitCode = -1;
    QString errors;
    runPython({path}, &exitCode, &errors);
    QVERIFY2(exitCode == 0, qPrintable(script + QStringLiteral("\n---\n") + errors));

    // The commented-out rules, uncommented, answer as the engine's rules do.
    const qsizetype from = script.indexOf(QStringLiteral("# def answer_"));
    const qsizetype to = script.indexOf(QStringLiteral("#     return None"), from);
    QVERIFY(from > 0 && to > from);
    QString function;
    for (const QString &line : script.mid(from, to - from + 17).split(QLatin1Char('\n')))
        function += line.mid(2) + QLatin1Char('\n');
    function = QStringLiteral("import re, time\n") + function
        + QStringLiteral("print(answer_%1(b'ping 42 x', '127.0.0.1:9', 7))\n"
                         "print(answer_%1(b'\\x01\\xff\\x10\\x00', '127.0.0.1:9', 1))\n"
                         "print(answer_%1(b'nothing', '127.0.0.1:9', 1))\n").arg(receiverName);
    const QString out = runPython({QStringLiteral("-c"), function}, &exitCode, &errors);
    QVERIFY2(exitCode == 0, qPrintable(function + errors));
    RuleBook book({pong, other});
    const auto first = book.answer("ping 42 x", {});
    QVERIFY(first);
    QCOMPARE(first->reply, QByteArray("pong 42 #1\n"));
    QCOMPARE(out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
             (QStringList{QStringLiteral("b'pong 42 #7\\n'"), QStringLiteral("(b'\\x01\\xff\\x10\\x00', 'close')"), QStringLiteral("None")}));
}

QTEST_GUILESS_MAIN(tst_PythonScript)
#include "tst_pythonscript.moc"
