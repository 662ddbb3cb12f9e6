#include "tests/core/testsupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

using namespace core;
using namespace testsupport;

Q_DECLARE_METATYPE(core::AfterReply)

// Responder rules and schedules against python3 peers over TCP, UDP and UNIX: the peer sees the
// replies and the sends, and the journal, the traffic store and the rule and schedule status say
// the same. Every peer has a socket timeout and every wait here is bounded.
class tst_Responder : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void regexTemplateAnswers_data();
    void regexTemplateAnswers();
    void firstMatchWinsAndDisabledIsSkipped();
    void afterReply_data();
    void afterReply();
    void delayIsRespected();
    void listenerRulesReachEarlierAndLaterConnections();
    void acceptCallGivesAnAnsweringConnection();
    void connectionRulesOfItsOwnAndBack();
    void invalidRuleIsReportedAndDoesNotAnswer();
    void unnamedDatagramSenderIsNotAnswered();
    void thousandClientsAreAllAnswered();
    void scheduleArrivesInOrder_data();
    void scheduleArrivesInOrder();
    void untilStoppedScheduleStops();
    void burstArrivesComplete_data();
    void burstArrivesComplete();
    void closingTheSocketStopsItsSchedules();

private:
    // A socket the rules are set on: a listener for a stream, a bound socket for datagrams.
    struct Server
    {
        int id = -1;
        SocketAddress address;
    };
    Server serve(Workbench &wb, int family, int type, const QList<Rule> &rules);
    QString path(const QString &name) { return m_dir.filePath(QStringLiteral("%1-%2.sock").arg(name).arg(++m_names)); }

    QTemporaryDir m_dir;
    int m_names = 0;
};

namespace {

// A client that sends each message (Python escapes allowed: \n, \x00) and prints each reply
// without its final newline: a stream reply is read up to a newline, a datagram reply is one
// datagram. argv: family type host-or-path port own-path(UNIX datagram, or '') messages...
const QString kClient = QStringLiteral(R"(
import socket, sys
family, type_ = int(sys.argv[1]), int(sys.argv[2])
target = sys.argv[3] if family == socket.AF_UNIX else (sys.argv[3], int(sys.argv[4]))
own = sys.argv[5]
s = socket.socket(family, type_)
s.settimeout(10)
if own:
    s.bind(own)
if type_ == socket.SOCK_STREAM:
    s.connect(target)
for m in sys.argv[6:]:
    data = m.encode('latin-1').decode('unicode_escape').encode('latin-1')
    if type_ == socket.SOCK_STREAM:
        s.sendall(data)
        reply = b''
        while not reply.endswith(b'\n'):
            chunk = s.recv(4096)
            if not chunk:
                break
            reply += chunk
    else:
        s.sendto(data, target)
        reply, peer = s.recvfrom(65536)
        assert peer == target, (peer, target)
    print(reply.decode('latin-1').rstrip('\n'), flush=True)
s.close()
)");

// A client driven line by line on stdin: "ask MESSAGE" sends the message (Python escapes
// allowed) and prints the reply read up to its newline. argv: host port.
const QString kAskingClient = QStringLiteral(R"(
import socket, sys
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
print('connected', flush=True)
for line in sys.stdin:
    if not line.startswith('ask '):
        break
    s.sendall(line[4:].rstrip('\n').encode('latin-1').decode('unicode_escape').encode('latin-1'))
    reply = b''
    while not reply.endswith(b'\n'):
        chunk = s.recv(4096)
        if not chunk:
            break
        reply += chunk
    print(reply.decode('latin-1').rstrip('\n'), flush=True)
)");

bool startPeer(QProcess &python, const QString &script, const QStringList &args, QString *firstLine = nullptr)
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

// Waits (bounded) for the peer to exit 0 and gives the lines it printed.
bool peerFinished(QProcess &python, QStringList *lines, int timeoutMs = 30000)
{
    // waitForFinished() is false for a peer that already finished (an event loop ran meanwhile).
    if (python.state() != QProcess::NotRunning && !python.waitForFinished(timeoutMs)) {
        qWarning("python peer still running after %d ms", timeoutMs);
        python.kill();
        python.waitForFinished(2000);
        return false;
    }
    const QString out = QString::fromUtf8(python.readAllStandardOutput());
    *lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
        qWarning("python peer failed (%d): %s\nstdout: %s", python.exitCode(), python.readAllStandardError().constData(),
                 qPrintable(out));
        return false;
    }
    return true;
}

// Asks a kAskingClient peer to send a message, and gives the reply it printed (bounded).
QString ask(QProcess &python, const QString &message)
{
    python.write("ask " + message.toLatin1() + '\n');
    while (!python.canReadLine()) {
        if (!python.waitForReadyRead(10000)) {
            qWarning("no reply to %s: %s", qPrintable(message), python.readAllStandardError().constData());
            return QStringLiteral("<no reply>");
        }
    }
    return QString::fromLatin1(python.readLine()).chopped(1);
}

// The client script's arguments for a target address.
QStringList clientArgs(int family, int type, const SocketAddress &target, const QString &own, const QStringList &messages)
{
    QStringList args{QString::number(family), QString::number(type), target.host(),
                     family == AF_UNIX ? QStringLiteral("0") : QString::number(target.port()), own};
    return args + messages;
}

Rule makeRule(MatchKind match, const QString &pattern, ReplyKind reply, const QString &replyText)
{
    Rule r;
    r.match = match;
    r.pattern = pattern;
    r.reply = reply;
    r.replyText = replyText;
    return r;
}

// The journal's calls a rule or a schedule made, in order.
QList<CallRecord> callsBy(const Workbench &wb, CallOrigin origin)
{
    QList<CallRecord> out;
    for (qsizetype i = 0; i < wb.journal().count(); ++i) {
        CallRecord r = wb.journal().at(i);
        if (r.value && r.value->origin == origin)
            out.append(std::move(r));
    }
    return out;
}

int finishedCount(const QList<CallRecord> &calls)
{
    int n = 0;
    for (const CallRecord &r : calls)
        n += r.finished();
    return n;
}

// The payloads of a socket's records in one direction, in order (not EOF or error records).
QList<QByteArray> records(const Workbench &wb, int socketId, Direction direction)
{
    QList<QByteArray> out;
    for (qsizetype i = 0; i < wb.traffic().count(); ++i) {
        const TrafficRecord r = wb.traffic().at(i);
        if (r.socketId == socketId && r.direction == direction && !(r.flags & (TrafficFlag::Eof | TrafficFlag::Error)))
            out.append(wb.traffic().payload(r).toByteArray());
    }
    return out;
}

std::optional<ScheduleStatus> scheduleStatus(const Workbench &wb, int id)
{
    for (const ScheduleStatus &s : wb.schedules()) {
        if (s.id == id)
            return s;
    }
    return std::nullopt;
}

// The sockets a listener accepted.
QList<int> childrenOf(const Workbench &wb, int listenerId)
{
    QList<int> out;
    for (const SocketInfo &info : wb.sockets().snapshot()) {
        if (info.parentId == listenerId)
            out.append(info.id);
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

void tst_Responder::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_Responder::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

tst_Responder::Server tst_Responder::serve(Workbench &wb, int family, int type, const QList<Rule> &rules)
{
    Server s;
    if (type == SOCK_STREAM) {
        const Listener l = listener(wb, family, m_dir, SOCK_STREAM, QStringLiteral("listener-%1").arg(++m_names));
        s.id = l.id;
        s.address = l.address;
    } else {
        s.id = wb.createSocket(family, type).socketId;
        const SocketAddress where = family == AF_UNIX ? address(path(QStringLiteral("server")), AF_UNIX) : loopback(family, m_dir);
        if (!succeeded(finished(wb, wb.bind(s.id, where))))
            return {};
        s.address = finished(wb, wb.sockName(s.id)).outcome.address;
    }
    wb.setRules(s.id, rules);
    // Calls to a socket and its rules go to its I/O thread in order: once this call is done, the
    // rules are in place and the socket is watched.
    finished(wb, wb.sockName(s.id));
    if (!wb.sockets().info(s.id).watching)
        qWarning("a socket with rules is not watched");
    return s;
}

void tst_Responder::regexTemplateAnswers_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("type");
    QTest::newRow("TCP") << int(AF_INET) << int(SOCK_STREAM);
    QTest::newRow("TCP6") << int(AF_INET6) << int(SOCK_STREAM);
    QTest::newRow("UNIX stream") << int(AF_UNIX) << int(SOCK_STREAM);
    QTest::newRow("UDP") << int(AF_INET) << int(SOCK_DGRAM);
    QTest::newRow("UNIX datagram") << int(AF_UNIX) << int(SOCK_DGRAM);
}

// A regular expression rule with a template answers each request with its captures, the rule's
// count, and the request's length; the replies are journaled calls and Out records.
void tst_Responder::regexTemplateAnswers()
{
    QFETCH(int, family);
    QFETCH(int, type);
    Workbench wb;
    const Rule rule = makeRule(MatchKind::Regex, QStringLiteral("^GET (\\w+) (\\d+)"), ReplyKind::Template,
                               QStringLiteral("got {1}/{2} #{counter} len={length}\\n"));
    const Server server = serve(wb, family, type, {rule});
    QVERIFY(server.address.isValid());
    QVERIFY(wb.sockets().info(server.id).watching);

    QProcess python;
    const QString own = family == AF_UNIX && type == SOCK_DGRAM ? path(QStringLiteral("client")) : QString();
    QVERIFY(startPeer(python, kClient,
                      clientArgs(family, type, server.address, own, {QStringLiteral("GET a 1"), QStringLiteral("GET bb 22"),
                                                                     QStringLiteral("GET ccc 333")})));
    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    const QStringList expected{QStringLiteral("got a/1 #1 len=7"), QStringLiteral("got bb/22 #2 len=9"),
                               QStringLiteral("got ccc/333 #3 len=11")};
    QCOMPARE(lines, expected);

    // The socket that answered: the listener's connection, or the datagram socket itself.
    int answering = server.id;
    if (type == SOCK_STREAM) {
        const QList<int> children = childrenOf(wb, server.id);
        QCOMPARE(children.size(), 1);
        answering = children.front();
        bool inherited = false;
        const QList<RuleStatus> childRules = wb.rules(answering, &inherited);
        QVERIFY(inherited);
        QCOMPARE(childRules.size(), 1);
        QCOMPARE(childRules.front().hits, quint64(3));
    }
    bool inherited = true;
    const QList<RuleStatus> status = wb.rules(server.id, &inherited);
    QVERIFY(!inherited);
    QCOMPARE(status.size(), 1);
    QCOMPARE(status.front().rule, rule);
    QVERIFY(!status.front().error);
    QCOMPARE(status.front().hits, quint64(3));

    QTRY_COMPARE_WITH_TIMEOUT(finishedCount(callsBy(wb, CallOrigin::Rule)), 3, 5000);
    const QList<CallRecord> replies = callsBy(wb, CallOrigin::Rule);
    QCOMPARE(replies.size(), 3);
    const QString call = type == SOCK_STREAM ? QStringLiteral("sk%1.sendall(").arg(answering)
                                             : QStringLiteral("sk%1.sendto(").arg(answering);
    for (int i = 0; i < 3; ++i) {
        const CallRecord &r = replies.at(i);
        QVERIFY(succeeded(r));
        QCOMPARE(r.socketId, answering);
        QCOMPARE(r.value->source.rule, 1);
        QCOMPARE(r.value->source.text(), QStringLiteral("rule 1"));
        QVERIFY2(r.call.startsWith(call), qPrintable(r.call));
        QCOMPARE(r.payload(), expected.at(i).toLatin1() + '\n');
    }
    QTRY_COMPARE_WITH_TIMEOUT(records(wb, answering, Direction::Out).size(), 3, 5000);
    const QList<QByteArray> out = records(wb, answering, Direction::Out);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(out.at(i), expected.at(i).toLatin1() + '\n');
    QCOMPARE(records(wb, answering, Direction::In),
             (QList<QByteArray>{QByteArray("GET a 1"), QByteArray("GET bb 22"), QByteArray("GET ccc 333")}));
}

// The first enabled rule that matches answers; a disabled rule never does, and each rule's hits
// count what it answered.
void tst_Responder::firstMatchWinsAndDisabledIsSkipped()
{
    Workbench wb;
    Rule disabled = makeRule(MatchKind::Any, QString(), ReplyKind::Fixed, QStringLiteral("disabled\\n"));
    disabled.enabled = false;
    const Rule ping = makeRule(MatchKind::StartsWith, QStringLiteral("PING"), ReplyKind::Fixed, QStringLiteral("PONG\\n"));
    const Rule shadowed = makeRule(MatchKind::Contains, QStringLiteral("PING"), ReplyKind::Fixed, QStringLiteral("never\\n"));
    Rule quit = makeRule(MatchKind::Equals, QStringLiteral("quit\\n"), ReplyKind::Template, QStringLiteral("bye after {counter}\\n"));
    quit.caseSensitive = false;
    const Rule echo = makeRule(MatchKind::Any, QString(), ReplyKind::Echo, QString());
    const Server server = serve(wb, AF_INET, SOCK_STREAM, {disabled, ping, shadowed, quit, echo});

    QProcess python;
    QVERIFY(startPeer(python, kClient,
                      clientArgs(AF_INET, SOCK_STREAM, server.address, QString(),
                                 {QStringLiteral("PING 1"), QStringLiteral("hello\\n"), QStringLiteral("say PING\\n"),
                                  QStringLiteral("PING 2"), QStringLiteral("QUIT\\n")})));
    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    QCOMPARE(lines, (QStringList{QStringLiteral("PONG"), QStringLiteral("hello"), QStringLiteral("never"),
                                 QStringLiteral("PONG"), QStringLiteral("bye after 1")}));

    const QList<RuleStatus> status = wb.rules(server.id);
    QCOMPARE(status.size(), 5);
    const QList<quint64> hits{0, 2, 1, 1, 1};
    for (int i = 0; i < 5; ++i)
        QCOMPARE(status.at(i).hits, hits.at(i));
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount(callsBy(wb, CallOrigin::Rule)), 5, 5000);
    QStringList where;
    for (const CallRecord &r : callsBy(wb, CallOrigin::Rule))
        where << r.value->source.text();
    QCOMPARE(where, (QStringList{QStringLiteral("rule 2"), QStringLiteral("rule 5"), QStringLiteral("rule 3"),
                                 QStringLiteral("rule 2"), QStringLiteral("rule 4")}));
}

void tst_Responder::afterReply_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<AfterReply>("after");
    QTest::newRow("TCP close") << int(AF_INET) << AfterReply::Close;
    QTest::newRow("TCP shutdown") << int(AF_INET) << AfterReply::Shutdown;
    QTest::newRow("UNIX close") << int(AF_UNIX) << AfterReply::Close;
    QTest::newRow("UNIX shutdown") << int(AF_UNIX) << AfterReply::Shutdown;
}

// After its reply a rule may close the connection or shut down its sending side: either way the
// peer reads the reply and then EOF.
void tst_Responder::afterReply()
{
    QFETCH(int, family);
    QFETCH(AfterReply, after);
    Workbench wb;
    Rule rule = makeRule(MatchKind::Any, QString(), ReplyKind::Fixed, QStringLiteral("bye\\n"));
    rule.after = after;
    const Server server = serve(wb, family, SOCK_STREAM, {rule});

    QProcess python;
    QVERIFY(startPeer(python, QStringLiteral(R"(
import socket, sys
family = int(sys.argv[1])
s = socket.socket(family, socket.SOCK_STREAM)
s.settimeout(10)
s.connect(sys.argv[2] if family == socket.AF_UNIX else (sys.argv[2], int(sys.argv[3])))
s.sendall(b'hi')
data = b''
while True:
    chunk = s.recv(4096)
    if not chunk:
        print('EOF', flush=True)
        break
    data += chunk
print(repr(data), flush=True)
s.close()
)"),
                      {QString::number(family), server.address.host(), QString::number(server.address.port())}));
    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    QCOMPARE(lines, (QStringList{QStringLiteral("EOF"), QStringLiteral("b'bye\\n'")}));

    const QList<int> children = childrenOf(wb, server.id);
    QCOMPARE(children.size(), 1);
    const int conn = children.front();
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount(callsBy(wb, CallOrigin::Rule)), 2, 5000);
    const QList<CallRecord> calls = callsBy(wb, CallOrigin::Rule);
    QCOMPARE(calls.size(), 2);
    for (const CallRecord &r : calls) {
        QVERIFY(succeeded(r));
        QCOMPARE(r.socketId, conn);
        QCOMPARE(r.value->source.rule, 1);
        QCOMPARE(r.value->source.text(), QStringLiteral("rule 1"));
    }
    QCOMPARE(calls.at(0).call, QStringLiteral("sk%1.sendall(b'bye\\n')").arg(conn));
    if (after == AfterReply::Close) {
        QCOMPARE(calls.at(1).value->kind, CallKind::Close);
        QCOMPARE(calls.at(1).call, QStringLiteral("sk%1.close()").arg(conn));
        QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(conn).state, SocketState::Closed, 3000);
    } else {
        QCOMPARE(calls.at(1).value->kind, CallKind::Shutdown);
        QCOMPARE(calls.at(1).value->size, qint64(SHUT_WR));
        QVERIFY2(calls.at(1).call.startsWith(QStringLiteral("sk%1.shutdown(").arg(conn)), qPrintable(calls.at(1).call));
        // Still open: it read the peer's EOF after its own.
        QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(conn).state, SocketState::ShutDown, 3000);
        QVERIFY(wb.sockets().info(conn).fd >= 0);
    }
}

// A rule's delay holds its reply back: the peer measures the time from its request to the reply.
void tst_Responder::delayIsRespected()
{
    Workbench wb;
    Rule rule = makeRule(MatchKind::Any, QString(), ReplyKind::Template, QStringLiteral("late #{counter}\\n"));
    rule.delayMs = 200;
    const Server server = serve(wb, AF_INET, SOCK_STREAM, {rule});
    QProcess python;
    QVERIFY(startPeer(python, QStringLiteral(R"(
import socket, sys, time
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
for i in range(2):
    start = time.monotonic()
    s.sendall(b'now')
    data = b''
    while not data.endswith(b'\n'):
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    print(data.decode().strip(), int((time.monotonic() - start) * 1000), flush=True)
)"),
                      {server.address.host(), QString::number(server.address.port())}));
    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    QCOMPARE(lines.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QStringList f = lines.at(i).split(QLatin1Char(' '));
        QCOMPARE(f.size(), 3);
        QCOMPARE(f.at(0) + QLatin1Char(' ') + f.at(1), QStringLiteral("late #%1").arg(i + 1));
        const int ms = f.at(2).toInt();
        QVERIFY2(ms >= 190, qPrintable(lines.at(i)));
        QVERIFY2(ms < 5000, qPrintable(lines.at(i)));
    }
}

// Rules set on a listener answer the connection it accepted before they were set and the ones it
// accepts after; the connections show them as inherited.
void tst_Responder::listenerRulesReachEarlierAndLaterConnections()
{
    Workbench wb;
    const Listener l = listener(wb, AF_INET, m_dir);
    QProcess python;
    QString ready;
    QVERIFY(startPeer(python, QStringLiteral(R"(
import socket, sys
target = (sys.argv[1], int(sys.argv[2]))
a = socket.create_connection(target, timeout=10)
print('connected', flush=True)
if sys.stdin.readline().strip() != 'go':
    sys.exit(2)
def ask(s, m):
    s.sendall(m)
    r = b''
    while not r.endswith(b'\n'):
        c = s.recv(4096)
        if not c:
            break
        r += c
    return r.decode().rstrip('\n')
print(ask(a, b'early'), flush=True)
b = socket.create_connection(target, timeout=10)
print(ask(b, b'late'), flush=True)
print(ask(a, b'early again'), flush=True)
)"),
                      {l.address.host(), QString::number(l.address.port())}, &ready));
    QCOMPARE(ready, QStringLiteral("connected"));
    const CallRecord accepted = finished(wb, wb.accept(l.id), 10000);
    QVERIFY(succeeded(accepted));
    const int early = accepted.outcome.socketId;
    QVERIFY(!wb.sockets().info(early).watching);
    bool inherited = true;
    QVERIFY(wb.rules(early, &inherited).isEmpty());
    QVERIFY(!inherited);

    wb.setRules(l.id, {makeRule(MatchKind::Any, QString(), ReplyKind::Template, QStringLiteral("#{counter} {length} {peer}\\n"))});
    finished(wb, wb.sockName(l.id)); // after the rules, on the same I/O thread
    QVERIFY(wb.sockets().info(l.id).watching);
    QTRY_VERIFY_WITH_TIMEOUT(wb.sockets().info(early).watching, 3000);
    python.write("go\n");
    python.closeWriteChannel();

    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    QCOMPARE(lines.size(), 3);
    const QList<int> children = childrenOf(wb, l.id);
    QCOMPARE(children.size(), 2);
    QCOMPARE(children.front(), early);
    const int late = children.back();
    const SocketAddress earlyPeer = wb.sockets().info(early).peer;
    const SocketAddress latePeer = wb.sockets().info(late).peer;
    QCOMPARE(lines.at(0), QStringLiteral("#1 5 ") + earlyPeer.toText());
    QCOMPARE(lines.at(1), QStringLiteral("#2 4 ") + latePeer.toText());
    QCOMPARE(lines.at(2), QStringLiteral("#3 11 ") + earlyPeer.toText());

    for (int conn : {early, late}) {
        const QList<RuleStatus> status = wb.rules(conn, &inherited);
        QVERIFY(inherited);
        QCOMPARE(status.size(), 1);
        QCOMPARE(status.front().hits, quint64(3)); // one book, shared
    }
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount(callsBy(wb, CallOrigin::Rule)), 3, 5000);
    QList<int> answered;
    for (const CallRecord &r : callsBy(wb, CallOrigin::Rule))
        answered << r.socketId;
    QCOMPARE(answered, (QList<int>{early, late, early}));
    int autoAccepts = 0;
    for (qsizetype i = 0; i < wb.journal().count(); ++i)
        autoAccepts += wb.journal().at(i).outcome.note == QStringLiteral("auto-accept (watch)");
    QCOMPARE(autoAccepts, 1);

    // Removing the listener's rules removes them from its connections too.
    wb.setRules(l.id, {});
    finished(wb, wb.sockName(l.id));
    QVERIFY(wb.rules(l.id).isEmpty());
    QVERIFY(wb.rules(early).isEmpty());
}

// A connection an accept() call takes from a listener with rules answers by them, as the ones
// watch mode accepts do (here the listener's watch is off, so accept() gets the connection).
void tst_Responder::acceptCallGivesAnAnsweringConnection()
{
    Workbench wb;
    const Server server = serve(wb, AF_INET, SOCK_STREAM,
                                {makeRule(MatchKind::Any, QString(), ReplyKind::Template, QStringLiteral("answer {counter}\\n"))});
    wb.setWatch(server.id, false);
    finished(wb, wb.sockName(server.id));
    QVERIFY(!wb.sockets().info(server.id).watching);

    QProcess python;
    QString ready;
    QVERIFY(startPeer(python, kAskingClient, {server.address.host(), QString::number(server.address.port())}, &ready));
    QCOMPARE(ready, QStringLiteral("connected"));
    const CallRecord accepted = finished(wb, wb.accept(server.id), 10000);
    QVERIFY(succeeded(accepted));
    const int conn = accepted.outcome.socketId;
    bool inherited = false;
    QCOMPARE(wb.rules(conn, &inherited).size(), 1);
    QVERIFY(inherited);
    QTRY_VERIFY_WITH_TIMEOUT(wb.sockets().info(conn).watching, 3000);
    QCOMPARE(ask(python, QStringLiteral("hello")), QStringLiteral("answer 1"));
    QCOMPARE(ask(python, QStringLiteral("again")), QStringLiteral("answer 2"));
    python.closeWriteChannel();
    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
}

// A connection given rules of its own answers by them; when they are removed it answers by its
// listener's again, as rules() then says.
void tst_Responder::connectionRulesOfItsOwnAndBack()
{
    Workbench wb;
    const Server server = serve(wb, AF_INET, SOCK_STREAM,
                                {makeRule(MatchKind::Any, QString(), ReplyKind::Fixed, QStringLiteral("listener\\n"))});
    QProcess python;
    QString ready;
    QVERIFY(startPeer(python, kAskingClient, {server.address.host(), QString::number(server.address.port())}, &ready));
    QCOMPARE(ask(python, QStringLiteral("1")), QStringLiteral("listener"));
    const QList<int> children = childrenOf(wb, server.id);
    QCOMPARE(children.size(), 1);
    const int conn = children.front();

    wb.setRules(conn, {makeRule(MatchKind::Any, QString(), ReplyKind::Fixed, QStringLiteral("own\\n"))});
    finished(wb, wb.sockName(conn));
    bool inherited = true;
    QCOMPARE(wb.rules(conn, &inherited).front().rule.replyText, QStringLiteral("own\\n"));
    QVERIFY(!inherited);
    QCOMPARE(ask(python, QStringLiteral("2")), QStringLiteral("own"));
    // The listener's rules change: a connection with rules of its own keeps them.
    wb.setRules(server.id, {makeRule(MatchKind::Any, QString(), ReplyKind::Fixed, QStringLiteral("listener 2\\n"))});
    finished(wb, wb.sockName(server.id));
    QCOMPARE(ask(python, QStringLiteral("3")), QStringLiteral("own"));

    wb.setRules(conn, {});
    finished(wb, wb.sockName(conn));
    const QList<RuleStatus> back = wb.rules(conn, &inherited);
    QVERIFY(inherited);
    QCOMPARE(back.size(), 1);
    QCOMPARE(back.front().rule.replyText, QStringLiteral("listener 2\\n"));
    QCOMPARE(ask(python, QStringLiteral("4")), QStringLiteral("listener 2"));
    python.closeWriteChannel();
    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
}

// A rule that does not compile is kept with its error and never answers; the rules after it do.
// A socket whose rules are all broken is not even watched.
void tst_Responder::invalidRuleIsReportedAndDoesNotAnswer()
{
    Workbench wb;
    const Rule broken = makeRule(MatchKind::Regex, QStringLiteral("("), ReplyKind::Fixed, QStringLiteral("bad\\n"));
    const Rule badTemplate = makeRule(MatchKind::Any, QString(), ReplyKind::Template, QStringLiteral("{1}\\n"));
    const Rule good = makeRule(MatchKind::Any, QString(), ReplyKind::Fixed, QStringLiteral("good\\n"));
    const Server server = serve(wb, AF_INET, SOCK_STREAM, {broken, badTemplate, good});
    const QList<RuleStatus> status = wb.rules(server.id);
    QCOMPARE(status.size(), 3);
    QVERIFY(status.at(0).error);
    QCOMPARE(status.at(0).error->field, RuleField::Pattern);
    QCOMPARE(status.at(0).error->error.position, 1);
    QVERIFY2(status.at(0).error->error.message.startsWith(QStringLiteral("regular expression: ")),
             qPrintable(status.at(0).error->error.message));
    QVERIFY(status.at(1).error);
    QCOMPARE(status.at(1).error->field, RuleField::Reply);
    QCOMPARE(status.at(1).error->error.position, 0);
    QVERIFY(!status.at(2).error);

    QProcess python;
    QVERIFY(startPeer(python, kClient,
                      clientArgs(AF_INET, SOCK_STREAM, server.address, QString(), {QStringLiteral("("), QStringLiteral("x")})));
    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    QCOMPARE(lines, (QStringList{QStringLiteral("good"), QStringLiteral("good")}));
    const QList<RuleStatus> after = wb.rules(server.id);
    QCOMPARE(after.at(0).hits, quint64(0));
    QCOMPARE(after.at(1).hits, quint64(0));
    QCOMPARE(after.at(2).hits, quint64(2));

    // Only a broken rule: nothing is watched, nothing answers (the peer's wait times out).
    Workbench quiet;
    const Listener l = listener(quiet, AF_INET, m_dir);
    quiet.setRules(l.id, {broken});
    finished(quiet, quiet.sockName(l.id));
    QVERIFY(!quiet.sockets().info(l.id).watching);
    QCOMPARE(quiet.rules(l.id).size(), 1);
    QVERIFY(quiet.rules(l.id).front().error);
    QProcess silent;
    QVERIFY(startPeer(silent, QStringLiteral(R"(
import socket, sys
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
s.sendall(b'(anything')
s.settimeout(0.5)
try:
    print('answered', repr(s.recv(4096)))
except socket.timeout:
    print('timeout')
)"),
                      {l.address.host(), QString::number(l.address.port())}));
    QVERIFY(peerFinished(silent, &lines));
    QCOMPARE(lines, QStringList{QStringLiteral("timeout")});
    QVERIFY(callsBy(quiet, CallOrigin::Rule).isEmpty());
}

// A datagram from an unbound UNIX socket has no address to answer to: matched and counted as
// unanswerable, no reply is made. A bound sender is answered.
void tst_Responder::unnamedDatagramSenderIsNotAnswered()
{
    Workbench wb;
    const Server server = serve(wb, AF_UNIX, SOCK_DGRAM, {makeRule(MatchKind::Any, QString(), ReplyKind::Echo, QString())});
    QProcess python;
    const QString own = path(QStringLiteral("named"));
    QVERIFY(startPeer(python, QStringLiteral(R"(
import socket, sys
unnamed = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
unnamed.sendto(b'from nobody', sys.argv[1])
named = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
named.settimeout(10)
named.bind(sys.argv[2])
named.sendto(b'from someone', sys.argv[1])
print(named.recv(1024).decode(), flush=True)
)"),
                      {server.address.host(), own}));
    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    QCOMPARE(lines, QStringList{QStringLiteral("from someone")});
    QTRY_COMPARE_WITH_TIMEOUT(wb.rulesUnanswerable(server.id), quint64(1), 3000);
    QCOMPARE(wb.rules(server.id).front().hits, quint64(2));
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount(callsBy(wb, CallOrigin::Rule)), 1, 3000);
    const CallRecord reply = callsBy(wb, CallOrigin::Rule).front();
    QVERIFY(succeeded(reply));
    QCOMPARE(reply.value->address.host(), own);
    QCOMPARE(reply.payload(), QByteArray("from someone"));
}

// A thousand clients at once, each with one request to a listener's template rule: each gets its
// own answer. Raw POSIX clients, driven by poll() with a deadline.
void tst_Responder::thousandClientsAreAllAnswered()
{
    constexpr int kClients = 1000;
    rlimit limit;
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
    const rlimit saved = limit;
    constexpr rlim_t kNeeded = 2 * kClients + 200; // our ends, the engine's ends, and the rest
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < kNeeded) {
        if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < kNeeded)
            QSKIP("the hard descriptor limit is below 2,200");
        limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? kNeeded : limit.rlim_max;
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &limit), 0);
    }
    {
        Workbench wb;
        const int l = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        QVERIFY(succeeded(finished(wb, wb.bind(l, address(QStringLiteral("127.0.0.1:0"), AF_INET)))));
        QVERIFY(succeeded(finished(wb, wb.listen(l, 1024))));
        const SocketAddress target = finished(wb, wb.sockName(l)).outcome.address;
        wb.setRules(l, {makeRule(MatchKind::Regex, QStringLiteral("^req (\\d+)$"), ReplyKind::Template, QStringLiteral("ok {1}\\n"))});
        finished(wb, wb.sockName(l));
        QVERIFY(wb.sockets().info(l).watching);

        struct Client
        {
            int fd = -1;
            bool sent = false;
            QByteArray got;
        };
        std::vector<Client> clients(kClients);
        for (int i = 0; i < kClients; ++i) {
            clients[size_t(i)].fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            QVERIFY2(clients[size_t(i)].fd >= 0, strerror(errno));
            const int rc = ::connect(clients[size_t(i)].fd, target.data(), target.length());
            QVERIFY2(rc == 0 || errno == EINPROGRESS, strerror(errno));
        }
        int answered = 0;
        int wrong = 0;
        QElapsedTimer clock;
        clock.start();
        std::vector<pollfd> fds;
        std::vector<int> which;
        while (answered + wrong < kClients && clock.elapsed() < 60'000) {
            fds.clear();
            which.clear();
            for (int i = 0; i < kClients; ++i) {
                const Client &c = clients[size_t(i)];
                if (c.fd < 0)
                    continue;
                fds.push_back({c.fd, short(c.sent ? POLLIN : POLLOUT), 0});
                which.push_back(i);
            }
            const int n = ::poll(fds.data(), nfds_t(fds.size()), 1000);
            QVERIFY2(n >= 0 || errno == EINTR, strerror(errno));
            for (size_t k = 0; n > 0 && k < fds.size(); ++k) {
                if (!fds[k].revents)
                    continue;
                Client &c = clients[size_t(which[k])];
                if (!c.sent) {
                    int error = 0;
                    socklen_t len = sizeof error;
                    ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &len);
                    QVERIFY2(error == 0, strerror(error));
                    const QByteArray request = "req " + QByteArray::number(which[k]);
                    QCOMPARE(::send(c.fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL), ssize_t(request.size()));
                    c.sent = true;
                    continue;
                }
                char buffer[256];
                const ssize_t got = ::recv(c.fd, buffer, sizeof buffer, 0);
                if (got < 0 && errno == EAGAIN)
                    continue;
                if (got > 0)
                    c.got += QByteArray(buffer, int(got));
                if (got <= 0 || c.got.endsWith('\n')) {
                    if (c.got == "ok " + QByteArray::number(which[k]) + '\n')
                        ++answered;
                    else
                        ++wrong;
                    ::close(c.fd);
                    c.fd = -1;
                }
            }
        }
        for (Client &c : clients) {
            if (c.fd >= 0)
                ::close(c.fd);
        }
        QCOMPARE(wrong, 0);
        QCOMPARE(answered, kClients);
        QCOMPARE(wb.rules(l).front().hits, quint64(kClients));
        QCOMPARE(childrenOf(wb, l).size(), kClients);
        QTRY_COMPARE_WITH_TIMEOUT(finishedCount(callsBy(wb, CallOrigin::Rule)), kClients, 10000);
    }
    setrlimit(RLIMIT_NOFILE, &saved);
}

void tst_Responder::scheduleArrivesInOrder_data()
{
    QTest::addColumn<int>("type");
    QTest::newRow("UDP") << int(SOCK_DGRAM);
    QTest::newRow("TCP") << int(SOCK_STREAM);
}

// Twenty sends every 10 ms: the peer gets twenty payloads, {counter} 1 to 20 in order, on the
// schedule's grid; the schedule then says it is done.
void tst_Responder::scheduleArrivesInOrder()
{
    QFETCH(int, type);
    QProcess python;
    QString port;
    QVERIFY(startPeer(python, QStringLiteral(R"(
import socket, sys
type_ = int(sys.argv[1])
s = socket.socket(socket.AF_INET, type_)
s.settimeout(10)
s.bind(('127.0.0.1', 0))
if type_ == socket.SOCK_STREAM:
    s.listen(1)
print(s.getsockname()[1], flush=True)
if type_ == socket.SOCK_STREAM:
    c, _ = s.accept()
    c.settimeout(10)
    data = b''
    while data.count(b'\n') < 20:
        chunk = c.recv(4096)
        if not chunk:
            break
        data += chunk
    for line in data.decode().splitlines():
        print(line)
else:
    for _ in range(20):
        print(s.recv(1024).decode())
)"),
                      {QString::number(type)}, &port));
    const SocketAddress target = address(QStringLiteral("127.0.0.1:") + port, AF_INET);
    Workbench wb;
    const int s = wb.createSocket(AF_INET, type).socketId;
    Schedule schedule;
    schedule.socketId = s;
    schedule.intervalMs = 10;
    schedule.count = 20;
    if (type == SOCK_STREAM) {
        QVERIFY(succeeded(finished(wb, wb.connect(s, target))));
        schedule.payload = QStringLiteral("tick {counter}\\n");
        schedule.kind = CallKind::SendAll;
    } else {
        schedule.payload = QStringLiteral("tick {counter}");
        schedule.kind = CallKind::SendTo;
        schedule.address = target;
    }
    const std::variant<int, ScheduleError> started = wb.startSchedule(schedule);
    QVERIFY(std::holds_alternative<int>(started));
    const int id = std::get<int>(started);

    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    QStringList expected;
    for (int i = 1; i <= 20; ++i)
        expected << QStringLiteral("tick %1").arg(i);
    QCOMPARE(lines, expected);

    QTRY_VERIFY_WITH_TIMEOUT(scheduleStatus(wb, id) && !scheduleStatus(wb, id)->running, 5000);
    const ScheduleStatus status = *scheduleStatus(wb, id);
    QCOMPARE(status.stopReason, QStringLiteral("done"));
    QCOMPARE(status.sent, quint64(20));
    QCOMPARE(status.failed, quint64(0));
    QCOMPARE(status.schedule, schedule);

    const QList<CallRecord> sends = callsBy(wb, CallOrigin::Schedule);
    QCOMPARE(sends.size(), 20);
    for (int i = 0; i < 20; ++i) {
        QVERIFY(succeeded(sends.at(i)));
        QCOMPARE(sends.at(i).socketId, s);
        QCOMPARE(sends.at(i).value->source.schedule, id);
        QCOMPARE(sends.at(i).value->source.send, quint64(i + 1));
        QCOMPARE(sends.at(i).value->source.text(), QStringLiteral("schedule %1, send %2").arg(id).arg(i + 1));
        QCOMPARE(sends.at(i).value->kind, schedule.kind);
    }
    // On the grid start + k × 10 ms: the twentieth send is made no sooner than 190 ms after the first.
    const qint64 spanMs = (sends.last().startMonoNs - sends.first().startMonoNs) / 1'000'000;
    QVERIFY2(spanMs >= 185, qPrintable(QString::number(spanMs)));
    QTRY_COMPARE_WITH_TIMEOUT(records(wb, s, Direction::Out).size(), 20, 3000);
}

// A schedule that runs until stopped sends nothing more once stopSchedule has taken effect.
void tst_Responder::untilStoppedScheduleStops()
{
    Workbench wb;
    const int receiver = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    wb.bind(receiver, loopback(AF_INET, m_dir));
    const SocketAddress target = finished(wb, wb.sockName(receiver)).outcome.address;
    const int s = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    QVERIFY(succeeded(finished(wb, wb.connect(s, target))));
    Schedule schedule;
    schedule.socketId = s;
    schedule.payload = QStringLiteral("u{counter}");
    schedule.kind = CallKind::Send;
    schedule.intervalMs = 10;
    schedule.count = 0;
    const std::variant<int, ScheduleError> started = wb.startSchedule(schedule);
    QVERIFY(std::holds_alternative<int>(started));
    const int id = std::get<int>(started);
    QTRY_VERIFY_WITH_TIMEOUT(scheduleStatus(wb, id)->sent >= 5, 5000);
    QVERIFY(scheduleStatus(wb, id)->running);

    QVERIFY(wb.stopSchedule(id));
    QVERIFY(!scheduleStatus(wb, id)->running);
    QCOMPARE(scheduleStatus(wb, id)->stopReason, QStringLiteral("stopped"));
    QVERIFY(!wb.stopSchedule(id)); // not running any more
    QVERIFY(!wb.stopSchedule(id + 100)); // no such schedule
    // Settled: the stop has reached the I/O thread (a call after it has finished) and no send waits.
    finished(wb, wb.sockName(s));
    QTRY_COMPARE_WITH_TIMEOUT(wb.journal().oldestPending(s), CallId(0), 3000);
    const quint64 sent = scheduleStatus(wb, id)->sent;
    const qsizetype out = records(wb, s, Direction::Out).size();
    QCOMPARE(quint64(out), sent);
    QCOMPARE(qsizetype(callsBy(wb, CallOrigin::Schedule).size()), qsizetype(sent));
    // Measuring an absence: thirty intervals pass without a send.
    QTest::qWait(300);
    QCOMPARE(scheduleStatus(wb, id)->sent, sent);
    QCOMPARE(records(wb, s, Direction::Out).size(), out);
    QCOMPARE(qsizetype(callsBy(wb, CallOrigin::Schedule).size()), qsizetype(sent));
    // What went out arrived in order.
    wb.setBlocking(receiver, false);
    for (quint64 i = 1; i <= sent; ++i)
        QCOMPARE(finished(wb, wb.recv(receiver, 64)).outcome.data, "u" + QByteArray::number(i));
}

void tst_Responder::burstArrivesComplete_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("type");
    QTest::newRow("TCP") << int(AF_INET) << int(SOCK_STREAM);
    QTest::newRow("UNIX datagram") << int(AF_UNIX) << int(SOCK_DGRAM);
}

// A burst of 1,000 sends, each as soon as the one before finished: the peer gets all of them in
// order. (A UNIX datagram socket waits when the receiver's queue is full; nothing is dropped.)
void tst_Responder::burstArrivesComplete()
{
    QFETCH(int, family);
    QFETCH(int, type);
    constexpr int kSends = 1000;
    const QString where = path(QStringLiteral("burst"));
    QProcess python;
    QString ready;
    QVERIFY(startPeer(python, QStringLiteral(R"(
import socket, sys
family, type_, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[4])
s = socket.socket(family, type_)
s.settimeout(20)
s.bind(sys.argv[3] if family == socket.AF_UNIX else ('127.0.0.1', 0))
if type_ == socket.SOCK_STREAM:
    s.listen(1)
print(sys.argv[3] if family == socket.AF_UNIX else s.getsockname()[1], flush=True)
got = []
if type_ == socket.SOCK_STREAM:
    c, _ = s.accept()
    c.settimeout(20)
    data = b''
    while True:
        chunk = c.recv(65536)
        if not chunk:
            break
        data += chunk
    got = data.decode().split('\n')[:-1]
else:
    for _ in range(count):
        got.append(s.recv(1024).decode().rstrip('\n'))
expected = ['b%d' % i for i in range(1, count + 1)]
print(len(got), 'in order' if got == expected else 'out of order: %r' % got[:20], flush=True)
)"),
                      {QString::number(family), QString::number(type), where, QString::number(kSends)}, &ready));
    const SocketAddress target = family == AF_UNIX ? address(ready, AF_UNIX) : address(QStringLiteral("127.0.0.1:") + ready, AF_INET);
    Workbench wb;
    const int s = wb.createSocket(family, type).socketId;
    Schedule schedule;
    schedule.socketId = s;
    schedule.payload = QStringLiteral("b{counter}\\n");
    schedule.burst = true;
    schedule.count = kSends;
    if (type == SOCK_STREAM) {
        QVERIFY(succeeded(finished(wb, wb.connect(s, target))));
        schedule.kind = CallKind::SendAll;
    } else {
        schedule.kind = CallKind::SendTo;
        schedule.address = target;
    }
    const std::variant<int, ScheduleError> started = wb.startSchedule(schedule);
    QVERIFY(std::holds_alternative<int>(started));
    const int id = std::get<int>(started);
    QTRY_VERIFY_WITH_TIMEOUT(!scheduleStatus(wb, id)->running, 30000);
    const ScheduleStatus status = *scheduleStatus(wb, id);
    QCOMPARE(status.stopReason, QStringLiteral("done"));
    QCOMPARE(status.sent, quint64(kSends));
    QCOMPARE(status.failed, quint64(0));
    if (type == SOCK_STREAM)
        QVERIFY(succeeded(finished(wb, wb.close(s)))); // the peer reads to EOF

    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    QCOMPARE(lines, QStringList{QStringLiteral("%1 in order").arg(kSends)});
    const QList<CallRecord> sends = callsBy(wb, CallOrigin::Schedule);
    QCOMPARE(sends.size(), kSends);
    QCOMPARE(sends.last().value->source.text(), QStringLiteral("schedule %1, send %2").arg(id).arg(kSends));
    QCOMPARE(sends.last().payload(), "b" + QByteArray::number(kSends) + '\n');
}

// Closing a socket stops every schedule on it, with the reason; a schedule started on a closed
// socket stops at once.
void tst_Responder::closingTheSocketStopsItsSchedules()
{
    Workbench wb;
    const int receiver = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    wb.bind(receiver, loopback(AF_INET, m_dir));
    const SocketAddress target = finished(wb, wb.sockName(receiver)).outcome.address;
    const int s = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    Schedule fast;
    fast.socketId = s;
    fast.payload = QStringLiteral("fast {counter}");
    fast.kind = CallKind::SendTo;
    fast.address = target;
    fast.intervalMs = 10;
    Schedule slow = fast;
    slow.payload = QStringLiteral("slow {counter}");
    slow.intervalMs = 60'000;
    slow.count = 5;
    const int fastId = std::get<int>(wb.startSchedule(fast));
    const int slowId = std::get<int>(wb.startSchedule(slow));
    QVERIFY(fastId != slowId);
    QTRY_VERIFY_WITH_TIMEOUT(scheduleStatus(wb, fastId)->sent >= 3, 5000);
    QCOMPARE(scheduleStatus(wb, slowId)->sent, quint64(1)); // the first send goes at once

    QVERIFY(succeeded(finished(wb, wb.close(s))));
    for (int id : {fastId, slowId}) {
        const ScheduleStatus status = *scheduleStatus(wb, id);
        QVERIFY(!status.running);
        QCOMPARE(status.stopReason, QStringLiteral("socket closed"));
    }
    QVERIFY(!wb.stopSchedule(fastId));
    QTRY_COMPARE_WITH_TIMEOUT(wb.journal().oldestPending(s), CallId(0), 3000);
    const quint64 sent = scheduleStatus(wb, fastId)->sent;
    const qsizetype out = records(wb, s, Direction::Out).size();
    // Measuring an absence: ten intervals pass without a send.
    QTest::qWait(100);
    QCOMPARE(scheduleStatus(wb, fastId)->sent, sent);
    QCOMPARE(records(wb, s, Direction::Out).size(), out);

    const std::variant<int, ScheduleError> late = wb.startSchedule(fast);
    QVERIFY(std::holds_alternative<int>(late));
    const int lateId = std::get<int>(late);
    QTRY_VERIFY_WITH_TIMEOUT(!scheduleStatus(wb, lateId)->running, 3000);
    QCOMPARE(scheduleStatus(wb, lateId)->stopReason, QStringLiteral("socket closed"));
    QCOMPARE(scheduleStatus(wb, lateId)->sent, quint64(0));

    // An invalid schedule is refused before anything runs.
    Schedule invalid = fast;
    invalid.intervalMs = 0;
    const std::variant<int, ScheduleError> refused = wb.startSchedule(invalid);
    QVERIFY(std::holds_alternative<ScheduleError>(refused));
    QCOMPARE(std::get<ScheduleError>(refused).field, ScheduleField::Interval);
    QCOMPARE(wb.schedules().size(), 3);
}

QTEST_GUILESS_MAIN(tst_Responder)
#include "tst_responder.moc"
