#include "tests/core/testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <linux/capability.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace core;
using namespace testsupport;

// What the workbench leaves on the machine and what it lets in: UNIX socket files it created are
// removed on close (and only those: never a file or symlink someone put there), shutting down
// with a thousand sockets and waiting calls is quick and leaves nothing behind, and SOCK_RAW
// without the capability says what is needed.
class tst_Exposure : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void socketFileRemovedOnClose();
    void plantedSymlinkIsNotFollowed();
    void swappedFileIsLeftAlone();
    void abstractNamesLeaveNoFile();
    void shutdownWithAThousandSocketsIsQuickAndClean();
    void rawSocketWithoutCapabilitySaysWhatIsNeeded(); // last: it drops a capability for good
};

static bool isSocketFile(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISSOCK(st.st_mode);
}

void tst_Exposure::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_Exposure::socketFileRemovedOnClose()
{
    QTemporaryDir dir;
    Workbench wb;
    const SocketAddress path = loopback(AF_UNIX, dir, QStringLiteral("mine"));
    const int s = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
    QVERIFY(succeeded(finished(wb, wb.bind(s, path))));
    QVERIFY(isSocketFile(path.toText()));
    const CallRecord closed = finished(wb, wb.close(s));
    QVERIFY(succeeded(closed));
    QVERIFY2(closed.outcome.note.contains(QStringLiteral("removed the socket file")), qPrintable(closed.outcome.note));
    QVERIFY(!QFile::exists(path.toText()));
}

void tst_Exposure::plantedSymlinkIsNotFollowed()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("precious.txt"));
    QFile file(target);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("keep me");
    file.close();
    const QString link = dir.filePath(QStringLiteral("planted.sock"));
    QVERIFY(QFile::link(target, link));
    Workbench wb;
    const int s = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
    const CallRecord bound = finished(wb, wb.bind(s, address(link, AF_UNIX)));
    QCOMPARE(bound.outcome.error, EADDRINUSE); // bind() does not follow a symlink
    QVERIFY(succeeded(finished(wb, wb.close(s))));
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("keep me"));
}

void tst_Exposure::swappedFileIsLeftAlone()
{
    QTemporaryDir dir;
    Workbench wb;
    const QString path = dir.filePath(QStringLiteral("swapped.sock"));
    const int s = wb.createSocket(AF_UNIX, SOCK_DGRAM).socketId;
    QVERIFY(succeeded(finished(wb, wb.bind(s, address(path, AF_UNIX)))));
    // Someone replaces the socket file with a file of their own while the socket is open.
    QVERIFY(QFile::remove(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("theirs");
    file.close();
    const CallRecord closed = finished(wb, wb.close(s));
    QVERIFY(closed.outcome.note.isEmpty());
    QVERIFY(QFile::exists(path));
}

void tst_Exposure::abstractNamesLeaveNoFile()
{
    Workbench wb;
    const int s = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
    const QString name = QStringLiteral("@swb-exposure-%1").arg(QCoreApplication::applicationPid());
    QVERIFY(succeeded(finished(wb, wb.bind(s, address(name, AF_UNIX)))));
    const CallRecord closed = finished(wb, wb.close(s));
    QVERIFY(succeeded(closed));
    QVERIFY(closed.outcome.note.isEmpty());
}

// Destroying the workbench (what closing the window does) with 1,000 sockets, half of them
// UNIX listeners with files and every one with a call waiting, is done within a second.
void tst_Exposure::shutdownWithAThousandSocketsIsQuickAndClean()
{
    QTemporaryDir dir;
    const int fdsBefore = openFdCount();
    QElapsedTimer timer;
    {
        Workbench wb;
        QList<CallId> waiting;
        for (int i = 0; i < 500; ++i) {
            const int l = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
            wb.bind(l, address(dir.filePath(QStringLiteral("l%1.sock").arg(i)), AF_UNIX));
            wb.listen(l, 4);
            waiting << wb.accept(l);
        }
        for (int i = 0; i < 250; ++i) {
            const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
            waiting << wb.recv(pair.first, 10) << wb.recv(pair.second, 10);
        }
        QTRY_COMPARE_WITH_TIMEOUT(QDir(dir.path()).entryList(QDir::System).size(), 500, 10000);
        QVERIFY(!wb.journal().wait(waiting.last(), 50));
        timer.start();
    }
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
    QCOMPARE(QDir(dir.path()).entryList(QDir::System | QDir::Files).size(), 0);
    QCOMPARE(openFdCount(), fdsBefore);
}

void tst_Exposure::rawSocketWithoutCapabilitySaysWhatIsNeeded()
{
    // Drop CAP_NET_RAW from this thread's effective set; I/O threads started later inherit it.
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    QCOMPARE(syscall(SYS_capget, &header, data), 0L);
    data[CAP_TO_INDEX(CAP_NET_RAW)].effective &= ~CAP_TO_MASK(CAP_NET_RAW);
    QCOMPARE(syscall(SYS_capset, &header, data), 0L);

    Workbench wb;
    const auto created = wb.createSocket(AF_INET, SOCK_RAW, 1);
    const CallRecord r = finished(wb, created.call);
    QCOMPARE(r.call, QStringLiteral("sk1 = socket.socket(socket.AF_INET, socket.SOCK_RAW, 1)"));
    QCOMPARE(r.outcome.error, EPERM);
    QCOMPARE(r.outcome.result, QStringLiteral("PermissionError: [Errno 1] Operation not permitted"));
    QVERIFY2(r.outcome.note.contains(QStringLiteral("CAP_NET_RAW")), qPrintable(r.outcome.note));
}

QTEST_GUILESS_MAIN(tst_Exposure)
#include "tst_exposure.moc"
