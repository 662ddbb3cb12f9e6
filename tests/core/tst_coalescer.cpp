#include "core/base/coalescer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>

using namespace core;

namespace {

// When each fired() came, on the same clock as the pokes, and on which thread.
struct FireLog
{
    FireLog(Coalescer &coalescer, const QElapsedTimer &clock)
    {
        QObject::connect(&coalescer, &Coalescer::fired, &coalescer, [this, &clock] {
            times.push_back(clock.nsecsElapsed());
            threads.push_back(QThread::currentThread());
        });
    }

    // The shortest time between two fired() signals, in ns (-1 with fewer than two).
    qint64 shortestGap() const
    {
        qint64 gap = -1;
        for (size_t i = 1; i < times.size(); ++i)
            gap = gap < 0 ? times[i] - times[i - 1] : std::min(gap, times[i] - times[i - 1]);
        return gap;
    }

    std::vector<qint64> times;
    std::vector<QThread *> threads;
};

constexpr qint64 kMs = 1'000'000;

} // namespace

// The Coalescer: pokes from any thread become at most one fired() per interval on the
// coalescer's own thread, never none after the last poke, and none without a poke.
class tst_Coalescer : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void noPokeNoSignal();
    void burstFiresOnceAfterTheInterval_data();
    void burstFiresOnceAfterTheInterval();
    void pokeDuringTheSlotSchedulesAgain();
    void steadyPokingFiresOncePerInterval();
    void pokesFromSeveralThreads();
};

void tst_Coalescer::init()
{
    // A timer started or an object used from the wrong thread is the bug these tests look for.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_Coalescer::noPokeNoSignal()
{
    Coalescer coalescer(5);
    QSignalSpy spy(&coalescer, &Coalescer::fired);
    QVERIFY(!spy.wait(200));
}

void tst_Coalescer::burstFiresOnceAfterTheInterval_data()
{
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<int>("pokes");
    QTest::newRow("10 ms, one poke") << 10 << 1;
    QTest::newRow("50 ms, 1000 pokes") << 50 << 1000;
    QTest::newRow("150 ms, 100000 pokes") << 150 << 100000;
}

void tst_Coalescer::burstFiresOnceAfterTheInterval()
{
    QFETCH(int, intervalMs);
    QFETCH(int, pokes);
    Coalescer coalescer(intervalMs);
    QSignalSpy spy(&coalescer, &Coalescer::fired);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < pokes; ++i)
        coalescer.poke();
    QVERIFY(spy.wait(intervalMs + 5000));
    const qint64 elapsed = clock.nsecsElapsed();
    // The timer starts after the first poke, so the signal cannot come sooner than the interval.
    QVERIFY2(elapsed >= (intervalMs - 1) * kMs, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed < (intervalMs + 2000) * kMs, qPrintable(QString::number(elapsed)));
    QVERIFY(!spy.wait(3 * intervalMs + 100));
    QCOMPARE(spy.count(), 1);
}

void tst_Coalescer::pokeDuringTheSlotSchedulesAgain()
{
    constexpr int kInterval = 20;
    Coalescer coalescer(kInterval);
    QElapsedTimer clock;
    clock.start();
    FireLog log(coalescer, clock);
    bool pokedAgain = false;
    connect(&coalescer, &Coalescer::fired, this, [&] {
        // A writer that appends while the reader is busy with the last batch must not be lost.
        if (!std::exchange(pokedAgain, true))
            coalescer.poke();
    });
    coalescer.poke();
    QTRY_COMPARE_WITH_TIMEOUT(log.times.size(), size_t(2), 5000);
    QVERIFY(!QTest::qWaitFor([&] { return log.times.size() > 2; }, 5 * kInterval));
    QCOMPARE(log.times.size(), size_t(2));
    QVERIFY2(log.shortestGap() >= (kInterval - 1) * kMs, qPrintable(QString::number(log.shortestGap())));
}

void tst_Coalescer::steadyPokingFiresOncePerInterval()
{
    constexpr int kInterval = 20;
    constexpr qint64 kPokingNs = 400 * kMs;
    Coalescer coalescer(kInterval);
    QElapsedTimer clock;
    clock.start();
    FireLog log(coalescer, clock);
    qint64 lastPoke = 0;
    int pokes = 0;
    while (clock.nsecsElapsed() < kPokingNs && pokes < 10'000'000) {
        lastPoke = clock.nsecsElapsed();
        coalescer.poke();
        ++pokes;
        QCoreApplication::processEvents();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!log.times.empty() && log.times.back() >= lastPoke, 5000);
    QVERIFY(!QTest::qWaitFor([&, n = log.times.size()] { return log.times.size() > n; }, 5 * kInterval));

    const auto fires = qint64(log.times.size());
    const QByteArray detail = QByteArray::number(fires) + " signals for " + QByteArray::number(pokes) + " pokes";
    // A steady stream of pokes still fires regularly (a reader keeps up with a flood) ...
    QVERIFY2(fires >= kPokingNs / kInterval / kMs / 4, detail.constData());
    // ... but never more than once per interval.
    QVERIFY2(fires <= lastPoke / kInterval / kMs + 2, detail.constData());
    QVERIFY2(log.shortestGap() >= (kInterval - 1) * kMs, qPrintable(QString::number(log.shortestGap())));
}

void tst_Coalescer::pokesFromSeveralThreads()
{
    constexpr int kInterval = 10;
    constexpr int kThreads = 4;
    constexpr int kPokesEach = 3000;
    Coalescer coalescer(kInterval);
    QElapsedTimer clock;
    clock.start();
    FireLog log(coalescer, clock);

    std::atomic<int> done{0};
    std::atomic<qint64> lastPoke{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t) {
        writers.emplace_back([&] {
            for (int i = 0; i < kPokesEach; ++i) {
                if (i == kPokesEach - 1) {
                    // Read before the poke: a signal after this time saw the poke or a later state.
                    const qint64 now = clock.nsecsElapsed();
                    qint64 seen = lastPoke.load();
                    while (seen < now && !lastPoke.compare_exchange_weak(seen, now)) {
                    }
                }
                coalescer.poke();
                // Spreads the pokes over many intervals, as I/O threads do under traffic.
                std::this_thread::sleep_for(std::chrono::microseconds(50));
            }
            done.fetch_add(1);
        });
    }
    // The coalescer's thread keeps running its event loop while the writers poke.
    QTRY_COMPARE_WITH_TIMEOUT(done.load(), kThreads, 30000);
    for (std::thread &w : writers)
        w.join();
    QTRY_VERIFY_WITH_TIMEOUT(!log.times.empty() && log.times.back() >= lastPoke.load(), 5000);
    QVERIFY(!QTest::qWaitFor([&, n = log.times.size()] { return log.times.size() > n; }, 5 * kInterval));

    const auto fires = qint64(log.times.size());
    QVERIFY2(fires <= lastPoke.load() / kInterval / kMs + 2,
             qPrintable(QStringLiteral("%1 signals in %2 ms").arg(fires).arg(lastPoke.load() / kMs)));
    QVERIFY2(log.shortestGap() < 0 || log.shortestGap() >= (kInterval - 1) * kMs,
             qPrintable(QString::number(log.shortestGap())));
    for (QThread *thread : log.threads)
        QCOMPARE(thread, QThread::currentThread());
}

QTEST_GUILESS_MAIN(tst_Coalescer)
#include "tst_coalescer.moc"
