// Benchmark 4: 10,000 clients connect to a watched listener (auto-accept), each sends 100 bytes
// and stays open; then all close. Against a bare accept4(2) + read(2) loop and the same client.
#include "bench/benchmarks.h"

#include "bench/appharness.h"
#include "bench/creference.h"
#include "bench/peers.h"

#include "core/base/clock.h"
#include "core/workbench.h"

#include <QHash>

#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace bench {

namespace {

constexpr int kPayload = 100;

struct ConnectionsRound
{
    int connected = 0;       // the client's count
    int held = 0;            // accepted sockets open at once
    int firstRecords = 0;    // accepted sockets whose first bytes were recorded
    int eofs = 0;
    qint64 bytes = 0;
    double perSecond = 0;    // accept + first record
    double bytesPerConnection = 0;
    Lateness lateness;
    QString problem;
};

bool waitForClient(peer::ConnectionClient &client, peer::ConnectionClient::Reply *reply, int timeoutMs)
{
    for (int waited = 0; waited < timeoutMs; ++waited) {
        if (client.poll(reply))
            return true;
        ::usleep(1000);
    }
    return false;
}

ConnectionsRound referenceRound(peer::ConnectionClient &client, int count, int waitMs)
{
    ConnectionsRound r;
    const cref::Endpoint endpoint = cref::listening(AF_INET, nullptr, 4096);
    if (endpoint.fd < 0) {
        r.problem = QStringLiteral("C reference: cannot listen");
        return r;
    }
    std::vector<int> held;
    held.reserve(size_t(count));
    cref::Received accepted;
    std::thread acceptor([&] { accepted = cref::acceptLoop(endpoint.fd, count, kPayload, 5000, held); });
    peer::ConnectionClient::Reply opened;
    client.connectAll(endpoint.sockaddrPtr(), endpoint.length, count, kPayload);
    const bool replied = waitForClient(client, &opened, waitMs);
    acceptor.join();
    peer::ConnectionClient::Reply closed;
    client.closeAll();
    waitForClient(client, &closed, waitMs);
    for (int fd : held)
        ::close(fd);
    ::close(endpoint.fd);
    r.connected = opened.done;
    r.held = r.firstRecords = int(accepted.count);
    r.bytes = accepted.bytes;
    r.perSecond = perSecond(double(accepted.count), opened.startWallNs, accepted.lastWallNs);
    if (!replied || opened.done != count || accepted.count != count || accepted.bytes != qint64(count) * kPayload)
        r.problem = QStringLiteral("C reference: %1 connected (errno %2), %3 accepted, %4 bytes")
                        .arg(opened.done).arg(opened.error).arg(accepted.count).arg(accepted.bytes);
    return r;
}

ConnectionsRound appRound(peer::ConnectionClient &client, int count, int waitMs)
{
    ConnectionsRound r;
    AppUnderTest app;
    core::Workbench &wb = app.workbench();
    const core::TrafficStore &store = wb.traffic();
    int listener = -1;
    const core::SocketAddress target = app.watched(AF_INET, SOCK_STREAM, loopbackAddress(AF_INET), 4096, &listener);
    if (!target.isValid()) {
        r.problem = QStringLiteral("app: cannot open a watched listener");
        return r;
    }
    settle(50);
    const qint64 rssBefore = residentBytes();

    // Per accepted socket: when its first bytes were recorded.
    QHash<int, qint64> firstRecordNs;
    qsizetype scanned = 0;
    const auto scan = [&] {
        for (const qsizetype n = store.count(); scanned < n; ++scanned) {
            const core::TrafficRecord record = store.at(scanned);
            if (record.direction != core::Direction::In || record.socketId == listener)
                continue;
            if (record.flags & core::TrafficFlag::Eof)
                ++r.eofs;
            else if (record.length && !firstRecordNs.contains(record.socketId))
                firstRecordNs.insert(record.socketId, record.timeNs);
            r.bytes += record.length;
        }
    };

    LatenessMeter meter;
    meter.start();
    peer::ConnectionClient::Reply opened;
    bool replied = false;
    client.connectAll(target.data(), target.length(), count, kPayload);
    waitUntil([&] {
        replied = replied || client.poll(&opened);
        scan();
        return replied && firstRecordNs.size() >= opened.done && app.modelCaughtUp();
    }, waitMs);
    settle(50); // the registry and the sockets tree catch up
    for (const core::SocketInfo &info : wb.sockets().snapshot())
        r.held += info.parentId == listener && info.state == core::SocketState::Connected;
    r.bytesPerConnection = double(residentBytes() - rssBefore) / double(std::max(1, opened.done));

    peer::ConnectionClient::Reply closed;
    bool closedReply = false;
    client.closeAll();
    waitUntil([&] {
        closedReply = closedReply || client.poll(&closed);
        scan();
        return closedReply && r.eofs >= opened.done && app.modelCaughtUp();
    }, waitMs);
    meter.stop();

    qint64 lastFirstNs = 0;
    for (const qint64 ns : std::as_const(firstRecordNs))
        lastFirstNs = std::max(lastFirstNs, ns);
    r.connected = opened.done;
    r.firstRecords = int(firstRecordNs.size());
    r.perSecond = perSecond(r.firstRecords, opened.startWallNs, lastFirstNs);
    r.lateness = meter.result();
    if (!replied || opened.done != count || r.held != count || r.firstRecords != count || r.eofs != count
        || r.bytes != qint64(count) * kPayload)
        r.problem = QStringLiteral("app: %1 connected (errno %2), %3 held, %4 first records, %5 bytes, %6 EOFs")
                        .arg(opened.done).arg(opened.error).arg(r.held).arg(r.firstRecords).arg(r.bytes).arg(r.eofs);
    return r;
}

} // namespace

QJsonObject runConnections(const Options &options, peer::ConnectionClient &client)
{
    const int count = options.quick ? 200 : 10'000;
    const int waitMs = options.quick ? 30'000 : 120'000;
    raiseFdLimit();
    Report report;
    std::vector<ConnectionsRound> app;
    std::vector<ConnectionsRound> reference;
    alternate(options, report, [&] { return referenceRound(client, count, waitMs); }, [&] { return appRound(client, count, waitMs); }, reference, app);
    std::vector<double> appRates, cRates, memory;
    std::vector<Lateness> lateness;
    int held = count;
    bool accounted = true;
    for (const ConnectionsRound &r : app) {
        appRates.push_back(r.perSecond);
        lateness.push_back(r.lateness);
        memory.push_back(r.bytesPerConnection);
        held = std::min(held, r.held);
        accounted = accounted && r.problem.isEmpty();
    }
    for (const ConnectionsRound &r : reference)
        cRates.push_back(r.perSecond);
    const double ratio = ratioOfMedians(appRates, cRates);
    const Lateness worst = Lateness::worst(lateness);

    report.set(QStringLiteral("connections"), count);
    report.set(QStringLiteral("held_at_once"), held);
    report.set(QStringLiteral("accept_first_record_per_s"), median(appRates));
    report.set(QStringLiteral("c_accept_first_read_per_s"), median(cRates));
    report.set(QStringLiteral("ratio_vs_c"), ratio);
    report.setRounds(appRates, cRates);
    report.setLateness(worst);
    report.set(QStringLiteral("rss_bytes_per_connection"), median(memory));
    report.set(QStringLiteral("rounds"), options.rounds);
    report.setAccounted(accounted, QStringLiteral("connections, first records, bytes or EOFs missing (see above)"));

    report.row(QStringLiteral("held at once, recorded"), QStringLiteral("%1 of %2").arg(held).arg(count), {}, {},
               QStringLiteral("all"), held == count && accounted);
    report.row(QStringLiteral("accept + first record rate"), formatRate(median(appRates), "conn"),
               formatRate(median(cRates), "conn"), formatRatio(ratio), QStringLiteral(">= 0.50 x C"), ratio >= 0.5);
    report.row(QStringLiteral("GUI lateness p99 / max"), worst.text(), {}, {}, QStringLiteral("max < 100 ms"),
               worst.maxMs < 100);
    report.row(QStringLiteral("memory per held connection (RSS)"), formatBytes(median(memory)), {}, {});
    return report.toJson();
}

} // namespace bench
