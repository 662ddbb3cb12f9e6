#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <vector>

namespace bench {

// How a benchmark child runs: full size, or the small counts of the ctest smoke test.
struct Options
{
    bool quick = false;
    int rounds = 5; // C reference and app measured alternately this many times; medians reported
};

// GUI event-loop lateness over a run: the 99th percentile and the maximum, in ms; and how
// busy the GUI thread was (its CPU time over the wall time), which load on the machine does
// not change much.
struct Lateness
{
    double p99Ms = 0;
    double maxMs = 0;
    double guiBusyPercent = 0;

    QString text() const; // "1.20 ms / 8.30 ms"
    static Lateness worst(const std::vector<Lateness> &runs);
};

// One benchmark's result: its plainly named figures (written as they are into
// bench-results.json), the table rows with their targets, and whether the run completed and
// accounted for every byte. Only the last two decide a --quick run; targets never do.
class Report
{
public:
    void set(const QString &name, const QJsonValue &value) { m_fields.insert(name, value); }
    // A row of the table. target empty: a figure shown for information, not judged.
    void row(const QString &figure, const QString &app, const QString &reference, const QString &ratio,
             const QString &target = {}, bool met = true);
    void fail(const QString &problem); // the benchmark did not complete or lost bytes
    void setAccounted(bool accounted, const QString &why);
    void setLateness(const Lateness &lateness); // gui_lateness_p99_ms, gui_lateness_max_ms
    // Every round's figure, app and C reference, as rounds_app and rounds_c: how noisy the run was.
    void setRounds(const std::vector<double> &app, const std::vector<double> &reference);

    bool complete() const { return m_problems.isEmpty(); }
    QJsonObject toJson() const;

private:
    QJsonObject m_fields;
    QJsonArray m_rows;
    QStringList m_problems;
    bool m_targetsMet = true;
};

// How late a 10 ms Qt::PreciseTimer fires on the GUI thread, tick after tick: the measure of a
// frozen window. Re-armed after each tick, so every sample is one tick's own delay.
class LatenessMeter final : public QObject
{
public:
    explicit LatenessMeter(int intervalMs = 10);
    void start();
    void stop();
    Lateness result() const;
    qsizetype ticks() const { return qsizetype(m_lateNs.size()); }

private:
    void tick();

    QTimer m_timer;
    const int m_intervalMs;
    qint64 m_dueNs = 0;
    qint64 m_startNs = 0;
    qint64 m_startCpuNs = 0;
    qint64 m_wallNs = 0;
    qint64 m_cpuNs = 0;
    std::vector<qint64> m_lateNs;
};

// Measures the C reference and the app alternately, options.rounds times each, so that both
// see the same machine; a round that reports a problem fails the report.
template<typename Round, typename ReferenceRound, typename AppRound>
void alternate(const Options &options, Report &report, ReferenceRound referenceRound, AppRound appRound,
               std::vector<Round> &reference, std::vector<Round> &app)
{
    for (int round = 0; round < options.rounds; ++round) {
        reference.push_back(referenceRound());
        app.push_back(appRound());
        for (const Round *r : {&reference.back(), &app.back()}) {
            if (!r->problem.isEmpty())
                report.fail(r->problem);
        }
    }
}

// Runs the GUI thread's event loop until done() holds or the timeout passes; true when done.
bool waitUntil(const std::function<bool()> &done, int timeoutMs, int pollMs = 2);
// Lets the event loop run for a while (timers, repaints).
void settle(int ms);

// Resident set size of this process, in bytes.
qint64 residentBytes();
// Soft RLIMIT_NOFILE raised to the hard limit; returns the new soft limit.
long raiseFdLimit();

double percentile(std::vector<double> values, double p);
double median(std::vector<double> values);
// The app's median over the rounds divided by the C reference's (0 when the reference has none).
double ratioOfMedians(const std::vector<double> &app, const std::vector<double> &reference);
// amount per second between two clock readings in ns (0 when they do not make an interval).
double perSecond(double amount, qint64 startNs, qint64 endNs);

QString formatRate(double perSecond, const char *unit);    // 512.3 k/s, 1.92 GB/s
QString formatBytes(double bytes);                          // 1.00 GiB
QString formatRatio(double ratio);                          // 0.85
QString formatMs(double ms);                                // 12.3 ms

// A 64-bit checksum over a byte stream, independent of how the stream is cut into pieces.
class StreamChecksum
{
public:
    void add(const char *data, size_t size);
    quint64 value() const;
    quint64 bytes() const { return m_bytes; }

private:
    void mix(quint64 word) { m_hash = (m_hash ^ word) * 0x9E3779B97F4A7C15ull; m_hash ^= m_hash >> 29; }

    quint64 m_hash = 0xcbf29ce484222325ull;
    quint64 m_pending = 0;
    int m_pendingBytes = 0;
    quint64 m_bytes = 0;
};

} // namespace bench
