#include "core/net/errors.h"
#include "core/store/journal.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <netdb.h>

#include <cerrno>

using namespace core;

class tst_Errors : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void pythonOsError_data();
    void pythonOsError();
    void exceptionClasses_data();
    void exceptionClasses();
    void matchesCPython();
    void errnoNames_data();
    void errnoNames();
    void gaiErrors_data();
    void gaiErrors();
    void gaiNamesMatchCPython();
    void hostErrors_data();
    void hostErrors();
    void timeout();
    void outcomesCarryTheirException();
};

void tst_Errors::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_Errors::pythonOsError_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("line");
    QTest::newRow("ECONNREFUSED") << ECONNREFUSED << "ConnectionRefusedError: [Errno 111] Connection refused";
    QTest::newRow("EAGAIN") << EAGAIN << "BlockingIOError: [Errno 11] Resource temporarily unavailable";
    QTest::newRow("EWOULDBLOCK") << EWOULDBLOCK << "BlockingIOError: [Errno 11] Resource temporarily unavailable";
    QTest::newRow("EINPROGRESS") << EINPROGRESS << "BlockingIOError: [Errno 115] Operation now in progress";
    QTest::newRow("EALREADY") << EALREADY << "BlockingIOError: [Errno 114] Operation already in progress";
    QTest::newRow("EPIPE") << EPIPE << "BrokenPipeError: [Errno 32] Broken pipe";
    QTest::newRow("ESHUTDOWN") << ESHUTDOWN << "BrokenPipeError: [Errno 108] Cannot send after transport endpoint shutdown";
    QTest::newRow("ENOENT") << ENOENT << "FileNotFoundError: [Errno 2] No such file or directory";
    QTest::newRow("EPERM") << EPERM << "PermissionError: [Errno 1] Operation not permitted";
    QTest::newRow("EACCES") << EACCES << "PermissionError: [Errno 13] Permission denied";
    QTest::newRow("ETIMEDOUT") << ETIMEDOUT << "TimeoutError: [Errno 110] Connection timed out";
    QTest::newRow("ECONNRESET") << ECONNRESET << "ConnectionResetError: [Errno 104] Connection reset by peer";
    QTest::newRow("ECONNABORTED") << ECONNABORTED << "ConnectionAbortedError: [Errno 103] Software caused connection abort";
    QTest::newRow("EINTR") << EINTR << "InterruptedError: [Errno 4] Interrupted system call";
    QTest::newRow("EEXIST") << EEXIST << "FileExistsError: [Errno 17] File exists";
    QTest::newRow("ECHILD") << ECHILD << "ChildProcessError: [Errno 10] No child processes";
    QTest::newRow("ESRCH") << ESRCH << "ProcessLookupError: [Errno 3] No such process";
    QTest::newRow("EISDIR") << EISDIR << "IsADirectoryError: [Errno 21] Is a directory";
    QTest::newRow("ENOTDIR") << ENOTDIR << "NotADirectoryError: [Errno 20] Not a directory";
    QTest::newRow("ESOCKTNOSUPPORT") << ESOCKTNOSUPPORT << "OSError: [Errno 94] Socket type not supported";
    QTest::newRow("EADDRINUSE") << EADDRINUSE << "OSError: [Errno 98] Address already in use";
    QTest::newRow("EADDRNOTAVAIL") << EADDRNOTAVAIL << "OSError: [Errno 99] Cannot assign requested address";
    QTest::newRow("EBADF") << EBADF << "OSError: [Errno 9] Bad file descriptor";
    QTest::newRow("EINVAL") << EINVAL << "OSError: [Errno 22] Invalid argument";
    QTest::newRow("ENOTCONN") << ENOTCONN << "OSError: [Errno 107] Transport endpoint is not connected";
    QTest::newRow("EISCONN") << EISCONN << "OSError: [Errno 106] Transport endpoint is already connected";
    QTest::newRow("EMSGSIZE") << EMSGSIZE << "OSError: [Errno 90] Message too long";
    QTest::newRow("ENETUNREACH") << ENETUNREACH << "OSError: [Errno 101] Network is unreachable";
    QTest::newRow("EHOSTUNREACH") << EHOSTUNREACH << "OSError: [Errno 113] No route to host";
    QTest::newRow("EAFNOSUPPORT") << EAFNOSUPPORT << "OSError: [Errno 97] Address family not supported by protocol";
    QTest::newRow("ENOPROTOOPT") << ENOPROTOOPT << "OSError: [Errno 92] Protocol not available";
    QTest::newRow("EOPNOTSUPP") << EOPNOTSUPP << "OSError: [Errno 95] Operation not supported";
    QTest::newRow("ENOTSOCK") << ENOTSOCK << "OSError: [Errno 88] Socket operation on non-socket";
    QTest::newRow("EMFILE") << EMFILE << "OSError: [Errno 24] Too many open files";
    QTest::newRow("unknown") << 999 << "OSError: [Errno 999] Unknown error 999";
}

void tst_Errors::pythonOsError()
{
    QFETCH(int, error);
    QFETCH(QString, line);
    QCOMPARE(core::pythonOsError(error), line);
    // The class and message are the parts of the line.
    QVERIFY(line.startsWith(pythonExceptionClass(error) + QStringLiteral(": [Errno ")));
    QVERIFY(line.endsWith(QStringLiteral("] ") + errnoMessage(error)));
}

void tst_Errors::exceptionClasses_data()
{
    // PEP 3151's table (Objects/exceptions.c), every errno it maps.
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("name");
    QTest::newRow("EAGAIN") << EAGAIN << "BlockingIOError";
    QTest::newRow("EALREADY") << EALREADY << "BlockingIOError";
    QTest::newRow("EINPROGRESS") << EINPROGRESS << "BlockingIOError";
    QTest::newRow("EWOULDBLOCK") << EWOULDBLOCK << "BlockingIOError";
    QTest::newRow("ECHILD") << ECHILD << "ChildProcessError";
    QTest::newRow("EPIPE") << EPIPE << "BrokenPipeError";
    QTest::newRow("ESHUTDOWN") << ESHUTDOWN << "BrokenPipeError";
    QTest::newRow("ECONNABORTED") << ECONNABORTED << "ConnectionAbortedError";
    QTest::newRow("ECONNREFUSED") << ECONNREFUSED << "ConnectionRefusedError";
    QTest::newRow("ECONNRESET") << ECONNRESET << "ConnectionResetError";
    QTest::newRow("EEXIST") << EEXIST << "FileExistsError";
    QTest::newRow("ENOENT") << ENOENT << "FileNotFoundError";
    QTest::newRow("EISDIR") << EISDIR << "IsADirectoryError";
    QTest::newRow("ENOTDIR") << ENOTDIR << "NotADirectoryError";
    QTest::newRow("EINTR") << EINTR << "InterruptedError";
    QTest::newRow("EACCES") << EACCES << "PermissionError";
    QTest::newRow("EPERM") << EPERM << "PermissionError";
    QTest::newRow("ESRCH") << ESRCH << "ProcessLookupError";
    QTest::newRow("ETIMEDOUT") << ETIMEDOUT << "TimeoutError";
    QTest::newRow("ENETDOWN") << ENETDOWN << "OSError";
    QTest::newRow("zero") << 0 << "OSError";
    QTest::newRow("negative") << -1 << "OSError";
}

void tst_Errors::exceptionClasses()
{
    QFETCH(int, error);
    QFETCH(QString, name);
    QCOMPARE(pythonExceptionClass(error), name);
}

// CPython is the reference: one python3 run renders every errno 0-133 (and some beyond), and each
// line must equal ours: type(OSError(e, os.strerror(e))).__name__ + ': ' + str(...), and the name
// errno.errorcode gives.
void tst_Errors::matchesCPython()
{
    QList<int> errors;
    for (int e = 0; e <= 134; ++e)
        errors += e;
    errors += {200, 999, 4095};
    QStringList values;
    for (int e : errors)
        values += QString::number(e);
    const QString script = QStringLiteral(
        "import errno, os\n"
        "for e in [%1]:\n"
        "    x = OSError(e, os.strerror(e))\n"
        "    print(f'{type(x).__name__}: {x}\\t{errno.errorcode.get(e, \"\")}')\n").arg(values.join(QLatin1Char(',')));
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    QVERIFY(python.waitForStarted(5000));
    QVERIFY(python.waitForFinished(10000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QStringList lines = QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), errors.size());

    // Linux aliases: errno.errorcode keeps the last of each pair, C code writes the first.
    const QHash<QString, QString> aliases = {{QStringLiteral("EDEADLOCK"), QStringLiteral("EDEADLK")},
                                             {QStringLiteral("ENOTSUP"), QStringLiteral("EOPNOTSUPP")}};
    QStringList mismatches;
    for (int i = 0; i < errors.size(); ++i) {
        const int e = errors[i];
        const QStringList parts = lines[i].split(QLatin1Char('\t'));
        QCOMPARE(parts.size(), 2);
        if (core::pythonOsError(e) != parts[0])
            mismatches += QStringLiteral("%1: ours '%2', python '%3'").arg(e).arg(core::pythonOsError(e), parts[0]);
        if (!parts[1].isEmpty() && errnoName(e) != aliases.value(parts[1], parts[1]))
            mismatches += QStringLiteral("%1: ours %2, python %3").arg(e).arg(errnoName(e), parts[1]);
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QLatin1Char('\n'))));
}

void tst_Errors::errnoNames_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("ECONNREFUSED") << ECONNREFUSED << "ECONNREFUSED" << "Connection refused";
    QTest::newRow("EAGAIN") << EAGAIN << "EAGAIN" << "Resource temporarily unavailable";
    QTest::newRow("EWOULDBLOCK") << EWOULDBLOCK << "EAGAIN" << "Resource temporarily unavailable";
    QTest::newRow("EADDRINUSE") << EADDRINUSE << "EADDRINUSE" << "Address already in use";
    QTest::newRow("EINPROGRESS") << EINPROGRESS << "EINPROGRESS" << "Operation now in progress";
    QTest::newRow("EPIPE") << EPIPE << "EPIPE" << "Broken pipe";
    QTest::newRow("EBADF") << EBADF << "EBADF" << "Bad file descriptor";
    QTest::newRow("ENOTCONN") << ENOTCONN << "ENOTCONN" << "Transport endpoint is not connected";
    QTest::newRow("EOPNOTSUPP") << EOPNOTSUPP << "EOPNOTSUPP" << "Operation not supported";
    QTest::newRow("EDEADLK") << EDEADLK << "EDEADLK" << "Resource deadlock avoided";
    // Not socket errors, but a program can still meet them: a name, never a made-up "E26".
    QTest::newRow("ETXTBSY") << ETXTBSY << "ETXTBSY" << "Text file busy";
    QTest::newRow("EBADFD") << EBADFD << "EBADFD" << "File descriptor in bad state";
    QTest::newRow("EREMOTEIO") << EREMOTEIO << "EREMOTEIO" << "Remote I/O error";
    QTest::newRow("ERFKILL") << ERFKILL << "ERFKILL" << "Operation not possible due to RF-kill";
}

void tst_Errors::errnoNames()
{
    QFETCH(int, error);
    QFETCH(QString, name);
    QFETCH(QString, message);
    QCOMPARE(errnoName(error), name);
    QCOMPARE(errnoMessage(error), message);
}

void tst_Errors::gaiErrors_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("line");
    QTest::newRow("EAI_NONAME") << EAI_NONAME << "EAI_NONAME" << "socket.gaierror: [Errno -2] Name or service not known";
    QTest::newRow("EAI_AGAIN") << EAI_AGAIN << "EAI_AGAIN"
                               << "socket.gaierror: [Errno -3] Temporary failure in name resolution";
    QTest::newRow("EAI_FAIL") << EAI_FAIL << "EAI_FAIL"
                              << "socket.gaierror: [Errno -4] Non-recoverable failure in name resolution";
    QTest::newRow("EAI_FAMILY") << EAI_FAMILY << "EAI_FAMILY" << "socket.gaierror: [Errno -6] ai_family not supported";
    QTest::newRow("EAI_SOCKTYPE") << EAI_SOCKTYPE << "EAI_SOCKTYPE" << "socket.gaierror: [Errno -7] ai_socktype not supported";
    QTest::newRow("EAI_SERVICE") << EAI_SERVICE << "EAI_SERVICE"
                                 << "socket.gaierror: [Errno -8] Servname not supported for ai_socktype";
    QTest::newRow("EAI_BADFLAGS") << EAI_BADFLAGS << "EAI_BADFLAGS" << "socket.gaierror: [Errno -1] Bad value for ai_flags";
    QTest::newRow("EAI_MEMORY") << EAI_MEMORY << "EAI_MEMORY" << "socket.gaierror: [Errno -10] Memory allocation failure";
    QTest::newRow("EAI_SYSTEM") << EAI_SYSTEM << "EAI_SYSTEM" << "socket.gaierror: [Errno -11] System error";
    // glibc's gai_strerror has no text of its own for EAI_OVERFLOW; Python prints the same.
    QTest::newRow("EAI_OVERFLOW") << EAI_OVERFLOW << "EAI_OVERFLOW" << "socket.gaierror: [Errno -12] Unknown error";
    QTest::newRow("EAI_NODATA") << EAI_NODATA << "EAI_NODATA" << "socket.gaierror: [Errno -5] No address associated with hostname";
    QTest::newRow("EAI_ADDRFAMILY") << EAI_ADDRFAMILY << "EAI_ADDRFAMILY"
                                    << "socket.gaierror: [Errno -9] Address family for hostname not supported";
}

void tst_Errors::gaiErrors()
{
    QFETCH(int, error);
    QFETCH(QString, name);
    QFETCH(QString, line);
    QCOMPARE(gaiErrorName(error), name);
    QCOMPARE(pythonGaiError(error), line);
}

// The socket module's EAI_* constants have the values our names stand for, and a failed lookup in
// Python prints the line we print for the same code.
void tst_Errors::gaiNamesMatchCPython()
{
    const QStringList names = {"EAI_BADFLAGS", "EAI_NONAME", "EAI_AGAIN", "EAI_FAIL", "EAI_FAMILY",
                               "EAI_SOCKTYPE", "EAI_SERVICE", "EAI_MEMORY", "EAI_SYSTEM", "EAI_OVERFLOW",
                               "EAI_NODATA", "EAI_ADDRFAMILY"};
    const QString script = QStringLiteral(
        "import socket\n"
        "for n in %1:\n"
        "    print(n, getattr(socket, n))\n"
        "try:\n"
        "    socket.getaddrinfo('127.0.0.1', 'no-such-service-here')\n"
        "except socket.gaierror as e:\n"
        "    print(e.errno, f'socket.gaierror: {e}')\n"
        "try:\n"
        "    socket.getaddrinfo('127.0.0.1', 80, 12345)\n"
        "except socket.gaierror as e:\n"
        "    print(e.errno, f'socket.gaierror: {e}')\n")
                               .arg(QStringLiteral("['") + names.join(QStringLiteral("', '")) + QStringLiteral("']"));
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    QVERIFY(python.waitForStarted(5000));
    QVERIFY(python.waitForFinished(10000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QStringList lines = QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), names.size() + 2);
    for (int i = 0; i < names.size(); ++i) {
        const QStringList parts = lines[i].split(QLatin1Char(' '));
        QCOMPARE(parts.size(), 2);
        QCOMPARE(gaiErrorName(parts[1].toInt()), parts[0]);
    }
    for (int i = names.size(); i < lines.size(); ++i) {
        const int space = lines[i].indexOf(QLatin1Char(' '));
        QCOMPARE(pythonGaiError(lines[i].left(space).toInt()), lines[i].mid(space + 1));
    }
}

void tst_Errors::hostErrors_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("line");
    QTest::newRow("HOST_NOT_FOUND") << HOST_NOT_FOUND << "socket.herror: [Errno 1] Unknown host";
    QTest::newRow("TRY_AGAIN") << TRY_AGAIN << "socket.herror: [Errno 2] Host name lookup failure";
    QTest::newRow("NO_RECOVERY") << NO_RECOVERY << "socket.herror: [Errno 3] Unknown server error";
    QTest::newRow("NO_DATA") << NO_DATA << "socket.herror: [Errno 4] No address associated with name";
}

void tst_Errors::hostErrors()
{
    QFETCH(int, error);
    QFETCH(QString, line);
    QCOMPARE(pythonHostError(error), line);
}

void tst_Errors::timeout()
{
    QCOMPARE(pythonTimeoutError(), QStringLiteral("TimeoutError: timed out"));
}

// A failed outcome carries what Python raises as a value (kind, number, message); its text is made
// from that value, and the interpreter raises from the value, never from the text.
void tst_Errors::outcomesCarryTheirException()
{
    const Outcome refused = Outcome::osError(ECONNREFUSED);
    QCOMPARE(refused.exception.kind, PythonErrorKind::OsError);
    QCOMPARE(refused.exception.error, ECONNREFUSED);
    QCOMPARE(refused.exception.message, QStringLiteral("Connection refused"));
    QCOMPARE(refused.exception.className(), QStringLiteral("ConnectionRefusedError"));
    QCOMPARE(refused.result, refused.exception.text());
    QCOMPARE(refused.errorName, QStringLiteral("ECONNREFUSED"));

    const Outcome late = Outcome::timeout();
    QCOMPARE(late.exception.kind, PythonErrorKind::Timeout);
    QCOMPARE(late.exception.message, QStringLiteral("timed out"));
    QCOMPARE(late.result, QStringLiteral("TimeoutError: timed out"));

    const PythonError gai = PythonError::gaiError(EAI_NONAME);
    QCOMPARE(gai.className(), QStringLiteral("socket.gaierror"));
    QCOMPARE(gai.text(), pythonGaiError(EAI_NONAME));
    QCOMPARE(PythonError::valueError(QStringLiteral("negative buffersize in recv")).text(),
             QStringLiteral("ValueError: negative buffersize in recv"));
    QCOMPARE(PythonError::osError(QStringLiteral("wildcard resolved to multiple address")).text(),
             QStringLiteral("OSError: wildcard resolved to multiple address"));
    QVERIFY(!Outcome::ok(QStringLiteral("None")).exception.isSet());
}

QTEST_GUILESS_MAIN(tst_Errors)
#include "tst_errors.moc"
