// Benchmark 7: what the app costs when nobody uses it. The main window over a workbench, shown
// (offscreen) with nothing opened and no traffic, left alone: the process's CPU time (every
// thread) over the wall time, against a bare Qt window idling in the same process.
#include "bench/benchmarks.h"

#include "bench/appharness.h"

#include "core/base/clock.h"
#include "ui/mainwindow.h"

#include <QMainWindow>
#include <QWindow>

#include <sys/resource.h>
#include <time.h>

namespace bench {

namespace {

struct Idle
{
    double cpuPercent = 0;       // process CPU time over wall time
    double guiCpuPercent = 0;    // the GUI thread's share of it
    double wakeupsPerSecond = 0; // context switches, every thread: how often something woke
};

qint64 clockNs(clockid_t clock)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

long contextSwitches()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_nvcsw + usage.ru_nivcsw;
}

// Lets the window settle, then runs the event loop for windowMs and measures it.
Idle measure(int settleMs, int windowMs)
{
    settle(settleMs);
    const qint64 wall = core::monoNs();
    const qint64 cpu = clockNs(CLOCK_PROCESS_CPUTIME_ID);
    const qint64 gui = clockNs(CLOCK_THREAD_CPUTIME_ID);
    const long switches = contextSwitches();
    settle(windowMs);
    const double wallNs = double(core::monoNs() - wall);
    Idle idle;
    idle.cpuPercent = 100.0 * double(clockNs(CLOCK_PROCESS_CPUTIME_ID) - cpu) / wallNs;
    idle.guiCpuPercent = 100.0 * double(clockNs(CLOCK_THREAD_CPUTIME_ID) - gui) / wallNs;
    idle.wakeupsPerSecond = double(contextSwitches() - switches) * 1e9 / wallNs;
    return idle;
}

QString percentText(double percent)
{
    return QStringLiteral("%1 %").arg(percent, 0, 'f', 3);
}

} // namespace

QJsonObject runIdle(const Options &options)
{
    // One long window each rather than rounds: idle costs are small and come in ticks, so only
    // a long window sees them.
    const int settleMs = 1000;
    const int windowMs = options.quick ? 3000 : 20'000;
    Report report;

    // The reference first, so that nothing of the app's is left running while it is measured.
    Idle bare;
    {
        QMainWindow window;
        window.resize(1500, 950);
        window.show();
        if (!waitUntil([&] { return window.windowHandle() && window.windowHandle()->isExposed(); }, 5000))
            report.fail(QStringLiteral("the bare Qt window was not exposed within 5 s"));
        bare = measure(settleMs, windowMs);
    }
    Idle app;
    {
        AppUnderTest under;
        if (!under.window().windowHandle() || !under.window().windowHandle()->isExposed())
            report.fail(QStringLiteral("the main window was not exposed within 5 s"));
        app = measure(settleMs, windowMs);
    }

    report.set(QStringLiteral("idle_cpu_percent"), app.cpuPercent);
    report.set(QStringLiteral("idle_gui_thread_cpu_percent"), app.guiCpuPercent);
    report.set(QStringLiteral("idle_wakeups_per_s"), app.wakeupsPerSecond);
    report.set(QStringLiteral("bare_qt_idle_cpu_percent"), bare.cpuPercent);
    report.set(QStringLiteral("bare_qt_idle_wakeups_per_s"), bare.wakeupsPerSecond);
    report.set(QStringLiteral("window_s"), windowMs / 1000.0);

    // No ratio: against a reference near zero it says nothing.
    report.row(QStringLiteral("process CPU, idle window"), percentText(app.cpuPercent),
               percentText(bare.cpuPercent) + QStringLiteral(" (Qt)"), {}, QStringLiteral("< 0.2 %"), app.cpuPercent < 0.2);
    report.row(QStringLiteral("of which the GUI thread"), percentText(app.guiCpuPercent), percentText(bare.guiCpuPercent), {});
    report.row(QStringLiteral("wake-ups (context switches)"), QStringLiteral("%1 /s").arg(app.wakeupsPerSecond, 0, 'f', 2),
               QStringLiteral("%1 /s").arg(bare.wakeupsPerSecond, 0, 'f', 2), {});
    return report.toJson();
}

} // namespace bench
