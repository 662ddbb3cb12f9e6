// socket.sendfile() through the engine: a file's bytes from an offset, a count of them or to the
// end, read from the engine's own duplicate of the descriptor (the caller's file position and
// descriptor untouched, the duplicate closed when the call ends), sent through the stream layer
// and kept in the traffic store; waits for room like sendall, times out, and fails with the
// kernel's errno for a descriptor that cannot be read at an offset.
#include "core/text/payload.h"
#include "tests/core/testsupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace core;
using testsupport::finished;
using testsupport::openFdCount;
using testsupport::succeeded;

namespace {

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(23);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

// Everything the socket's traffic records say it sent.
QByteArray sentBy(const Workbench &wb, int socketId)
{
    QByteArray out;
    for (qsizetype i = 0; i < wb.traffic().count(); ++i) {
        const TrafficRecord r = wb.traffic().at(i);
        if (r.socketId == socketId && r.direction == Direction::Out)
            out += wb.traffic().payload(r).toByteArray();
    }
    return out;
}

// Reads from a raw descriptor until it has size bytes (bounded by a deadline).
QByteArray readAll(int fd, qsizetype size)
{
    QByteArray got;
    QDeadlineTimer deadline(10000);
    char buffer[65536];
    while (got.size() < size && !deadline.hasExpired()) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0)
            got.append(buffer, n);
        else if (n == 0)
            break;
        else
            QTest::qWait(1);
    }
    return got;
}

} // namespace

class tst_SendFile : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void sendsARangeOfTheFile();
    void sendsToTheEndAndWaitsForRoom();
    void timesOutWithWhatWasSent();
    void unreadableDescriptorsFail();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QByteArray m_content;
};

void tst_SendFile::init()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("it's data.bin"));
    m_content = randomBytes(3 << 20);
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(m_content), qint64(m_content.size()));
}

void tst_SendFile::sendsARangeOfTheFile()
{
    Workbench wb;
    // One end is a raw descriptor of this test, the peer a workbench socket of its own.
    int fds[2] = {-1, -1};
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
    Call adopt;
    adopt.kind = CallKind::FromFd;
    adopt.family = adopt.type = adopt.proto = -1;
    adopt.size = fds[0];
    const CallRecord adopted = finished(wb, wb.submit(adopt));
    QVERIFY(succeeded(adopted));
    const int sk = adopted.outcome.socketId;

    const int file = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(file >= 0);
    const int before = openFdCount();
    const CallRecord r = finished(wb, wb.sendFile(sk, file, 10, 1000));
    QVERIFY(succeeded(r));
    QCOMPARE(r.outcome.count, qint64(1000));
    QCOMPARE(r.outcome.result, QStringLiteral("1000"));
    QVERIFY2(r.call.endsWith(QStringLiteral(".sendfile(open(%1, 'rb'), 10, 1000)").arg(pythonStrLiteral(m_path))), qPrintable(r.call));
    QCOMPARE(readAll(fds[1], 1000), m_content.mid(10, 1000));
    QCOMPARE(sentBy(wb, sk), m_content.mid(10, 1000));
    // The caller's file is as it was: its position, and no descriptor left behind.
    QCOMPARE(::lseek(file, 0, SEEK_CUR), off_t(0));
    QTRY_COMPARE_WITH_TIMEOUT(openFdCount(), before, 2000);

    // Past the end of the file: nothing to send, 0.
    const CallRecord past = finished(wb, wb.sendFile(sk, file, m_content.size() + 5, 0));
    QVERIFY(succeeded(past));
    QCOMPARE(past.outcome.count, qint64(0));
    ::close(file);
    ::close(fds[1]);
}

void tst_SendFile::sendsToTheEndAndWaitsForRoom()
{
    Workbench wb;
    QTemporaryDir dir;
    const auto c = testsupport::connection(wb, AF_INET, dir);
    QVERIFY(c.accepted >= 0);
    const int file = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(file >= 0);
    // 3 MiB is more than the socket buffers hold: the call waits for the reader, in the write lane.
    const CallId sending = wb.sendFile(c.client, file, 0, 0);
    QByteArray got;
    QDeadlineTimer deadline(20000);
    while (got.size() < m_content.size() && !deadline.hasExpired()) {
        const CallRecord r = finished(wb, wb.recv(c.accepted, 1 << 20));
        QVERIFY(succeeded(r));
        QVERIFY(!r.outcome.data.isEmpty());
        got += r.outcome.data;
    }
    QCOMPARE(got.size(), m_content.size());
    QVERIFY(got == m_content);
    const CallRecord sent = finished(wb, sending);
    QVERIFY(succeeded(sent));
    QCOMPARE(sent.outcome.count, qint64(m_content.size()));
    QVERIFY(sentBy(wb, c.client) == m_content);
    ::close(file);
}

void tst_SendFile::timesOutWithWhatWasSent()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    QVERIFY(succeeded(finished(wb, pair.call)));
    QVERIFY(succeeded(finished(wb, wb.setTimeout(pair.first, 0.05))));
    const int file = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(file >= 0);
    const CallRecord r = finished(wb, wb.sendFile(pair.first, file, 0, 0));
    QCOMPARE(r.outcome.status, CallStatus::Failed);
    QVERIFY2(r.outcome.result.contains(QLatin1String("TimeoutError")), qPrintable(r.outcome.result));
    // What filled the buffer is in the traffic store, as sent.
    const QByteArray sent = sentBy(wb, pair.first);
    QVERIFY(!sent.isEmpty());
    QVERIFY(sent == m_content.left(sent.size()));
    QCOMPARE(r.outcome.count, qint64(sent.size())); // socket.py seeks the file past what went
    ::close(file);
}

void tst_SendFile::unreadableDescriptorsFail()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    QVERIFY(succeeded(finished(wb, pair.call)));
    // A pipe cannot be read at an offset: ESPIPE, nothing sent (socket.py then falls back on send()).
    int pipeFds[2] = {-1, -1};
    QCOMPARE(::pipe2(pipeFds, O_CLOEXEC), 0);
    QCOMPARE(::write(pipeFds[1], "abc", 3), ssize_t(3));
    const CallRecord pipe = finished(wb, wb.sendFile(pair.first, pipeFds[0]));
    QCOMPARE(pipe.outcome.status, CallStatus::Failed);
    QCOMPARE(pipe.outcome.error, ESPIPE);
    QCOMPARE(pipe.outcome.count, qint64(0));
    QVERIFY2(pipe.call.contains(QStringLiteral("open(%1, 'rb', closefd=False)").arg(pipeFds[0])), qPrintable(pipe.call));
    // A directory: the kernel's EISDIR.
    const int directory = ::open(QFile::encodeName(m_dir.path()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    QCOMPARE(finished(wb, wb.sendFile(pair.first, directory)).outcome.error, EISDIR);
    // A descriptor that is not open: EBADF before any I/O thread sees it.
    ::close(pipeFds[1]);
    const int closed = pipeFds[1];
    QCOMPARE(finished(wb, wb.sendFile(pair.first, closed)).outcome.error, EBADF);
    // A negative count is Python's ValueError.
    const int file = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    const CallRecord negative = finished(wb, wb.sendFile(pair.first, file, 0, -1));
    QVERIFY2(negative.outcome.result.contains(QLatin1String("ValueError")), qPrintable(negative.outcome.result));
    QVERIFY(sentBy(wb, pair.first).isEmpty());
    ::close(file);
    ::close(directory);
    ::close(pipeFds[0]);
}

QTEST_GUILESS_MAIN(tst_SendFile)
#include "tst_sendfile.moc"
