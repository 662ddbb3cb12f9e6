// The embedded interpreter against python3 itself: every script of tests/python runs under both,
// with the same arguments; stdout, the exit status and the last line of stderr (an uncaught
// exception's) must be equal. The scripts print nothing that differs between two runs of python3.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

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

QTEST_GUILESS_MAIN(tst_PythonScripts)
#include "tst_pythonscripts.moc"
