#include "bench/benchsupport.h"

#include "core/base/clock.h"

#include <QEventLoop>

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace bench {

namespace {

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace

void Report::row(const QString &figure, const QString &app, const QString &reference, const QString &ratio,
                 const QString &target, bool met)
{
    QJsonObject row;
    row.insert(QLatin1String("figure"), figure);
    row.insert(QLatin1String("app"), app);
    row.insert(QLatin1String("c"), reference);
    row.insert(QLatin1String("ratio"), ratio);
    row.insert(QLatin1String("target"), target);
    row.insert(QLatin1String("verdict"), target.isEmpty() ? QString() : met ? QStringLiteral("ok") : QStringLiteral("MISS"));
    m_rows.append(row);
    if (!target.isEmpty() && !met)
        m_targetsMet = false;
}

void Report::fail(const QString &problem)
{
    m_problems.append(problem);
    std::fprintf(stderr, "swbench: %s\n", qPrintable(problem));
}

void Report::setAccounted(bool accounted, const QString &why)
{
    m_fields.insert(QLatin1String("accounted"), accounted);
    if (!accounted)
        fail(QStringLiteral("not every byte accounted for: ") + why);
}

void Report::setLateness(const Lateness &lateness)
{
    m_fields.insert(QLatin1String("gui_lateness_p99_ms"), lateness.p99Ms);
    m_fields.insert(QLatin1String("gui_lateness_max_ms"), lateness.maxMs);
    m_fields.insert(QLatin1String("gui_thread_busy_percent"), lateness.guiBusyPercent);
}

void Report::setRounds(const std::vector<double> &app, const std::vector<double> &reference)
{
    for (const auto &[name, values] : {std::pair{"rounds_app", &app}, std::pair{"rounds_c", &reference}}) {
        QJsonArray array;
        for (double value : *values)
            array.append(value);
        m_fields.insert(QLatin1String(name), array);
    }
}

QJsonObject Report::toJson() const
{
    QJsonObject o = m_fields;
    o.insert(QLatin1String("complete"), m_problems.isEmpty());
    o.insert(QLatin1String("targets_met"), m_targetsMet && m_problems.isEmpty());
    if (!m_problems.isEmpty())
        o.insert(QLatin1String("problems"), QJsonArray::fromStringList(m_problems));
    o.insert(QLatin1String("table"), m_rows);
    return o;
}

LatenessMeter::LatenessMeter(int intervalMs)
    : m_intervalMs(intervalMs)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LatenessMeter::tick);
}

void LatenessMeter::start()
{
    m_lateNs.clear();
    m_lateNs.reserve(1 << 16);
    m_startNs = core::monoNs();
    m_startCpuNs = threadCpuNs();
    m_dueNs = core::monoNs() + qint64(m_intervalMs) * 1'000'000;
    m_timer.start();
}

void LatenessMeter::stop()
{
    m_timer.stop();
    m_wallNs = core::monoNs() - m_startNs;
    m_cpuNs = threadCpuNs() - m_startCpuNs;
}

void LatenessMeter::tick()
{
    const qint64 now = core::monoNs();
    m_lateNs.push_back(std::max<qint64>(0, now - m_dueNs));
    m_dueNs = now + qint64(m_intervalMs) * 1'000'000;
    m_timer.start();
}

Lateness LatenessMeter::result() const
{
    std::vector<double> ms;
    ms.reserve(m_lateNs.size());
    for (qint64 ns : m_lateNs)
        ms.push_back(double(ns) / 1e6);
    Lateness lateness;
    lateness.p99Ms = percentile(ms, 0.99);
    lateness.maxMs = percentile(std::move(ms), 1.0);
    lateness.guiBusyPercent = m_wallNs > 0 ? 100.0 * double(m_cpuNs) / double(m_wallNs) : 0.0;
    return lateness;
}

QString Lateness::text() const
{
    return formatMs(p99Ms) + QStringLiteral(" / ") + formatMs(maxMs)
           + QStringLiteral(" (GUI busy %1%)").arg(guiBusyPercent, 0, 'f', 0);
}

Lateness Lateness::worst(const std::vector<Lateness> &runs)
{
    Lateness worst;
    for (const Lateness &run : runs) {
        worst.p99Ms = std::max(worst.p99Ms, run.p99Ms);
        worst.maxMs = std::max(worst.maxMs, run.maxMs);
        worst.guiBusyPercent = std::max(worst.guiBusyPercent, run.guiBusyPercent);
    }
    return worst;
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs, int pollMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    poll.setInterval(pollMs);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start();
    deadline.start(timeoutMs);
    loop.exec();
    return done();
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

qint64 residentBytes()
{
    long pages = 0;
    if (FILE *f = std::fopen("/proc/self/statm", "r")) {
        long size = 0;
        if (std::fscanf(f, "%ld %ld", &size, &pages) != 2)
            pages = 0;
        std::fclose(f);
    }
    return qint64(pages) * sysconf(_SC_PAGESIZE);
}

long raiseFdLimit()
{
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return long(limit.rlim_cur);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t rank = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[rank];
}

double median(std::vector<double> values)
{
    return percentile(std::move(values), 0.5);
}

double ratioOfMedians(const std::vector<double> &app, const std::vector<double> &reference)
{
    const double c = median(reference);
    return c > 0 ? median(app) / c : 0.0;
}

double perSecond(double amount, qint64 startNs, qint64 endNs)
{
    return endNs > startNs ? amount * 1e9 / double(endNs - startNs) : 0.0;
}

QString formatRate(double perSecond, const char *unit)
{
    static const char *prefixes[] = {"", "k", "M", "G"};
    int i = 0;
    while (perSecond >= 1000 && i < 3) {
        perSecond /= 1000;
        ++i;
    }
    return QStringLiteral("%1 %2%3/s").arg(perSecond, 0, 'f', perSecond < 10 ? 2 : 1).arg(QLatin1String(prefixes[i]),
                                                                                        QLatin1String(unit));
}

QString formatBytes(double bytes)
{
    static const char *units[] = {"B", "KiB", "MiB", "GiB"};
    int i = 0;
    while (bytes >= 1024 && i < 3) {
        bytes /= 1024;
        ++i;
    }
    return QStringLiteral("%1 %2").arg(bytes, 0, 'f', i ? 2 : 0).arg(QLatin1String(units[i]));
}

QString formatRatio(double ratio)
{
    return QString::number(ratio, 'f', 2);
}

QString formatMs(double ms)
{
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms < 10 ? 2 : 1);
}

void StreamChecksum::add(const char *data, size_t size)
{
    m_bytes += size;
    while (m_pendingBytes && size) {
        m_pending |= quint64(quint8(*data++)) << (8 * m_pendingBytes);
        --size;
        if (++m_pendingBytes == 8) {
            mix(m_pending);
            m_pending = 0;
            m_pendingBytes = 0;
        }
    }
    while (size >= 8) {
        quint64 word;
        std::memcpy(&word, data, 8); // little-endian: the same word the byte path builds
        mix(word);
        data += 8;
        size -= 8;
    }
    while (size--) {
        m_pending |= quint64(quint8(*data++)) << (8 * m_pendingBytes);
        ++m_pendingBytes;
    }
}

quint64 StreamChecksum::value() const
{
    StreamChecksum copy = *this;
    copy.mix(copy.m_pending);
    copy.mix(copy.m_bytes);
    return copy.m_hash;
}

} // namespace bench
