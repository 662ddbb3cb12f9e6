#include "core/session/quickopen.h"
#include "core/session/session.h"
#include "tests/core/testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace core;
using namespace testsupport;

// Session files (versioned JSON, sockets only): written and read back, refused with the reason,
// read only from regular files; and command-line quick openers parsed. tst_sessionapply applies
// sessions to a real Workbench on loopback.
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
    void readsOnlyRegularFiles();
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

QTEST_GUILESS_MAIN(tst_Session)
#include "tst_session.moc"
