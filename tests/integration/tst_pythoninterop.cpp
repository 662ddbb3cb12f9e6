#include "tests/core/testsupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

using namespace core;
using namespace testsupport;

// The core against CPython's socket module, the reference our vocabulary comes from: each side
// plays client and server over TCP, UDP and UNIX on loopback. Every peer script has a timeout.
class tst_PythonInterop : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void initTestCase();
    void pythonClientToCoreServer_data();
    void pythonClientToCoreServer();
    void coreClientToPythonServer_data();
    void coreClientToPythonServer();
    void udpBothWays();

private:
    // Starts python3 with a script; the script prints one line (its address) when ready.
    bool startPeer(QProcess &python, const QString &script, const QStringList &args, QString *firstLine);
    QTemporaryDir m_dir;
};

void tst_PythonInterop::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_PythonInterop::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

bool tst_PythonInterop::startPeer(QProcess &python, const QString &script, const QStringList &args, QString *firstLine)
{
    python.setProcessChannelMode(QProcess::SeparateChannels);
    python.start(QStringLiteral("python3"), QStringList{QStringLiteral("-c"), script} + args);
    if (!python.waitForStarted(5000))
        return false;
    if (!firstLine)
        return true;
    while (!python.canReadLine()) {
        if (!python.waitForReadyRead(10000)) {
            qWarning("python peer said nothing: %s", python.readAllStandardError().constData());
            return false;
        }
    }
    *firstLine = QString::fromUtf8(python.readLine()).trimmed();
    return true;
}

void tst_PythonInterop::pythonClientToCoreServer_data()
{
    QTest::addColumn<int>("family");
    QTest::newRow("TCP") << int(AF_INET);
    QTest::newRow("TCP6") << int(AF_INET6);
    QTest::newRow("UNIX") << int(AF_UNIX);
}

void tst_PythonInterop::pythonClientToCoreServer()
{
    QFETCH(int, family);
    Workbench wb;
    const Listener l = listener(wb, family, m_dir, SOCK_STREAM, QStringLiteral("core-server"));
    QVERIFY(l.address.isValid());
    const QString script = QStringLiteral(R"(
import socket, sys
family = int(sys.argv[1])
addr = sys.argv[2] if family == socket.AF_UNIX else (sys.argv[2], int(sys.argv[3]))
s = socket.socket(family, socket.SOCK_STREAM)
s.settimeout(10)
s.connect(addr)
s.sendall(b'hello from python\x00\xff')
s.shutdown(socket.SHUT_WR)
data = b''
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
print(repr(data))
)");
    QProcess python;
    QStringList args{QString::number(family), l.address.host()};
    if (family != AF_UNIX)
        args << QString::number(l.address.port());
    QVERIFY(startPeer(python, script, args, nullptr));

    const CallRecord accepted = finished(wb, wb.accept(l.id), 10000);
    QVERIFY(succeeded(accepted));
    const int conn = accepted.outcome.socketId;
    const CallRecord got = finished(wb, wb.recv(conn, 100, MSG_WAITALL), 10000);
    QCOMPARE(got.outcome.data, QByteArray("hello from python\x00\xff", 19));
    QCOMPARE(got.outcome.result, QStringLiteral("b'hello from python\\x00\\xff'"));
    QVERIFY(succeeded(finished(wb, wb.sendAll(conn, got.outcome.data.toUpper()))));
    QVERIFY(succeeded(finished(wb, wb.close(conn))));

    QVERIFY(python.waitForFinished(10000));
    QCOMPARE(python.exitCode(), 0);
    // Python's repr of what it received, and ours of the same bytes, are the same text.
    QCOMPARE(QString::fromUtf8(python.readAllStandardOutput()).trimmed(), QStringLiteral("b'HELLO FROM PYTHON\\x00\\xff'"));
}

void tst_PythonInterop::coreClientToPythonServer_data()
{
    pythonClientToCoreServer_data();
}

void tst_PythonInterop::coreClientToPythonServer()
{
    QFETCH(int, family);
    const QString path = m_dir.filePath(QStringLiteral("py-server-%1.sock").arg(family));
    const QString script = QStringLiteral(R"(
import socket, sys
family = int(sys.argv[1])
s = socket.socket(family, socket.SOCK_STREAM)
s.settimeout(10)
s.bind(sys.argv[2] if family == socket.AF_UNIX else (sys.argv[2], 0))
s.listen(1)
print(sys.argv[2] if family == socket.AF_UNIX else s.getsockname()[1], flush=True)
c, addr = s.accept()
c.settimeout(10)
data = c.recv(1024)
c.sendall(b'echo:' + data)
c.close()
)");
    QProcess python;
    QString ready;
    const QString host = family == AF_UNIX ? path : family == AF_INET ? QStringLiteral("127.0.0.1") : QStringLiteral("::1");
    QVERIFY(startPeer(python, script, {QString::number(family), host}, &ready));
    const SocketAddress target = family == AF_UNIX  ? address(ready, family)
                                 : family == AF_INET ? address(QStringLiteral("127.0.0.1:") + ready, family)
                                                     : address(QStringLiteral("[::1]:") + ready, family);
    Workbench wb;
    const int s = wb.createSocket(family, SOCK_STREAM).socketId;
    wb.setTimeout(s, 10.0);
    QVERIFY(succeeded(finished(wb, wb.connect(s, target), 10000)));
    QVERIFY(succeeded(finished(wb, wb.sendAll(s, "ping"))));
    QByteArray all;
    for (int i = 0; i < 10 && !all.endsWith("ping"); ++i) {
        const CallRecord r = finished(wb, wb.recv(s, 1024), 10000);
        QVERIFY(succeeded(r));
        if (r.outcome.data.isEmpty())
            break;
        all += r.outcome.data;
    }
    QCOMPARE(all, QByteArray("echo:ping"));
    QCOMPARE(finished(wb, wb.recv(s, 1024), 10000).outcome.result, QStringLiteral("b''"));
    QVERIFY(python.waitForFinished(10000));
    QCOMPARE(python.exitCode(), 0);
}

void tst_PythonInterop::udpBothWays()
{
    const QString script = QStringLiteral(R"(
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(10)
s.bind(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
for _ in range(3):
    data, peer = s.recvfrom(2048)
    s.sendto(b'got ' + data, peer)
print(repr(peer), flush=True)
)");
    QProcess python;
    QString port;
    QVERIFY(startPeer(python, script, {}, &port));
    Workbench wb;
    const int s = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    wb.setTimeout(s, 10.0);
    const SocketAddress target = address(QStringLiteral("127.0.0.1:") + port, AF_INET);
    for (const char *m : {"a", "bb", "ccc"}) {
        QVERIFY(succeeded(finished(wb, wb.sendTo(s, m, target))));
        const CallRecord r = finished(wb, wb.recvFrom(s, 2048), 10000);
        QCOMPARE(r.outcome.data, QByteArray("got ") + m);
        QCOMPARE(r.outcome.address, target);
    }
    QVERIFY(python.waitForFinished(10000));
    QCOMPARE(python.exitCode(), 0);
    // Python names our socket (auto-bound to 0.0.0.0 by sendto, seen from 127.0.0.1) exactly as
    // we render that address.
    const QString pythonSaw = QString::fromUtf8(python.readAllStandardOutput()).trimmed();
    const SocketAddress ours = finished(wb, wb.sockName(s)).outcome.address;
    QCOMPARE(ours.host(), QStringLiteral("0.0.0.0"));
    QCOMPARE(pythonSaw, SocketAddress::ipv4(0x7f000001, ours.port()).toPython());
}

QTEST_GUILESS_MAIN(tst_PythonInterop)
#include "tst_pythoninterop.moc"
