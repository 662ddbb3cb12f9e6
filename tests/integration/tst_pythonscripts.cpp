// The embedded interpreter against python3 itself: every script of tests/python runs under both,
// with the same arguments; stdout, the exit status and the last line of stderr (an uncaught
// exception's) must be equal. The scripts print nothing that differs between two runs of python3.
#include "core/export/pythonscript.h"
#include "core/recipes/callchain.h"
#include "core/recipes/examples.h"
#include "core/workbench.h"

#include <QDir>
#include <QSignalSpy>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

namespace {

struct Run
{
    QString out;
    QString lastErrorLine;
    int status = -1;
    bool finished = false;
    QString err;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess process;
    process.start(program, args);
    Run result;
    result.finished = process.waitForFinished(60000);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    const QStringList lines = result.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    result.lastErrorLine = lines.isEmpty() ? QString() : lines.last();
    result.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

} // namespace

class tst_PythonScripts : public QObject
{
    Q_OBJECT
private slots:
    void sameAsPython3_data();
    void sameAsPython3();
    void transcriptIsWritten();
    void exportedSessionRunsTheSame();
    void ctrlCInterruptsAWaitingCall();
};

void tst_PythonScripts::sameAsPython3_data()
{
    QTest::addColumn<QString>("script");
    const QDir dir(QStringLiteral(SWB_SCRIPTS_DIR));
    const QStringList scripts = dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
    QVERIFY(scripts.size() >= 9);
    for (const QString &name : scripts)
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void tst_PythonScripts::sameAsPython3()
{
    QFETCH(QString, script);
    const QStringList args{QStringLiteral("first"), QStringLiteral("--help")};
    const Run python = run(QStringLiteral("python3"), QStringList{script} + args);
    QVERIFY2(python.finished, "python3 did not finish");
    const Run ours = run(QStringLiteral(SWB_APP_PATH), QStringList{QStringLiteral("--run"), script} + args);
    QVERIFY2(ours.finished, qPrintable(QStringLiteral("--run did not finish:\n") + ours.out + ours.err));
    QCOMPARE(ours.out, python.out);
    QVERIFY2(ours.status == python.status,
             qPrintable(QStringLiteral("status %1, python3 %2; stderr:\n%3").arg(ours.status).arg(python.status).arg(ours.err)));
    QCOMPARE(ours.lastErrorLine, python.lastErrorLine);
}

// --transcript writes the script's calls as a Python session.
void tst_PythonScripts::transcriptIsWritten()
{
    QTemporaryDir dir;
    const QString transcript = dir.filePath(QStringLiteral("calls.txt"));
    const Run ours = run(QStringLiteral(SWB_APP_PATH),
                         {QStringLiteral("--transcript"), transcript, QStringLiteral("--run"),
                          QDir(QStringLiteral(SWB_SCRIPTS_DIR)).filePath(QStringLiteral("udp.py"))});
    QCOMPARE(ours.status, 0);
    QFile file(transcript);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(QStringLiteral(">>> sk1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(".sendto(b'ping', ('127.0.0.1', ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("OSError: [Errno 90] Message too long")), qPrintable(text));
}

// What the journal exports as a Python script (here, the Loopback echo lab's session) runs under
// --run as under python3.
void tst_PythonScripts::exportedSessionRunsTheSame()
{
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("lab.py"));
    {
        core::Workbench wb;
        core::CallChain *lab = core::startEchoLab(wb);
        QSignalSpy done(lab, &core::CallChain::finished);
        QVERIFY(done.wait(10000));
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(core::pythonScript(wb.journal(), wb.sockets()).toUtf8());
    }
    const Run python = run(QStringLiteral("python3"), {script});
    QCOMPARE(python.status, 0);
    QVERIFY(python.out.contains(QStringLiteral("hello, server")));
    const Run ours = run(QStringLiteral(SWB_APP_PATH), {QStringLiteral("--run"), script});
    // The script prints the port the kernel picked for the listener: a new one each run.
    static const QRegularExpression port(QStringLiteral("\\('127\\.0\\.0\\.1', \\d+\\)"));
    QCOMPARE(QString(ours.out).replace(port, QStringLiteral("(ADDRESS)")), QString(python.out).replace(port, QStringLiteral("(ADDRESS)")));
    QVERIFY(python.out.contains(port));
    QCOMPARE(ours.status, python.status);
}

// Ctrl+C while a call waits: the call is cancelled and the script ends as python3's does (the
// KeyboardInterrupt traceback, then death by SIGINT, so a shell sees the interrupt).
void tst_PythonScripts::ctrlCInterruptsAWaitingCall()
{
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("waits.py"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("import socket\na, b = socket.socketpair()\nprint('waiting', flush=True)\na.recv(10)\n");
    file.close();
    auto interrupted = [&](const QString &program, const QStringList &args) {
        QProcess process;
        process.start(program, args);
        Run result;
        if (!process.waitForReadyRead(20000))
            return result;
        QTest::qWait(200); // the call is waiting now
        ::kill(pid_t(process.processId()), SIGINT);
        result.finished = process.waitForFinished(10000);
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        const QStringList lines = QString::fromUtf8(process.readAllStandardError()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        result.lastErrorLine = lines.isEmpty() ? QString() : lines.last();
        result.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        return result;
    };
    const Run python = interrupted(QStringLiteral("python3"), {script});
    QVERIFY(python.finished);
    const Run ours = interrupted(QStringLiteral(SWB_APP_PATH), {QStringLiteral("--run"), script});
    QVERIFY(ours.finished);
    QCOMPARE(ours.out, python.out);
    QCOMPARE(ours.lastErrorLine, python.lastErrorLine);
    QCOMPARE(ours.status, python.status);
}

QTEST_GUILESS_MAIN(tst_PythonScripts)
#include "tst_pythonscripts.moc"
