#include "session/callchain.h"
#include "session/quickopen.h"
#include "session/session.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace core;
using namespace testsupport;

// Session files (versioned JSON, sockets only) and command-line quick openers, applied to a
// real Workbench on loopback.
class tst_Session : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void rejects_data();
    void rejects();
    void quickOpen_data();
    void quickOpen();
    void quickOpenRejects_data();
    void quickOpenRejects();
    void applyAndCapture();
};

void tst_Session::roundTrip()
{
    Session session;
    SocketSpec a;
    a.name = QStringLiteral("sk1");
    a.family = AF_INET;
    a.type = SOCK_STREAM;
    a.options.insert(QStringLiteral("SO_REUSEADDR"), QStringLiteral("1"));
    a.bind = address(QStringLiteral("127.0.0.1:8080"), AF_INET);
    a.listen = true;
    a.backlog = 2;
    a.watch = true;
    SocketSpec b;
    b.family = AF_UNIX;
    b.type = SOCK_SEQPACKET;
    b.connect = address(QStringLiteral("@abstract-lab"), AF_UNIX);
    b.mode = BlockingMode::Timeout;
    b.timeout = 2.5;
    // Found by fuzz_session: an IPv6 flow label and an abstract name's escapes survive the file.
    SocketSpec c;
    c.family = AF_INET6;
    c.type = SOCK_DGRAM;
    c.connect = address(QStringLiteral("('::1', 9000, 5, 0)"), AF_INET6);
    SocketSpec d;
    d.family = AF_UNIX;
    d.type = SOCK_DGRAM;
    d.bind = address(QStringLiteral("@lab\\x00\\\\x\\x20"), AF_UNIX);
    session.sockets << a << b << c << d;
    const QByteArray json = sessionToJson(session);
    QVERIFY(json.contains("\"format\": \"socket-workbench-session\""));
    QVERIFY(json.contains("\"version\": 1"));
    const auto back = sessionFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back->sockets.size(), 4);
    const SocketSpec &a2 = back->sockets[0];
    QCOMPARE(a2.bind, a.bind);
    QCOMPARE(a2.backlog, 2);
    QVERIFY(a2.listen && a2.watch);
    QCOMPARE(a2.options, a.options);
    const SocketSpec &b2 = back->sockets[1];
    QCOMPARE(b2.type, int(SOCK_SEQPACKET));
    QCOMPARE(b2.connect, b.connect);
    QCOMPARE(b2.mode, BlockingMode::Timeout);
    QCOMPARE(b2.timeout, 2.5);
    QCOMPARE(back->sockets[2].connect.flowInfo(), 5u);
    QCOMPARE(back->sockets[2].connect, c.connect);
    QCOMPARE(back->sockets[3].bind.unixPath(), QByteArray("\0lab\0\\x ", 8));
    QCOMPARE(back->sockets[3].bind, d.bind);
}

void tst_Session::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArray("hello") << "not a session file";
    QTest::newRow("other json") << QByteArray("{\"a\": 1}") << "not a Socket Workbench session";
    QTest::newRow("array") << QByteArray("[1,2]") << "not a Socket Workbench session";
    QTest::newRow("newer") << QByteArray(R"({"format":"socket-workbench-session","version":99,"sockets":[]})") << "newer";
    QTest::newRow("no sockets") << QByteArray(R"({"format":"socket-workbench-session","version":1})") << "no \"sockets\"";
    QTest::newRow("bad family") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_X","type":"SOCK_STREAM"}]})") << "socket 1: family";
    QTest::newRow("bad port") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","bind":"127.0.0.1:70000"}]})") << "outside 0-65535";
    QTest::newRow("bad option") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_DGRAM","options":{"SO_NOPE":"1"}}]})") << "unknown option SO_NOPE";
    QTest::newRow("bad option value") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_DGRAM","options":{"SO_RCVBUF":"lots"}}]})") << "SO_RCVBUF";
    QTest::newRow("fractional option") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_DGRAM","options":{"SO_RCVBUF":1.5}}]})") << "'1.5' is not an integer";
    QTest::newRow("huge option") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_DGRAM","options":{"SO_RCVBUF":1e20}}]})") << "is not an integer";
    QTest::newRow("bad mode") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_DGRAM","mode":"fast"}]})") << "mode must be";
    QTest::newRow("bad timeout") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_DGRAM","mode":"timeout","timeout":-1}]})") << "timeout must be";
    QTest::newRow("socket not object") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[3]})") << "socket 1 is not an object";
}

void tst_Session::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const auto result = sessionFromJson(json);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
}

void tst_Session::quickOpen_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("listen");
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("addressText");
    QTest::newRow("tcp listen") << "tcp://127.0.0.1:8080" << true << int(AF_INET) << int(SOCK_STREAM) << "127.0.0.1:8080";
    QTest::newRow("udp listen") << "udp://127.0.0.1:9000" << true << int(AF_INET) << int(SOCK_DGRAM) << "127.0.0.1:9000";
    QTest::newRow("tcp6 connect") << "tcp://[::1]:80" << false << int(AF_INET6) << int(SOCK_STREAM) << "[::1]:80";
    QTest::newRow("unix listen") << "unix:/tmp/swb-test.sock" << true << int(AF_UNIX) << int(SOCK_STREAM) << "/tmp/swb-test.sock";
    QTest::newRow("unix abstract") << "unix:@lab" << false << int(AF_UNIX) << int(SOCK_STREAM) << "@lab";
    QTest::newRow("unix-dgram") << "unix-dgram:/tmp/d.sock" << true << int(AF_UNIX) << int(SOCK_DGRAM) << "/tmp/d.sock";
    QTest::newRow("unix-seqpacket") << "unix-seqpacket:/tmp/q.sock" << true << int(AF_UNIX) << int(SOCK_SEQPACKET) << "/tmp/q.sock";
}

void tst_Session::quickOpen()
{
    QFETCH(QString, url);
    QFETCH(bool, listen);
    QFETCH(int, family);
    QFETCH(int, type);
    QFETCH(QString, addressText);
    const auto spec = parseQuickOpen(url, listen);
    QVERIFY2(spec.ok(), qPrintable(spec.ok() ? QString() : spec.error().message));
    QCOMPARE(spec->family, family);
    QCOMPARE(spec->type, type);
    QCOMPARE((listen ? spec->bind : spec->connect).toText(), addressText);
    QVERIFY(spec->watch);
    QCOMPARE(spec->listen, listen && type != SOCK_DGRAM);
}

void tst_Session::quickOpenRejects_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no scheme") << "127.0.0.1:80" << "unknown scheme";
    QTest::newRow("bare") << "localhost" << "no scheme";
    QTest::newRow("ftp") << "ftp://x:1" << "unknown scheme 'ftp'";
    QTest::newRow("no slashes") << "tcp:127.0.0.1:80" << "tcp://host:port";
    QTest::newRow("bad port") << "tcp://127.0.0.1:99999" << "outside 0-65535";
    QTest::newRow("bad ip") << "udp://300.1.1.1:5" << "not an IPv4 address";
    QTest::newRow("long path") << QStringLiteral("unix:/") + QString(200, QLatin1Char('p')) << "limit is 107";
}

void tst_Session::quickOpenRejects()
{
    QFETCH(QString, url);
    QFETCH(QString, mentions);
    const auto spec = parseQuickOpen(url, true);
    QVERIFY(!spec.ok());
    QVERIFY2(spec.error().message.contains(mentions), qPrintable(spec.error().message));
}

// A listener and a client from a session file come up connected; capturing the live session
// gives back the same description.
void tst_Session::applyAndCapture()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lab.sock"));
    Session session;
    session.sockets << parseQuickOpen(QStringLiteral("unix:") + path, true).value()
                    << parseQuickOpen(QStringLiteral("unix:") + path, false).value();
    Workbench wb;
    CallChain *chain = applySession(wb, session);
    QSignalSpy done(chain, &CallChain::finished);
    QVERIFY(done.wait(5000));
    // Auto-accept made a third socket under the listener.
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().snapshot().size(), 3, 3000);
    const SocketInfo server = wb.sockets().info(1);
    QCOMPARE(server.state, SocketState::Listening);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(2).state, SocketState::Connected, 3000);
    QCOMPARE(wb.sockets().info(3).parentId, 1);
    QTRY_VERIFY_WITH_TIMEOUT(wb.sockets().info(2).watching, 3000);

    const Session captured = captureSession(wb.sockets());
    QCOMPARE(captured.sockets.size(), 2); // the accepted socket comes from its listener
    QCOMPARE(captured.sockets[0].bind.toText(), path);
    QVERIFY(captured.sockets[0].listen);
    QCOMPARE(captured.sockets[1].connect.toText(), path);
    QCOMPARE(sessionFromJson(sessionToJson(captured))->sockets.size(), 2);
}

QTEST_GUILESS_MAIN(tst_Session)
#include "tst_session.moc"
