#include "tests/core/testsupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace core;
using namespace testsupport;

// Out of descriptors: with RLIMIT_NOFILE at 256 and a watched listener flooded with
// connections, EMFILE is reported once per burst, the engine does not spin while it waits, and
// it accepts again as soon as descriptors are freed.
class tst_Exhaustion : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void emfileBurstReportedOnceNoSpinRecovers();
};

static double cpuSeconds()
{
    rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void tst_Exhaustion::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_Exhaustion::emfileBurstReportedOnceNoSpinRecovers()
{
    Workbench wb;
    const int l = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    wb.bind(l, address(QStringLiteral("127.0.0.1:0"), AF_INET));
    wb.listen(l, 512);
    const SocketAddress bound = finished(wb, wb.sockName(l)).outcome.address;
    // The flood comes from another process, so only this one runs short of descriptors.
    QProcess flood;
    flood.start(QStringLiteral("python3"), {QStringLiteral("-c"), QStringLiteral(R"(
import socket, sys
peers = []
for _ in range(300):
    s = socket.socket(); s.settimeout(10); s.connect(('127.0.0.1', int(sys.argv[1]))); peers.append(s)
print('ready', flush=True)
sys.stdin.read()
)"), QString::number(bound.port())});
    QVERIFY(flood.waitForReadyRead(20000));
    QCOMPARE(flood.readLine().trimmed(), QByteArray("ready"));
    rlimit saved;
    getrlimit(RLIMIT_NOFILE, &saved);
    rlimit lowered = saved;
    lowered.rlim_cur = 256;
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &lowered), 0);
    const qsizetype journalBefore = wb.journal().count();
    wb.setWatch(l, true);

    auto emfileReports = [&] {
        int n = 0;
        for (qsizetype i = journalBefore; i < wb.journal().count(); ++i)
            n += wb.journal().at(i).outcome.error == EMFILE;
        return n;
    };
    auto accepted = [&] {
        QList<int> ids;
        for (const SocketInfo &info : wb.sockets().snapshot()) {
            if (info.parentId == l && info.state != SocketState::Closed)
                ids << info.id;
        }
        return ids;
    };
    QTRY_COMPARE_WITH_TIMEOUT(emfileReports(), 1, 5000);
    const int heldAtLimit = int(accepted().size());
    QVERIFY2(heldAtLimit > 0 && heldAtLimit < 300, qPrintable(QString::number(heldAtLimit)));

    // While it waits for descriptors, the process stays nearly idle: the listener is out of the
    // epoll set and retried on a growing timer, not polled.
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    QTest::qWait(1000); // a measuring window, not a synchronisation
    const double share = (cpuSeconds() - cpuBefore) / (double(wall.elapsed()) / 1000.0);
    qInfo("CPU share while waiting for descriptors: %.3f (%d accepted at the limit)", share, heldAtLimit);
    QVERIFY2(share < 0.2, qPrintable(QStringLiteral("CPU share while waiting: %1").arg(share)));
    QCOMPARE(emfileReports(), 1);

    // Free descriptors by closing some accepted sockets: the rest of the backlog is accepted.
    const QList<int> held = accepted();
    QList<CallId> closes;
    for (int i = 0; i < 100; ++i)
        closes << wb.close(held[i]);
    for (CallId id : closes)
        QVERIFY(succeeded(finished(wb, id)));
    QTRY_VERIFY_WITH_TIMEOUT(accepted().size() > heldAtLimit - 100, 5000);
    setrlimit(RLIMIT_NOFILE, &saved);
    QTRY_COMPARE_WITH_TIMEOUT(int(accepted().size()) + 100, 300, 10000); // everyone got in
    flood.closeWriteChannel();
    QVERIFY(flood.state() == QProcess::NotRunning || flood.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(tst_Exhaustion)
#include "tst_exhaustion.moc"
