#include "core/recipes/callchain.h"
#include "core/recipes/examples.h"
#include "core/session/quickopen.h"
#include "core/session/session.h"
#include "tests/core/testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace core;
using namespace testsupport;

// Session files (versioned JSON, sockets only) and command-line quick openers, applied to a
// real Workbench on loopback.
class tst_Session : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void roundTrip();
    void rejects_data();
    void rejects();
    void quickOpen_data();
    void quickOpen();
    void quickOpenRejects_data();
    void quickOpenRejects();
    void applyAndCapture();
    void readsOnlyRegularFiles();
    void failedStepStopsItsSocket();
    void savedEchoLabReopens();
    void rulesAndSchedulesReopen();
    void versionOneStillOpens();
    void scheduleThatCannotStartIsSaid();
};

void tst_Session::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_Session::roundTrip()
{
    Session session;
    SocketSpec a;
    a.name = QStringLiteral("sk1");
    a.family = AF_INET;
    a.type = SOCK_STREAM;
    a.options.set(*findOption(u"SO_REUSEADDR"), encodeOption(*findOption(u"SO_REUSEADDR"), u"1").value());
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
    Rule regex;
    regex.match = MatchKind::Regex;
    regex.pattern = QStringLiteral("^GET (\\S+)");
    regex.caseSensitive = false;
    regex.reply = ReplyKind::Template;
    regex.replyText = QStringLiteral("HTTP/1.0 200 OK\\r\\n\\r\\n{1} #{counter}");
    regex.after = AfterReply::Close;
    regex.delayMs = 5;
    regex.note = QStringLiteral("web");
    Rule hex;
    hex.enabled = false;
    hex.match = MatchKind::HexPattern;
    hex.pattern = QStringLiteral("de ad ?? ef");
    hex.reply = ReplyKind::Fixed;
    hex.replyText = QStringLiteral("01 02");
    hex.replyForm = ByteForm::Hex;
    a.rules << regex << hex;
    Schedule every;
    every.kind = CallKind::SendTo;
    every.address = address(QStringLiteral("127.0.0.1:9999"), AF_INET);
    every.payload = QStringLiteral("ping {counter}\\n");
    every.intervalMs = 250;
    every.count = 0;
    Schedule burst;
    burst.kind = CallKind::Send;
    burst.form = ByteForm::Hex;
    burst.payload = QStringLiteral("00 ff");
    burst.burst = true;
    burst.count = 1000;
    c.family = AF_INET6;
    SocketSpec e;
    e.family = AF_INET;
    e.type = SOCK_DGRAM;
    e.schedules << every << burst;
    session.sockets << a << b << c << d << e;
    session.payloads << SavedPayload{QStringLiteral("hello"), ByteForm::Text, QStringLiteral("hi\\r\\n"), QStringLiteral("greeting")};
    const QByteArray json = sessionToJson(session);
    QVERIFY(json.contains("\"format\": \"socket-workbench-session\""));
    QVERIFY(json.contains("\"version\": 2"));
    const auto back = sessionFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back->sockets.size(), 5);
    QCOMPARE(back->sockets[0].rules, a.rules);
    QCOMPARE(back->sockets[4].schedules, e.schedules);
    QCOMPARE(back->payloads, session.payloads);
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
    QTest::newRow("backlog 2^40") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","backlog":1099511627776}]})") << QStringLiteral("backlog must be a whole number");
    QTest::newRow("backlog 1.5") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","backlog":1.5}]})") << QStringLiteral("backlog must be a whole number");
    QTest::newRow("backlog text") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","backlog":"5"}]})") << QStringLiteral("backlog must be a whole number");
    QTest::newRow("listen text") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","listen":"yes"}]})") << QStringLiteral("listen must be true or false");
    QTest::newRow("watch number") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","watch":1}]})") << QStringLiteral("watch must be true or false");
    QTest::newRow("options list") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","options":[["SO_REUSEADDR",1]]}]})") << QStringLiteral("options must be an object");
    QTest::newRow("option null") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","options":{"SO_REUSEADDR":null}}]})") << QStringLiteral("the value must be a number or a string");
    QTest::newRow("bind number") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","bind":8080}]})") << QStringLiteral("bind must be an address string");
    QTest::newRow("connect empty") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","connect":""}]})") << QStringLiteral("connect must be an address string");
    QTest::newRow("name number") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","name":1}]})") << QStringLiteral("name must be a string");
    QTest::newRow("unknown field") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","bakclog":5}]})") << QStringLiteral("unknown field \"bakclog\"");
    QTest::newRow("connect_socket unknown") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","connect":"127.0.0.1:1","connect_socket":"sk9"}]})") << QStringLiteral("no socket named sk9 before this one");
    QTest::newRow("version 3") << QByteArray(R"({"format":"socket-workbench-session","version":3,"sockets":[]})") << QStringLiteral("newer than this program reads (2)");
    QTest::newRow("bad regex") << QByteArray(R"({"format":"socket-workbench-session","version":2,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","rules":[{"match":"regex","pattern":"(","reply":"echo"}]}]})") << QStringLiteral("socket 1: rule 1: pattern: regular expression");
    QTest::newRow("unknown macro") << QByteArray(R"({"format":"socket-workbench-session","version":2,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","rules":[{"match":"any","reply":"template","reply_text":"{nope}"}]}]})") << QStringLiteral("rule 1: reply_text: unknown macro {nope}");
    QTest::newRow("rule field") << QByteArray(R"({"format":"socket-workbench-session","version":2,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","rules":[{"match":"any","reply":"echo","colour":1}]}]})") << QStringLiteral("rule 1: unknown field \"colour\"");
    QTest::newRow("rule match") << QByteArray(R"({"format":"socket-workbench-session","version":2,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","rules":[{"match":"like","reply":"echo"}]}]})") << QStringLiteral("rule 1: match must be one of");
    QTest::newRow("rule delay") << QByteArray(R"({"format":"socket-workbench-session","version":2,"sockets":[{"family":"AF_INET","type":"SOCK_STREAM","rules":[{"match":"any","reply":"echo","delay_ms":-1}]}]})") << QStringLiteral("rule 1: delay_ms must be a whole number");
    QTest::newRow("schedule interval") << QByteArray(R"({"format":"socket-workbench-session","version":2,"sockets":[{"family":"AF_INET","type":"SOCK_DGRAM","schedules":[{"call":"send","payload":"x","interval_ms":0,"count":1}]}]})") << QStringLiteral("schedule 1: interval_ms must be a whole number");
    QTest::newRow("schedule call") << QByteArray(R"({"format":"socket-workbench-session","version":2,"sockets":[{"family":"AF_INET","type":"SOCK_DGRAM","schedules":[{"call":"recv","payload":"x","count":1}]}]})") << QStringLiteral("schedule 1: call must be send, sendall or sendto");
    QTest::newRow("schedule address") << QByteArray(R"({"format":"socket-workbench-session","version":2,"sockets":[{"family":"AF_INET","type":"SOCK_DGRAM","schedules":[{"call":"sendto","payload":"x","count":1,"address":"nowhere"}]}]})") << QStringLiteral("schedule 1: address:");
    QTest::newRow("payload form") << QByteArray(R"({"format":"socket-workbench-session","version":2,"sockets":[],"payloads":[{"name":"a","form":"morse","content":"x"}]})") << QStringLiteral("payloads: ");
    QTest::newRow("version huge") << QByteArray(R"({"format":"socket-workbench-session","version":1e20,"sockets":[]})") << QStringLiteral("newer");
    QTest::newRow("version 2.5") << QByteArray(R"({"format":"socket-workbench-session","version":2.5,"sockets":[]})") << QStringLiteral("newer");
    QTest::newRow("version text") << QByteArray(R"({"format":"socket-workbench-session","version":"1","sockets":[]})") << QStringLiteral("no valid \"version\"");
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

// Devices, FIFOs and directories are refused at once (a FIFO with no writer must not hang, and
// /dev/zero must not be read until memory runs out); a file past 16 MiB is refused whatever its
// size() says.
void tst_Session::readsOnlyRegularFiles()
{
    QTemporaryDir dir;
    QElapsedTimer clock;
    clock.start();
    auto device = readSessionFile(QStringLiteral("/dev/zero"));
    QVERIFY(!device.ok());
    QVERIFY2(device.error().message.contains(QStringLiteral("a device")), qPrintable(device.error().message));
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    auto fromFifo = readSessionFile(fifo);
    QVERIFY(!fromFifo.ok());
    QVERIFY2(fromFifo.error().message.contains(QStringLiteral("a FIFO")), qPrintable(fromFifo.error().message));
    auto fromDir = readSessionFile(dir.path());
    QVERIFY(!fromDir.ok());
    QVERIFY2(fromDir.error().message.contains(QStringLiteral("a directory")), qPrintable(fromDir.error().message));
    QVERIFY(clock.elapsed() < 2000);

    const QString big = dir.filePath(QStringLiteral("big.json"));
    QFile file(big);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(kMaxSessionFileBytes + 1)); // sparse: no 16 MiB written
    file.close();
    auto tooBig = readSessionFile(big);
    QVERIFY(!tooBig.ok());
    QVERIFY2(tooBig.error().message.contains(QStringLiteral("too large")), qPrintable(tooBig.error().message));
    auto missing = readSessionFile(dir.filePath(QStringLiteral("missing.json")));
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(QStringLiteral("No such file")), qPrintable(missing.error().message));

    const QString good = dir.filePath(QStringLiteral("good.json"));
    QFile goodFile(good);
    QVERIFY(goodFile.open(QIODevice::WriteOnly));
    goodFile.write(sessionToJson(Session()));
    goodFile.close();
    auto read = readSessionFile(good);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QVERIFY(sessionFromJson(read.value()).ok());
}

// Two listeners on one address (e.g. --listen given twice): the second bind fails with
// EADDRINUSE and nothing after it runs for that socket, so no listen() on an unbound socket
// makes the kernel listen on 0.0.0.0. The first socket is untouched; the failure is reported.
void tst_Session::failedStepStopsItsSocket()
{
    Workbench probe;
    const int holder = probe.createSocket(AF_INET, SOCK_STREAM).socketId;
    QVERIFY(succeeded(finished(probe, probe.bind(holder, address(QStringLiteral("127.0.0.1:0"), AF_INET)))));
    const quint16 port = finished(probe, probe.sockName(holder)).outcome.address.port();
    finished(probe, probe.close(holder)); // frees the port for the session below

    const QString url = QStringLiteral("tcp://127.0.0.1:%1").arg(port);
    Session session;
    session.sockets << parseQuickOpen(url, true).value() << parseQuickOpen(url, true).value();
    session.sockets[0].options.clear(); // no SO_REUSEADDR: the second bind must fail
    session.sockets[1].options.clear();
    Workbench wb;
    CallChain *chain = applySession(wb, session);
    QSignalSpy failed(chain, &CallChain::stepFailed);
    QSignalSpy done(chain, &CallChain::finished);
    QVERIFY(done.wait(5000));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed[0][0].toInt(), 1); // the second socket
    const CallRecord record = failed[0][1].value<CallRecord>();
    QVERIFY2(record.call.contains(QStringLiteral(".bind(('127.0.0.1', %1))").arg(port)), qPrintable(record.call));
    QCOMPARE(record.outcome.errorName, QStringLiteral("EADDRINUSE"));
    QCOMPARE(record.value->origin, CallOrigin::Session); // the journal says what made the call
    QCOMPARE(failed[0][2].toInt(), 2); // listen and watch did not run
    QVERIFY(CallChain::failureText(record, 2).contains(QStringLiteral("Address already in use; its 2 later steps did not run")));

    QCOMPARE(wb.sockets().info(1).state, SocketState::Listening);
    const SocketInfo second = wb.sockets().info(2);
    QCOMPARE(second.state, SocketState::Created);
    QVERIFY(!second.watching);
    QVERIFY(!second.local.isValid() || second.local.port() == 0);
    for (qsizetype i = 0; i < wb.journal().count(); ++i)
        QVERIFY2(!wb.journal().at(i).call.startsWith(QStringLiteral("sk2.listen")), "listen ran after a failed bind");
}

// The Loopback echo lab, saved and reopened: the listener was bound to port 0, so the client
// must follow the port the listener gets anew; names come back as they were; a socket in the
// error state is kept.
void tst_Session::savedEchoLabReopens()
{
    QByteArray json;
    {
        Workbench wb;
        finished(wb, wb.close(wb.createSocket(AF_INET, SOCK_DGRAM).socketId)); // sk1, closed: not saved
        CallChain *lab = startEchoLab(wb); // listener sk2, client sk3, accepted sk4
        QSignalSpy done(lab, &CallChain::finished);
        QVERIFY(done.wait(5000));
        // A refused client (sk5): the error state is part of what the session describes.
        const int refused = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        const CallRecord r = finished(wb, wb.connect(refused, address(QStringLiteral("127.0.0.1:1"), AF_INET)));
        QCOMPARE(r.outcome.errorName, QStringLiteral("ECONNREFUSED"));
        QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(refused).state, SocketState::Error, 3000);
        const Session captured = captureSession(wb.sockets());
        QCOMPARE(captured.sockets.size(), 3);
        QCOMPARE(captured.sockets[1].connectSocket, QStringLiteral("sk2"));
        QVERIFY(captured.sockets[2].connectSocket.isEmpty());
        json = sessionToJson(captured);
    }
    QVERIFY(json.contains("\"connect_socket\": \"sk2\""));
    const auto session = sessionFromJson(json);
    QVERIFY(session.ok());
    Workbench wb;
    CallChain *chain = applySession(wb, session.value());
    QSignalSpy done(chain, &CallChain::finished);
    QSignalSpy failed(chain, &CallChain::stepFailed);
    QVERIFY(done.wait(5000));
    QCOMPARE(failed.size(), 1); // the refused client, refused again
    QCOMPARE(failed[0][0].toInt(), 2);
    const SocketInfo listener = wb.sockets().info(2);
    const SocketInfo client = wb.sockets().info(3);
    QCOMPARE(listener.name, QStringLiteral("sk2"));
    QCOMPARE(client.name, QStringLiteral("sk3"));
    QCOMPARE(listener.state, SocketState::Listening);
    QCOMPARE(client.state, SocketState::Connected);
    QVERIFY(listener.local.port() != 0);
    QCOMPARE(client.peer, listener.local);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(5).state, SocketState::Error, 3000);
    QCOMPARE(wb.sockets().info(5).name, QStringLiteral("sk5"));
    QVERIFY(!wb.sockets().contains(1));

    // Into a window that has sk2 already: the names that are free are kept, the others move on.
    Workbench busy;
    busy.createSocket(AF_INET, SOCK_DGRAM);
    busy.createSocket(AF_INET, SOCK_DGRAM);
    CallChain *again = applySession(busy, session.value());
    QSignalSpy againDone(again, &CallChain::finished);
    QVERIFY(againDone.wait(5000));
    QCOMPARE(busy.sockets().info(3).name, QStringLiteral("sk3"));
    QCOMPARE(busy.sockets().info(3).state, SocketState::Listening); // the listener took the next number
    QCOMPARE(busy.sockets().info(4).state, SocketState::Connected);
    QCOMPARE(busy.sockets().info(4).peer, busy.sockets().info(3).local);
}

void tst_Session::rulesAndSchedulesReopen()
{
    // A listener that answers, and a UDP socket that pings it every 50 ms until stopped.
    Workbench first;
    Session session;
    SocketSpec server = parseQuickOpen(QStringLiteral("udp://127.0.0.1:0"), true).value();
    server.name = QStringLiteral("sk1");
    Rule pong;
    pong.match = MatchKind::StartsWith;
    pong.pattern = QStringLiteral("ping");
    pong.reply = ReplyKind::Template;
    pong.replyText = QStringLiteral("pong {counter}");
    server.rules << pong;
    session.sockets << server;
    CallChain *chain = applySession(first, session);
    QSignalSpy done(chain, &CallChain::finished);
    QVERIFY(done.wait(5000));
    const SocketAddress serverAddress = first.sockets().info(1).local;
    QVERIFY(serverAddress.isValid());
    const auto client = first.createSocket(AF_INET, SOCK_DGRAM);
    Schedule ping;
    ping.socketId = client.socketId;
    ping.kind = CallKind::SendTo;
    ping.address = serverAddress;
    ping.payload = QStringLiteral("ping {counter}");
    ping.intervalMs = 50;
    QVERIFY(std::holds_alternative<int>(first.startSchedule(ping)));
    QTRY_VERIFY_WITH_TIMEOUT(!first.rules(1).isEmpty() && first.rules(1).first().hits >= 2, 5000);

    const Session captured = captureSession(first);
    QCOMPARE(captured.sockets.size(), 2);
    QCOMPARE(captured.sockets[0].rules, QList<Rule>{pong});
    QCOMPARE(captured.sockets[1].schedules.size(), 1);
    QCOMPARE(captured.sockets[1].schedules[0].payload, ping.payload);
    const auto reread = sessionFromJson(sessionToJson(captured));
    QVERIFY2(reread.ok(), qPrintable(reread.ok() ? QString() : reread.error().message));

    // The second workbench binds the server to its own port: the schedule's saved address is the
    // first server's, which still answers; what matters here is that both come back and run.
    Workbench second;
    CallChain *again = applySession(second, *reread);
    QSignalSpy doneAgain(again, &CallChain::finished);
    QVERIFY(doneAgain.wait(5000));
    QCOMPARE(second.rules(1).size(), 1);
    QCOMPARE(second.rules(1).first().rule, pong);
    QTRY_VERIFY_WITH_TIMEOUT(!second.schedules().isEmpty() && second.schedules().first().sent >= 2, 5000);
    QVERIFY(second.schedules().first().running);
    QVERIFY(second.stopSchedule(second.schedules().first().id));
    QVERIFY(!second.schedules().first().running);
    QCOMPARE(second.schedules().first().stopReason, QStringLiteral("stopped"));
}

void tst_Session::versionOneStillOpens()
{
    const QByteArray v1 = R"({"format":"socket-workbench-session","version":1,"sockets":[
        {"name":"sk1","family":"AF_INET","type":"SOCK_STREAM","bind":"127.0.0.1:0","listen":true,"backlog":5,"watch":true}]})";
    const auto session = sessionFromJson(v1);
    QVERIFY2(session.ok(), qPrintable(session.ok() ? QString() : session.error().message));
    QCOMPARE(session->sockets.size(), 1);
    QVERIFY(session->sockets[0].rules.isEmpty());
    QVERIFY(session->payloads.isEmpty());
    Workbench wb;
    CallChain *chain = applySession(wb, *session);
    QSignalSpy done(chain, &CallChain::finished);
    QVERIFY(done.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(1).state, SocketState::Listening, 3000);
}

void tst_Session::scheduleThatCannotStartIsSaid()
{
    // A schedule whose payload file is gone by the time the session opens: the socket is made,
    // and the chain says why its schedule is not running (the window shows it, --run prints it).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tick.bin"));
    Schedule tick;
    tick.kind = CallKind::SendTo;
    tick.address = testsupport::address(QStringLiteral("127.0.0.1:9"), AF_INET);
    tick.form = ByteForm::File;
    tick.payload = path;
    tick.intervalMs = 100;
    SocketSpec spec;
    spec.family = AF_INET;
    spec.type = SOCK_DGRAM;
    spec.schedules << tick;
    Session session;
    session.sockets << spec;

    Workbench wb;
    CallChain *chain = applySession(wb, session);
    QSignalSpy noticed(chain, &CallChain::noticed);
    QSignalSpy done(chain, &CallChain::finished);
    QVERIFY(done.wait(5000));
    QCOMPARE(noticed.size(), 1);
    QCOMPARE(noticed.first().at(0).toInt(), 0);
    const QString message = noticed.first().at(1).toString();
    QVERIFY2(message.startsWith(QStringLiteral("sk1: its saved schedule did not start: ")) && message.contains(path),
             qPrintable(message));
    QCOMPARE(wb.sockets().ids().size(), 1);
    QVERIFY(wb.schedules().isEmpty());
}

QTEST_GUILESS_MAIN(tst_Session)
#include "tst_session.moc"
