// Benchmark 3: 1 GiB through a watched stream socket (TCP on loopback, and UNIX), against bare
// read(2) loops fed by the same sender: one that keeps every byte in fresh memory, as the store
// must (the target), and one that reads into a single reused buffer (for information).
#include "bench/benchmarks.h"

#include "bench/appharness.h"
#include "bench/creference.h"
#include "bench/peers.h"

#include "core/base/clock.h"
#include "core/workbench.h"

#include <QTemporaryDir>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace bench {

namespace {

struct StreamRound
{
    qint64 sent = 0;
    qint64 recorded = 0;
    qint64 records = 0;
    bool checksumEqual = false;
    double bytesPerSecond = 0;
    Lateness lateness;
    QString problem;
};

StreamRound referenceRound(int family, qint64 total, const QString &dir, bool keep)
{
    StreamRound r;
    const QByteArray path = (dir + QStringLiteral("/c.sock")).toLocal8Bit();
    const cref::Endpoint endpoint = cref::listening(family, path.constData(), 16);
    if (endpoint.fd < 0) {
        r.problem = QStringLiteral("C reference%1: cannot listen").arg(keep ? QStringLiteral(" keeping every byte") : QString());
        return r;
    }
    cref::Received received;
    std::thread receiver([&] {
        received = keep ? cref::acceptAndKeep(endpoint.fd, 5000) : cref::acceptAndRead(endpoint.fd, 5000);
    });
    const peer::StreamResult sent = peer::sendStream(endpoint.sockaddrPtr(), endpoint.length, total);
    receiver.join();
    ::close(endpoint.fd);
    r.sent = sent.sent;
    r.recorded = received.bytes;
    r.records = received.count;
    r.checksumEqual = true; // the reference only counts
    r.bytesPerSecond = perSecond(double(received.bytes), sent.startWallNs, received.lastWallNs);
    if (sent.error || received.bytes != total)
        r.problem = QStringLiteral("C reference%1: sent %2, read %3 of %4 (errno %5)")
                        .arg(keep ? QStringLiteral(" keeping every byte") : QString()).arg(sent.sent).arg(received.bytes)
                        .arg(total).arg(sent.error);
    return r;
}

StreamRound appRound(int family, qint64 total, const QString &dir, int waitMs)
{
    StreamRound r;
    AppUnderTest app;
    const core::TrafficStore &store = app.workbench().traffic();
    int listener = -1;
    const core::SocketAddress target = app.watched(family, SOCK_STREAM, loopbackAddress(family, dir + QStringLiteral("/app.sock")),
                                                   16, &listener);
    if (!target.isValid()) {
        r.problem = QStringLiteral("app: cannot open a watched listener");
        return r;
    }

    LatenessMeter meter;
    meter.start();
    std::atomic<bool> done{false};
    peer::StreamResult sent;
    std::thread sender([&] {
        sent = peer::sendStream(target.data(), target.length(), total);
        done = true;
    });
    qsizetype scanned = 0;
    bool eof = false;
    waitUntil([&] {
        for (const qsizetype n = store.count(); scanned < n; ++scanned)
            eof = eof || (store.at(scanned).flags & core::TrafficFlag::Eof);
        return done && eof && app.modelCaughtUp();
    }, waitMs);
    meter.stop();
    sender.join(); // bounded by the sender's SO_SNDTIMEO

    StreamChecksum checksum;
    qint64 lastDataNs = 0;
    for (qsizetype i = 0, n = store.count(); i < n; ++i) {
        const core::TrafficRecord record = store.at(i);
        if (record.direction != core::Direction::In || record.socketId == listener || record.flags)
            continue;
        const QByteArrayView payload = store.payload(record);
        checksum.add(payload.data(), size_t(payload.size()));
        lastDataNs = std::max(lastDataNs, record.timeNs);
        ++r.records;
    }
    r.sent = sent.sent;
    r.recorded = qint64(checksum.bytes());
    r.checksumEqual = checksum.value() == peer::streamChecksum(sent.sent);
    r.bytesPerSecond = perSecond(double(r.recorded), sent.startWallNs, lastDataNs);
    r.lateness = meter.result();
    if (sent.error || r.sent != total || r.recorded != r.sent || !r.checksumEqual || !eof)
        r.problem = QStringLiteral("app: sent %1 of %2 (errno %3), recorded %4, checksum %5, EOF %6")
                        .arg(r.sent).arg(total).arg(sent.error).arg(r.recorded)
                        .arg(r.checksumEqual ? QStringLiteral("equal") : QStringLiteral("differs"))
                        .arg(eof ? QStringLiteral("seen") : QStringLiteral("missing"));
    return r;
}

} // namespace

QJsonObject runStream(const Options &options, int family)
{
    const qint64 total = options.quick ? qint64(8) << 20 : qint64(1) << 30;
    const int waitMs = options.quick ? 30'000 : 120'000;
    QTemporaryDir dir;
    Report report;
    std::vector<StreamRound> app;
    std::vector<StreamRound> reference;
    // The target's reference, measured in the same alternation: bare C that keeps every byte,
    // reading into fresh memory as the store must, so the kernel populating fresh pages is paid
    // on both sides. The loop that reuses one buffer (reference) is shown beside it: how much
    // keeping the bytes costs at all. A failed round of either fails the run.
    std::vector<double> keepRates;
    alternate(options, report, [&] {
        const StreamRound keep = referenceRound(family, total, dir.path(), true);
        if (keep.problem.isEmpty())
            keepRates.push_back(keep.bytesPerSecond);
        else
            report.fail(keep.problem);
        return referenceRound(family, total, dir.path(), false);
    }, [&] { return appRound(family, total, dir.path(), waitMs); }, reference, app);
    std::vector<double> appRates, cRates;
    std::vector<Lateness> lateness;
    bool allEqual = true;
    qint64 recorded = total;
    qint64 records = 0;
    for (const StreamRound &r : app) {
        appRates.push_back(r.bytesPerSecond);
        lateness.push_back(r.lateness);
        allEqual = allEqual && r.checksumEqual && r.recorded == r.sent && r.sent == total;
        recorded = std::min(recorded, r.recorded);
        records = std::max(records, r.records);
    }
    for (const StreamRound &r : reference)
        cRates.push_back(r.bytesPerSecond);
    const double ratio = ratioOfMedians(appRates, cRates);
    const Lateness worst = Lateness::worst(lateness);

    report.set(QStringLiteral("bytes_sent"), total);
    report.set(QStringLiteral("bytes_recorded"), recorded);
    report.set(QStringLiteral("checksum_equal"), allEqual);
    report.set(QStringLiteral("records"), records);
    report.set(QStringLiteral("throughput_bytes_per_s"), median(appRates));
    report.set(QStringLiteral("c_throughput_bytes_per_s"), median(cRates));
    report.set(QStringLiteral("ratio_vs_c"), ratio);
    const double keepRatio = ratioOfMedians(appRates, keepRates);
    report.set(QStringLiteral("c_keeping_bytes_throughput_bytes_per_s"), median(keepRates));
    report.set(QStringLiteral("ratio_vs_c_keeping_bytes"), keepRatio);
    report.setRounds(appRates, cRates);
    QJsonArray keepRounds;
    for (double rate : keepRates)
        keepRounds.append(rate);
    report.set(QStringLiteral("rounds_c_keeping_bytes"), keepRounds);
    report.setLateness(worst);
    report.set(QStringLiteral("rounds"), options.rounds);
    report.setAccounted(allEqual, QStringLiteral("bytes or checksum differ (see above)"));

    report.row(QStringLiteral("throughput vs C keeping every byte"), formatRate(median(appRates), "B"),
               formatRate(median(keepRates), "B"), formatRatio(keepRatio), QStringLiteral(">= 0.90 x C"), keepRatio >= 0.9);
    report.row(QStringLiteral("throughput vs C discarding the bytes"), formatRate(median(appRates), "B"),
               formatRate(median(cRates), "B"), formatRatio(ratio), {});
    report.row(QStringLiteral("bytes in the store, checksum"),
               formatBytes(double(recorded)) + (allEqual ? QStringLiteral(", equal") : QStringLiteral(", DIFFERS")),
               formatBytes(double(total)) + QStringLiteral(" sent"), {}, QStringLiteral("= sent"), allEqual);
    report.row(QStringLiteral("GUI lateness p99 / max"), worst.text(), {}, {});
    return report.toJson();
}

} // namespace bench
