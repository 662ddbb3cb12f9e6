// Benchmark 8: what a call from Python costs. A 20,000-iteration `a.send(b'x'); b.recv(1)` loop on
// a socketpair, timed (a) in plain python3, (b) as a bare C++ round trip to another thread (an
// eventfd wakes a worker that makes the syscall, a condition variable wakes the caller: the floor
// of a design where every operation runs on a worker thread) and (c) under `socket-workbench
// --run`, where each call is journaled, run on an I/O thread and its traffic recorded.
#include "bench/benchmarks.h"

#include <QProcess>
#include <QTemporaryDir>

#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace bench {

namespace {

constexpr int kIterations = 20000;

// Prints the microseconds per call (two calls an iteration) of the loop.
const char *kScript = R"(import socket, time
a, b = socket.socketpair()
n = %1
for _ in range(200):
    a.send(b'x'); b.recv(1)
start = time.perf_counter()
for _ in range(n):
    a.send(b'x'); b.recv(1)
elapsed = time.perf_counter() - start
print(elapsed * 1e6 / (2 * n))
)";

// The floor: a worker thread that sleeps on an eventfd, makes the syscall it is handed and wakes
// the caller through a condition variable.
double bareRoundTripUs(int iterations)
{
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0)
        return -1;
    const int wake = ::eventfd(0, EFD_CLOEXEC);
    std::mutex mutex;
    std::condition_variable done;
    int pending = 0; // 1 send, 2 recv, -1 stop
    bool finished = false;
    std::thread worker([&] {
        for (;;) {
            uint64_t count = 0;
            if (::read(wake, &count, sizeof count) != sizeof count)
                continue;
            int op = 0;
            {
                std::lock_guard lock(mutex);
                op = pending;
            }
            if (op < 0)
                return;
            char byte = 'x';
            if (op == 1)
                (void)!::send(pair[0], &byte, 1, 0);
            else
                (void)!::recv(pair[1], &byte, 1, 0);
            {
                std::lock_guard lock(mutex);
                finished = true;
            }
            done.notify_one();
        }
    });
    auto call = [&](int op) {
        {
            std::lock_guard lock(mutex);
            pending = op;
            finished = false;
        }
        const uint64_t one = 1;
        (void)!::write(wake, &one, sizeof one);
        std::unique_lock lock(mutex);
        done.wait(lock, [&] { return finished; });
    };
    for (int i = 0; i < 200; ++i) {
        call(1);
        call(2);
    }
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i) {
        call(1);
        call(2);
    }
    const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    {
        std::lock_guard lock(mutex);
        pending = -1;
    }
    const uint64_t one = 1;
    (void)!::write(wake, &one, sizeof one);
    worker.join();
    ::close(wake);
    ::close(pair[0]);
    ::close(pair[1]);
    return us / (2.0 * iterations);
}

// Runs the loop under program (+ args) and reads the figure it prints; -1 when it failed.
double scriptUs(const QString &program, const QStringList &args, QString *error)
{
    QProcess process;
    process.start(program, args);
    if (!process.waitForFinished(300000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("%1 failed: %2").arg(program, QString::fromUtf8(process.readAllStandardError()).trimmed());
        process.kill();
        return -1;
    }
    bool ok = false;
    const double us = QString::fromUtf8(process.readAllStandardOutput()).trimmed().toDouble(&ok);
    if (!ok)
        *error = QStringLiteral("%1 printed no figure").arg(program);
    return ok ? us : -1;
}

} // namespace

QJsonObject runScriptCalls(const Options &options, const QString &appPath)
{
    Report report;
    const int iterations = options.quick ? 2000 : kIterations;
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("loop.py"));
    QFile file(script);
    if (!file.open(QIODevice::WriteOnly) || file.write(QString::fromLatin1(kScript).arg(iterations).toUtf8()) < 0) {
        report.fail(QStringLiteral("cannot write the loop script"));
        return report.toJson();
    }
    file.close();

    std::vector<double> app;
    std::vector<double> bare;
    std::vector<double> cpython;
    for (int round = 0; round < options.rounds; ++round) {
        QString error;
        const double c = scriptUs(QStringLiteral("python3"), {script}, &error);
        const double b = bareRoundTripUs(iterations);
        const double ours = scriptUs(appPath, {QStringLiteral("--run"), script}, &error);
        if (c < 0 || ours < 0 || b < 0) {
            report.fail(error.isEmpty() ? QStringLiteral("the bare round trip failed") : error);
            return report.toJson();
        }
        app.push_back(ours);
        bare.push_back(b);
        cpython.push_back(c);
    }
    const double us = median(app);
    const double bareUs = median(bare);
    const double cpythonUs = median(cpython);
    report.set(QStringLiteral("us_per_call"), us);
    report.set(QStringLiteral("bare_roundtrip_us"), bareUs);
    report.set(QStringLiteral("cpython_us"), cpythonUs);
    report.set(QStringLiteral("ratio_vs_bare"), us / bareUs);
    report.set(QStringLiteral("ratio_vs_cpython"), us / cpythonUs);
    report.set(QStringLiteral("iterations"), iterations);
    report.setRounds(app, bare);
    const auto usText = [](double value) { return QStringLiteral("%1 µs").arg(value, 0, 'f', 2); };
    report.row(QStringLiteral("a call from a script (--run)"), usText(us), usText(bareUs) + QStringLiteral(" (bare)"),
               QStringLiteral("%1×").arg(us / bareUs, 0, 'f', 2), QStringLiteral("≤ 1.5× bare"), us <= 1.5 * bareUs);
    report.row(QStringLiteral("the same loop in python3"), usText(cpythonUs), {}, QStringLiteral("%1×").arg(us / cpythonUs, 0, 'f', 1));
    return report.toJson();
}

} // namespace bench
