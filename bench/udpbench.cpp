// Benchmarks 1 and 2: UDP datagrams into a watched socket, paced (50,000/s) and flat out,
// against a bare recvmmsg(2) loop, batched as the app's engine reads, fed by the same sender.
#include "bench/benchmarks.h"

#include "bench/appharness.h"
#include "bench/creference.h"
#include "bench/peers.h"

#include "core/base/clock.h"
#include "core/workbench.h"
#include "ui/traffic/trafficmodel.h"

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace bench {

namespace {

struct UdpSetup
{
    int count = 0;
    int rate = 0; // per second; 0 = flat out
    int waitMs = 0;
};

// Our datagrams among a socket's records: each sequence number counted once.
struct DatagramTally
{
    explicit DatagramTally(int count) : seen(size_t(count), false) {}

    void add(const core::TrafficStore &store, qsizetype index, int socketId)
    {
        const core::TrafficRecord record = store.at(index);
        if (record.socketId != socketId || record.direction != core::Direction::In)
            return;
        const QByteArrayView payload = store.payload(record);
        quint32 seq;
        if (payload.size() == qsizetype(sizeof peer::kEndMarker)
            && std::memcmp(payload.data(), peer::kEndMarker, sizeof peer::kEndMarker) == 0) {
            ++markers;
        } else if (peer::datagramSeq(payload.data(), size_t(payload.size()), &seq) && seq < seen.size()) {
            if (seen[seq]) {
                ++duplicates;
            } else {
                seen[seq] = true;
                ++valid;
                lastDataNs = std::max(lastDataNs, record.timeNs);
            }
        } else {
            ++invalid;
        }
    }

    std::vector<bool> seen;
    qint64 valid = 0;
    qint64 duplicates = 0;
    qint64 invalid = 0;
    qint64 markers = 0;
    qint64 lastDataNs = 0;
};

struct UdpRound
{
    int sent = 0;
    qint64 recorded = 0;
    qint64 visible = 0;     // recorded datagrams the traffic model shows as rows
    qint64 drops = 0;       // app: as SO_RXQ_OVFL reported it; C: sent - received
    qint64 droppedMarkers = 0;
    bool accounted = false;
    double ratePerSecond = 0;
    Lateness lateness;
    QString problem;
};

UdpRound referenceRound(const UdpSetup &setup)
{
    UdpRound r;
    const cref::Endpoint endpoint = cref::boundUdp();
    if (endpoint.fd < 0) {
        r.problem = QStringLiteral("C reference: cannot bind a UDP socket");
        return r;
    }
    cref::Received received;
    std::atomic<bool> receiverDone{false};
    std::thread receiver([&] {
        received = cref::recvmmsgLoop(endpoint.fd, 1000);
        receiverDone = true;
    });
    peer::FloodResult flood;
    std::thread sender([&] { flood = peer::sendDatagrams(endpoint.sockaddrPtr(), endpoint.length, setup.count, setup.rate); });
    sender.join();
    for (int i = 0; i < 20 && !receiverDone; ++i) {
        ::usleep(50'000);
        peer::sendEndMarker(endpoint.sockaddrPtr(), endpoint.length);
    }
    receiver.join();
    ::close(endpoint.fd);
    r.sent = flood.sent;
    r.recorded = r.visible = received.count;
    r.drops = flood.sent - received.count;
    r.accounted = true;
    r.ratePerSecond = perSecond(double(received.count), flood.startWallNs, received.lastWallNs);
    return r;
}

UdpRound appRound(const UdpSetup &setup)
{
    UdpRound r;
    AppUnderTest app;
    core::Workbench &wb = app.workbench();
    const core::TrafficStore &store = wb.traffic();
    int socketId = -1;
    const core::SocketAddress target = app.watched(AF_INET, SOCK_DGRAM, loopbackAddress(AF_INET), 0, &socketId);
    if (!target.isValid()) {
        r.problem = QStringLiteral("app: cannot bind a watched UDP socket");
        return r;
    }

    LatenessMeter meter;
    meter.start();
    std::atomic<bool> sent{false};
    peer::FloodResult flood;
    std::thread sender([&] {
        flood = peer::sendDatagrams(target.data(), target.length(), setup.count, setup.rate);
        sent = true;
    });
    waitUntil([&] { return sent.load(); }, setup.waitMs);
    sender.join(); // sendto(2) on UDP never waits for the reader: the flood always ends

    // End markers until the app records one: its SO_RXQ_OVFL count is then final.
    DatagramTally tally(setup.count);
    qsizetype scanned = 0;
    const auto scan = [&] {
        for (const qsizetype n = store.count(); scanned < n; ++scanned)
            tally.add(store, scanned, socketId);
        return tally.markers > 0;
    };
    int markersSent = 0;
    while (markersSent < 20 && !scan()) {
        peer::sendEndMarker(target.data(), target.length());
        ++markersSent;
        waitUntil(scan, 100);
    }
    // The registry publishes a socket after each batch it read; the model picks rows up every 33 ms.
    waitUntil([&] {
        scan();
        return wb.sockets().info(socketId).recordsIn == quint64(store.count()) && app.modelCaughtUp();
    }, 2000);
    meter.stop();

    const ui::TrafficModel &model = app.trafficModel();
    DatagramTally shown(setup.count);
    for (int row = 0, rows = model.rowCount(); row < rows; ++row)
        shown.add(store, model.recordIndex(row), socketId);

    r.sent = flood.sent;
    r.recorded = tally.valid;
    r.visible = shown.valid;
    r.drops = wb.sockets().info(socketId).drops;
    // End markers not seen were dropped or are still on their way: the drops may count them.
    r.droppedMarkers = markersSent - tally.markers;
    r.accounted = flood.failed == 0 && tally.duplicates == 0 && tally.invalid == 0 && tally.markers > 0
                  && r.recorded + r.drops >= r.sent && r.recorded + r.drops <= r.sent + r.droppedMarkers;
    if (!r.accounted)
        r.problem = QStringLiteral("app: sent %1, recorded %2, drops reported %3 (end markers unseen %4), duplicates %5, "
                                   "foreign %6, sendto errors %7")
                        .arg(r.sent).arg(r.recorded).arg(r.drops).arg(r.droppedMarkers).arg(tally.duplicates)
                        .arg(tally.invalid).arg(flood.failed);
    r.ratePerSecond = perSecond(double(r.recorded), flood.startWallNs, tally.lastDataNs);
    r.lateness = meter.result();
    return r;
}

template<typename Fn>
double worst(const std::vector<UdpRound> &rounds, Fn fn, bool lowest)
{
    double value = lowest ? 1e300 : -1e300;
    for (const UdpRound &r : rounds)
        value = lowest ? std::min(value, double(fn(r))) : std::max(value, double(fn(r)));
    return rounds.empty() ? 0 : value;
}

QString countText(qint64 part, qint64 whole)
{
    return QStringLiteral("%1 of %2 (%3%)").arg(part).arg(whole).arg(whole ? 100.0 * double(part) / double(whole) : 0.0, 0, 'f', 2);
}

} // namespace

QJsonObject runUdp(const Options &options, bool paced)
{
    UdpSetup setup;
    setup.count = options.quick ? 2000 : 200'000;
    setup.rate = paced ? (options.quick ? 20'000 : 50'000) : 0;
    setup.waitMs = options.quick ? 30'000 : 60'000;

    std::vector<UdpRound> app;
    std::vector<UdpRound> reference;
    Report report;
    alternate(options, report, [&] { return referenceRound(setup); }, [&] { return appRound(setup); }, reference, app);
    std::vector<double> appRates, cRates, fractionRatios;
    std::vector<Lateness> lateness;
    for (size_t i = 0; i < app.size(); ++i) {
        lateness.push_back(app[i].lateness);
        appRates.push_back(app[i].ratePerSecond);
        cRates.push_back(reference[i].ratePerSecond);
        const double cFraction = reference[i].sent ? double(reference[i].recorded) / reference[i].sent : 0;
        const double appFraction = app[i].sent ? double(app[i].recorded) / app[i].sent : 0;
        fractionRatios.push_back(cFraction > 0 ? appFraction / cFraction : 0);
    }
    const qint64 sent = qint64(worst(app, [](const UdpRound &r) { return r.sent; }, true));
    const qint64 recorded = qint64(worst(app, [](const UdpRound &r) { return r.recorded; }, true));
    const qint64 visible = qint64(worst(app, [](const UdpRound &r) { return r.visible; }, true));
    const qint64 drops = qint64(worst(app, [](const UdpRound &r) { return r.drops; }, false));
    const qint64 cRecorded = qint64(worst(reference, [](const UdpRound &r) { return r.recorded; }, true));
    const qint64 cDrops = qint64(worst(reference, [](const UdpRound &r) { return r.drops; }, false));
    const Lateness worstLateness = Lateness::worst(lateness);
    const double rateRatio = ratioOfMedians(appRates, cRates);
    const bool accounted = std::all_of(app.begin(), app.end(), [](const UdpRound &r) { return r.accounted; });
    const double fraction = sent ? double(recorded) / double(sent) : 0;

    report.set(QStringLiteral("sent"), sent);
    report.set(QStringLiteral("recorded"), recorded);
    report.set(QStringLiteral("visible_in_model"), visible);
    report.set(QStringLiteral("kernel_drops"), drops);
    report.setLateness(worstLateness);
    report.set(QStringLiteral("recorded_rate_per_s"), median(appRates));
    report.set(QStringLiteral("c_recorded"), cRecorded);
    report.set(QStringLiteral("c_kernel_drops"), cDrops);
    report.set(QStringLiteral("c_rate_per_s"), median(cRates));
    report.set(QStringLiteral("ratio_vs_c"), paced ? median(fractionRatios) : rateRatio);
    report.setRounds(appRates, cRates);
    report.set(QStringLiteral("rate_target_per_s"), setup.rate);
    report.set(QStringLiteral("rounds"), options.rounds);
    report.setAccounted(accounted, QStringLiteral("recorded + reported drops != sent (see above)"));

    const QString cRecordedText = countText(cRecorded, sent);
    if (paced) {
        report.row(QStringLiteral("recorded in the store"), countText(recorded, sent), cRecordedText,
                   formatRatio(median(fractionRatios)), QStringLiteral("100%"), recorded == sent);
        report.row(QStringLiteral("visible in the model"), countText(visible, sent), {}, {}, QStringLiteral("100%"),
                   visible == sent);
        report.row(QStringLiteral("kernel drops (SO_RXQ_OVFL)"), QString::number(drops), QString::number(cDrops), {},
                   QStringLiteral("0"), drops == 0);
        report.row(QStringLiteral("GUI lateness p99"), formatMs(worstLateness.p99Ms), {}, {}, QStringLiteral("< 20 ms"),
                   worstLateness.p99Ms < 20);
        report.row(QStringLiteral("GUI lateness max"), formatMs(worstLateness.maxMs), {}, {}, QStringLiteral("< 100 ms"),
                   worstLateness.maxMs < 100);
    } else {
        report.row(QStringLiteral("recorded in the store"), countText(recorded, sent), cRecordedText, {},
                   QStringLiteral(">= 99%"), fraction >= 0.99);
        report.row(QStringLiteral("recorded rate"), formatRate(median(appRates), "dgram"),
                   formatRate(median(cRates), "dgram"), formatRatio(rateRatio), QStringLiteral(">= 0.80 x C"),
                   rateRatio >= 0.8);
        report.row(QStringLiteral("drops reported by the app"), QString::number(drops), QString::number(cDrops), {},
                   QStringLiteral("= lost"), accounted);
        report.row(QStringLiteral("GUI lateness p99 / max"), worstLateness.text(), {}, {});
    }
    return report.toJson();
}

} // namespace bench
