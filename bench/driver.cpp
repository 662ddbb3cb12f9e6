#include "bench/driver.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

namespace bench {

namespace {

QString firstLineStarting(const QString &path, const QString &prefix)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    // readAll: /proc files report a size of 0, so atEnd() cannot be trusted
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed();
    }
    return {};
}

QString machine()
{
    QString cpu = firstLineStarting(QStringLiteral("/proc/cpuinfo"), QStringLiteral("model name"));
    cpu = cpu.mid(cpu.indexOf(QLatin1Char(':')) + 1).trimmed();
    const QString memKb = firstLineStarting(QStringLiteral("/proc/meminfo"), QStringLiteral("MemTotal:")).section(QLatin1Char(' '), 0, 0);
    return QStringLiteral("%1, %2 cores, %3 GiB RAM, Linux %4, %5")
        .arg(cpu.isEmpty() ? QSysInfo::currentCpuArchitecture() : cpu)
        .arg(QThread::idealThreadCount())
        .arg(memKb.toDouble() / 1024 / 1024, 0, 'f', 1)
        .arg(QSysInfo::kernelVersion(), QSysInfo::prettyProductName());
}

QString commit()
{
    QProcess git;
    git.start(QStringLiteral("git"), {QStringLiteral("-C"), QStringLiteral(SWB_SOURCE_DIR), QStringLiteral("describe"),
                                      QStringLiteral("--always"), QStringLiteral("--dirty")});
    if (!git.waitForFinished(10'000) || git.exitCode() != 0)
        return QStringLiteral("unknown");
    return QString::fromUtf8(git.readAllStandardOutput()).trimmed();
}

double loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().split(' ').value(0).toDouble() : -1;
}

QJsonObject runChild(const QString &program, const QString &name, const DriverOptions &options, const QString &dir)
{
    const QString resultPath = dir + QLatin1Char('/') + name + QStringLiteral(".json");
    QStringList arguments{QStringLiteral("--run"), name, QStringLiteral("--result"), resultPath,
                          QStringLiteral("--rounds"), QString::number(options.run.rounds)};
    if (options.run.quick)
        arguments << QStringLiteral("--quick");
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.setStandardOutputFile(QProcess::nullDevice());
    const int limitMs = options.run.quick ? 90'000 : 300'000;
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    child.start(program, arguments);
    QString problem;
    if (!child.waitForFinished(limitMs)) {
        child.kill();
        child.waitForFinished(10'000);
        problem = QStringLiteral("killed after %1 s").arg(limitMs / 1000);
    } else if (child.exitStatus() != QProcess::NormalExit) {
        problem = QStringLiteral("crashed");
    }
    QJsonObject result;
    QFile file(resultPath);
    if (problem.isEmpty() && file.open(QIODevice::ReadOnly))
        result = QJsonDocument::fromJson(file.readAll()).object();
    if (result.isEmpty()) {
        result.insert(QLatin1String("complete"), false);
        result.insert(QLatin1String("targets_met"), false);
        result.insert(QLatin1String("problems"),
                      QJsonArray{problem.isEmpty() ? QStringLiteral("no result (exit code %1)").arg(child.exitCode()) : problem});
    }
    result.insert(QLatin1String("wall_s"), double(QDateTime::currentMSecsSinceEpoch() - start) / 1000.0);
    return result;
}

void printTable(const QJsonObject &results)
{
    const QStringList header{QStringLiteral("benchmark"), QStringLiteral("figure"), QStringLiteral("app"),
                             QStringLiteral("bare C"), QStringLiteral("ratio"), QStringLiteral("target"), QStringLiteral("met")};
    QList<QStringList> rows;
    const QJsonObject benchmarks = results.value(QLatin1String("benchmarks")).toObject();
    for (const QString &name : benchmarkNames()) {
        if (!benchmarks.contains(name))
            continue;
        const QJsonObject b = benchmarks.value(name).toObject();
        for (const QJsonValue &value : b.value(QLatin1String("table")).toArray()) {
            const QJsonObject row = value.toObject();
            rows.append({name, row.value(QLatin1String("figure")).toString(), row.value(QLatin1String("app")).toString(),
                         row.value(QLatin1String("c")).toString(), row.value(QLatin1String("ratio")).toString(),
                         row.value(QLatin1String("target")).toString(), row.value(QLatin1String("verdict")).toString()});
        }
        for (const QJsonValue &problem : b.value(QLatin1String("problems")).toArray())
            rows.append({name, QStringLiteral("INCOMPLETE: ") + problem.toString(), {}, {}, {}, {}, QStringLiteral("FAIL")});
    }
    QList<qsizetype> widths;
    for (const QString &h : header)
        widths.append(h.size());
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype i = 0; i < row.size() - 1; ++i) // the first column of an INCOMPLETE row may be long
            widths[i] = std::max(widths[i], row[i].startsWith(QLatin1String("INCOMPLETE")) ? widths[i] : row[i].size());
    }
    const auto print = [&](const QStringList &cells) {
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i)
            line += cells[i].leftJustified(widths[i]) + QStringLiteral("  ");
        std::printf("%s\n", qPrintable(line.trimmed()));
    };
    print(header);
    QStringList rule;
    for (qsizetype w : widths)
        rule.append(QString(w, QLatin1Char('-')));
    print(rule);
    for (const QStringList &row : std::as_const(rows))
        print(row);
}

} // namespace

const QStringList &benchmarkNames()
{
    static const QStringList names{QStringLiteral("udp_paced"), QStringLiteral("udp_unpaced"), QStringLiteral("tcp_stream"),
                                   QStringLiteral("unix_stream"), QStringLiteral("connections"), QStringLiteral("log_memory"),
                                   QStringLiteral("startup"), QStringLiteral("idle_cpu_percent"), QStringLiteral("script_calls"),
                                   QStringLiteral("responder"), QStringLiteral("periodic")};
    return names;
}

int runDriver(const QString &program, const DriverOptions &options)
{
    // Children never see this user's window settings, and never change them.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        qputenv("XDG_RUNTIME_DIR", config.path().toLocal8Bit()); // mode 0700, as Qt wants
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QJsonObject results;
    results.insert(QLatin1String("commit"), commit());
    results.insert(QLatin1String("machine"), machine());
    results.insert(QLatin1String("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    results.insert(QLatin1String("quick"), options.run.quick);
    results.insert(QLatin1String("load_average_before"), loadAverage());
    QJsonObject benchmarks;
    bool complete = true;
    int missed = 0;
    for (const QString &name : benchmarkNames()) {
        if (!options.only.isEmpty() && !options.only.contains(name))
            continue;
        std::fprintf(stderr, "swbench: %s...\n", qPrintable(name));
        const QJsonObject result = runChild(program, name, options, config.path());
        complete = complete && result.value(QLatin1String("complete")).toBool();
        for (const QJsonValue &row : result.value(QLatin1String("table")).toArray())
            missed += row.toObject().value(QLatin1String("verdict")).toString() == QLatin1String("MISS");
        benchmarks.insert(name, result);
    }
    results.insert(QLatin1String("load_average_after"), loadAverage());
    results.insert(QLatin1String("benchmarks"), benchmarks);

    QFile file(options.jsonPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(results).toJson()) < 0) {
        std::fprintf(stderr, "swbench: cannot write %s\n", qPrintable(options.jsonPath));
        complete = false;
    }
    file.close();
    std::printf("Socket Workbench benchmarks%s, commit %s\n%s\n\n", options.run.quick ? " (quick)" : "",
                qPrintable(results.value(QLatin1String("commit")).toString()), qPrintable(results.value(QLatin1String("machine")).toString()));
    printTable(results);
    std::printf("\n%s; %d target(s) missed; load average %.2f before, %.2f after; results in %s\n",
                complete ? "every benchmark completed and accounted for every byte" : "SOME BENCHMARKS DID NOT COMPLETE",
                missed, results.value(QLatin1String("load_average_before")).toDouble(),
                results.value(QLatin1String("load_average_after")).toDouble(), qPrintable(options.jsonPath));
    return complete ? 0 : 1;
}

} // namespace bench
