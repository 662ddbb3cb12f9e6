// Responder rules answering python3 peers over TCP, UDP and UNIX: a template with captures, the
// first enabled rule that matches, what a rule does after its reply, its delay, a rule that does not
// compile, and a datagram sender with no address to answer. The peer sees the replies, and the
// journal, the traffic store and the rule status say the same. Every peer has a socket timeout and
// every wait here is bounded.
#include "tests/core/testsupport.h"
#include "tests/integration/responderpeers.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

using namespace core;
using namespace responderpeers;
using namespace testsupport;

Q_DECLARE_METATYPE(core::AfterReply)

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
    void invalidRuleIsReportedAndDoesNotAnswer();
    void unnamedDatagramSenderIsNotAnswered();

private:
    Server serve(Workbench &wb, int family, int type, const QList<Rule> &rules)
    {
        return responderpeers::serve(wb, m_dir, &m_names, family, type, rules);
    }
    QString path(const QString &name) { return socketPath(m_dir, &m_names, name); }

    QTemporaryDir m_dir;
    int m_names = 0;
};

void tst_Responder::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_Responder::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
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

QTEST_GUILESS_MAIN(tst_Responder)
#include "tst_responder.moc"
