// Rules set on a listener and the connections it accepts: the ones accepted before the rules and
// after, one an accept() call takes, a connection with rules of its own and back, and a thousand
// clients at once. The peers are python3 and raw POSIX clients; every peer has a socket timeout
// and every wait here is bounded.
#include "tests/core/testsupport.h"
#include "tests/integration/responderpeers.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

using namespace core;
using namespace responderpeers;
using namespace testsupport;

class tst_ListenerRules : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void listenerRulesReachEarlierAndLaterConnections();
    void acceptCallGivesAnAnsweringConnection();
    void connectionRulesOfItsOwnAndBack();
    void thousandClientsAreAllAnswered();

private:
    Server serve(Workbench &wb, int family, int type, const QList<Rule> &rules)
    {
        return responderpeers::serve(wb, m_dir, &m_names, family, type, rules);
    }

    QTemporaryDir m_dir;
    int m_names = 0;
};

void tst_ListenerRules::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_ListenerRules::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

// Rules set on a listener answer the connection it accepted before they were set and the ones it
// accepts after; the connections show them as inherited.
void tst_ListenerRules::listenerRulesReachEarlierAndLaterConnections()
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
void tst_ListenerRules::acceptCallGivesAnAnsweringConnection()
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
void tst_ListenerRules::connectionRulesOfItsOwnAndBack()
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

// A thousand clients at once, each with one request to a listener's template rule: each gets its
// own answer. Raw POSIX clients, driven by poll() with a deadline.
void tst_ListenerRules::thousandClientsAreAllAnswered()
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

QTEST_GUILESS_MAIN(tst_ListenerRules)
#include "tst_listenerrules.moc"
