// swbench: the benchmark suite of issue 4. Without --run it is the driver: it runs each
// benchmark in a child process of its own, writes bench-results.json and prints the table.
//
//   swbench [--quick] [--rounds N] [--only name,name] [--json FILE]
//   swbench --run NAME --result FILE [--quick] [--rounds N]   (one benchmark; what the driver runs)
#include "bench/benchmarks.h"
#include "bench/driver.h"
#include "bench/peers.h"

#include "core/base/clock.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>

#include <sys/socket.h>

#include <cstdio>
#include <cstring>

namespace {

// The offscreen platform says this once per window; it is not news in a benchmark's output.
QtMessageHandler g_defaultHandler = nullptr;

void quietOffscreen(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QLatin1String("does not support propagateSizeHints")))
        return;
    if (g_defaultHandler)
        g_defaultHandler(type, context, message);
}

// With SWBENCH_SLOW_EVENTS=ms set, names every GUI event that took longer: where lateness comes from.
class BenchApplication final : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        static const int thresholdMs = qEnvironmentVariableIntValue("SWBENCH_SLOW_EVENTS");
        if (!thresholdMs || m_depth > 0)
            return QApplication::notify(receiver, event);
        const qint64 start = core::monoNs();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(core::monoNs() - start) / 1e6;
        if (ms >= thresholdMs) {
            const QObject *parent = receiver->parent();
            std::fprintf(stderr, "swbench: slow event %.1f ms: type %d to %s '%s' (parent %s)\n", ms, int(event->type()),
                         receiver->metaObject()->className(), qPrintable(receiver->objectName()),
                         parent ? parent->metaObject()->className() : "-");
        }
        return result;
    }

private:
    int m_depth = 0;
};

int usage()
{
    std::fprintf(stderr, "usage: swbench [--quick] [--rounds N] [--only %s] [--json FILE]\n",
                 qPrintable(bench::benchmarkNames().join(QLatin1Char(','))));
    return 2;
}

int runOne(int argc, char **argv, const QString &name, const QString &resultPath, const bench::Options &options)
{
    // The connection client is forked before any thread exists (QApplication starts some).
    bench::peer::ConnectionClient client;
    if (name == QLatin1String("connections") && !client.start()) {
        std::fprintf(stderr, "swbench: cannot start the connection client\n");
        return 1;
    }
    g_defaultHandler = qInstallMessageHandler(quietOffscreen);
    BenchApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Socket Workbench"));
    QApplication::setOrganizationName(QStringLiteral("socket-workbench"));
    QJsonObject result;
    if (name == QLatin1String("udp_paced") || name == QLatin1String("udp_unpaced"))
        result = bench::runUdp(options, name == QLatin1String("udp_paced"));
    else if (name == QLatin1String("tcp_stream") || name == QLatin1String("unix_stream"))
        result = bench::runStream(options, name == QLatin1String("tcp_stream") ? AF_INET : AF_UNIX);
    else if (name == QLatin1String("connections"))
        result = bench::runConnections(options, client);
    else if (name == QLatin1String("log_memory"))
        result = bench::runLogMemory(options);
    else if (name == QLatin1String("startup"))
        result = bench::runStartup(options, QCoreApplication::applicationFilePath());
    else if (name == QLatin1String("idle_cpu_percent"))
        result = bench::runIdle(options);
    else if (name == QLatin1String("responder"))
        result = bench::runResponder(options);
    else if (name == QLatin1String("periodic"))
        result = bench::runPeriodic(options);
    else if (name == QLatin1String("script_calls"))
        result = bench::runScriptCalls(options, QStringLiteral(SWB_APP_PATH));
    else
        return usage();
    QFile file(resultPath);
    if (resultPath.isEmpty() || !file.open(QIODevice::WriteOnly)) {
        std::printf("%s\n", QJsonDocument(result).toJson().constData());
        return 0;
    }
    file.write(QJsonDocument(result).toJson());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--startup-child") == 0)
        return bench::startupChild(argc, argv);

    bench::DriverOptions options;
    QString run;
    QString resultPath;
    int rounds = 0; // 0: the default, 5 (1 with --quick)
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--quick")
            options.run.quick = true;
        else if (arg == "--rounds" && hasValue)
            rounds = std::max(1, QByteArray(argv[++i]).toInt());
        else if (arg == "--only" && hasValue)
            options.only = QString::fromLocal8Bit(argv[++i]).split(QLatin1Char(','), Qt::SkipEmptyParts);
        else if (arg == "--json" && hasValue)
            options.jsonPath = QString::fromLocal8Bit(argv[++i]);
        else if (arg == "--run" && hasValue)
            run = QString::fromLocal8Bit(argv[++i]);
        else if (arg == "--result" && hasValue)
            resultPath = QString::fromLocal8Bit(argv[++i]);
        else
            return usage();
    }
    for (const QString &name : std::as_const(options.only)) {
        if (!bench::benchmarkNames().contains(name))
            return usage();
    }
    options.run.rounds = rounds > 0 ? rounds : options.run.quick ? 1 : 5;
    if (!run.isEmpty())
        return runOne(argc, argv, run, resultPath, options.run);

    QCoreApplication app(argc, argv);
    return bench::runDriver(QCoreApplication::applicationFilePath(), options);
}
