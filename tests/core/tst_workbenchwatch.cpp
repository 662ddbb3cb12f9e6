// Watched sockets through the Workbench: a watched listener accepts and reads every connection,
// a watch sees the peer's EOF, and the datagrams the kernel dropped are counted exactly.
#include "tests/core/testsupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

using namespace core;
using namespace testsupport;

class tst_WorkbenchWatch : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void watchedListenerAcceptsAndReads();
    void watchSeesEof();
    void watchCountsKernelDrops();

private:
    QTemporaryDir m_dir;
};

void tst_WorkbenchWatch::init()
{
    QVERIFY(m_dir.isValid());
    // Warnings Qt prints when objects are used from the wrong thread are failures here.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_WorkbenchWatch::watchedListenerAcceptsAndReads()
{
    Workbench wb;
    const Listener l = listener(wb, AF_INET, m_dir);
    wb.setWatch(l.id, true);
    QList<int> clients;
    for (int i = 0; i < 3; ++i) {
        const int c = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        wb.connect(c, l.address);
        wb.send(c, QByteArray("client ") + QByteArray::number(i));
        clients << c;
    }
    auto children = [&] {
        int n = 0;
        quint64 bytes = 0;
        for (const SocketInfo &info : wb.sockets().snapshot()) {
            if (info.parentId == l.id) {
                ++n;
                bytes += info.bytesIn;
                if (!info.watching)
                    return -1;
            }
        }
        return bytes == 3 * 8 ? n : -2;
    };
    QTRY_COMPARE_WITH_TIMEOUT(children(), 3, 5000);
    int autoAccepts = 0;
    for (qsizetype i = 0; i < wb.journal().count(); ++i)
        autoAccepts += wb.journal().at(i).outcome.note == QStringLiteral("auto-accept (watch)");
    QCOMPARE(autoAccepts, 3);
}

void tst_WorkbenchWatch::watchSeesEof()
{
    Workbench wb;
    const Connection c = connection(wb, AF_INET6, m_dir);
    wb.setWatch(c.accepted, true);
    finished(wb, wb.sendAll(c.client, "bye"));
    finished(wb, wb.close(c.client));
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(c.accepted).state, SocketState::HalfClosedRead, 3000);
    const TrafficRecord last = wb.traffic().at(wb.traffic().count() - 1);
    QVERIFY(last.flags & TrafficFlag::Eof);
    QCOMPARE(last.socketId, c.accepted);
}

// A datagram flood into a small receive buffer: what the kernel dropped is reported exactly, so
// recorded + dropped accounts for every datagram sent.
void tst_WorkbenchWatch::watchCountsKernelDrops()
{
    Workbench wb;
    const int r = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    const OptionSpec &rcvbuf = *findOption(u"SO_RCVBUF");
    wb.setOption(r, rcvbuf, encodeOption(rcvbuf, u"4096").value());
    wb.bind(r, loopback(AF_INET, m_dir));
    wb.setWatch(r, true);
    const SocketAddress target = finished(wb, wb.sockName(r)).outcome.address;
    wb.setWatch(r, false); // SO_RXQ_OVFL is on; now let the buffer overflow
    QTRY_VERIFY_WITH_TIMEOUT(!wb.sockets().info(r).watching, 2000);
    const int sender = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    constexpr int kSent = 2000;
    for (int i = 0; i < kSent; ++i)
        QCOMPARE(::sendto(sender, "0123456789abcdef", 16, 0, target.data(), target.length()), ssize_t(16));
    ::close(sender);
    // One more datagram after the watch resumes carries the final drop count.
    wb.setWatch(r, true);
    QTRY_VERIFY_WITH_TIMEOUT(wb.sockets().info(r).recordsIn > 0, 3000);
    const int last = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ::sendto(last, "last", 4, 0, target.data(), target.length());
    ::close(last);
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 const SocketInfo info = wb.sockets().info(r);
                                 return info.recordsIn + info.drops == kSent + 1;
                             }()),
                             3000);
    QVERIFY2(wb.sockets().info(r).drops > 0, "a 4 KiB buffer cannot hold 2000 datagrams");
}

QTEST_GUILESS_MAIN(tst_WorkbenchWatch)
#include "tst_workbenchwatch.moc"
