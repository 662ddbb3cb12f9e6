// Sessions applied to a real Workbench on loopback: a listener and a client coming up connected
// and captured back, a failed step stopping only its socket, the echo lab and a socket's rules and
// schedules saved and reopened, a version 1 file still opening, and a schedule that cannot start.
#include "core/recipes/callchain.h"
#include "core/recipes/examples.h"
#include "core/session/quickopen.h"
#include "core/session/session.h"
#include "tests/core/testsupport.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

#include <variant>

using namespace core;
using namespace testsupport;

class tst_SessionApply : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void applyAndCapture();
    void failedStepStopsItsSocket();
    void savedEchoLabReopens();
    void rulesAndSchedulesReopen();
    void versionOneStillOpens();
    void scheduleThatCannotStartIsSaid();
};

void tst_SessionApply::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

// A listener and a client from a session file come up connected; capturing the live session
// gives back the same description.
void tst_SessionApply::applyAndCapture()
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

// Two listeners on one address (e.g. --listen given twice): the second bind fails with
// EADDRINUSE and nothing after it runs for that socket, so no listen() on an unbound socket
// makes the kernel listen on 0.0.0.0. The first socket is untouched; the failure is reported.
void tst_SessionApply::failedStepStopsItsSocket()
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
void tst_SessionApply::savedEchoLabReopens()
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

void tst_SessionApply::rulesAndSchedulesReopen()
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

void tst_SessionApply::versionOneStillOpens()
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

void tst_SessionApply::scheduleThatCannotStartIsSaid()
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

QTEST_GUILESS_MAIN(tst_SessionApply)
#include "tst_sessionapply.moc"
