// Benchmark 5: 1,000,000 records of 64 bytes appended to the traffic store (from a writer
// thread, as an I/O thread appends) while the log view is shown and follows the tail; then the
// resident memory they cost beyond their payload, and how long a jump to any row takes.
#include "bench/benchmarks.h"

#include "bench/appharness.h"
#include "bench/peers.h"

#include "core/base/clock.h"
#include "core/workbench.h"
#include "ui/traffic/trafficmodel.h"

#include <QRandomGenerator>
#include <QTableView>

#include <sys/socket.h>

#include <atomic>
#include <thread>

namespace bench {

QJsonObject runLogMemory(const Options &options)
{
    const qint64 count = options.quick ? 20'000 : 1'000'000;
    const int jumps = options.quick ? 20 : 200;
    Report report;
    AppUnderTest app;
    core::Workbench &wb = app.workbench();
    // The benchmark writes records straight into the store the window shows, as the I/O
    // threads do; front ends only ever read it (Workbench hands out const access).
    core::TrafficStore &store = const_cast<core::TrafficStore &>(wb.traffic());
    const ui::TrafficModel &model = app.trafficModel();
    QTableView &view = app.trafficView();

    // A real socket, so the rows name it as they would in use.
    const int socketId = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    app.finished(wb.bind(socketId, loopbackAddress(AF_INET)));
    const core::SocketAddress peerAddress = core::SocketAddress::ipv4(0x7f000001, 40000);
    settle(200);
    const qint64 rssBefore = residentBytes();

    LatenessMeter meter;
    meter.start();
    std::atomic<bool> written{false};
    const qint64 start = core::monoNs();
    std::thread writer([&] {
        char payload[peer::kDatagramSize];
        for (qint64 i = 0; i < count; ++i) {
            peer::fillDatagram(quint32(i), payload);
            store.append(socketId, core::Direction::In, QByteArrayView(payload, sizeof payload), peerAddress);
        }
        written = true;
    });
    const bool shown = waitUntil([&] { return written && model.rowCount() == count; }, options.quick ? 30'000 : 60'000);
    view.viewport()->repaint();
    const double appendSeconds = double(core::monoNs() - start) / 1e9;
    writer.join();
    meter.stop();
    const Lateness lateness = meter.result();
    settle(100);
    const qint64 rssDelta = residentBytes() - rssBefore;
    const double overhead = double(rssDelta - count * peer::kDatagramSize) / double(count);

    // Jumps to rows spread over the log, each painted before the next.
    std::vector<double> jumpMs;
    QRandomGenerator random(42);
    for (int i = 0; i < jumps; ++i) {
        const int row = i == 0 ? 0 : i == 1 ? int(count - 1) : int(random.bounded(quint32(count)));
        const qint64 t = core::monoNs();
        view.scrollTo(model.index(row, ui::TrafficModel::DataColumn), QAbstractItemView::PositionAtCenter);
        view.viewport()->repaint();
        jumpMs.push_back(double(core::monoNs() - t) / 1e6);
    }

    // Every record there, in order, with its bytes.
    bool intact = shown && store.count() == count && store.bytes(core::Direction::In) == quint64(count) * peer::kDatagramSize;
    for (int i = 0; i < 1000 && intact; ++i) {
        const qsizetype index = i == 0 ? count - 1 : qsizetype(random.bounded(quint32(count)));
        const QByteArrayView payload = store.payload(store.at(index));
        quint32 seq;
        intact = peer::datagramSeq(payload.data(), size_t(payload.size()), &seq) && seq == quint32(index);
    }

    const double jumpMax = percentile(jumpMs, 1.0);
    report.set(QStringLiteral("records"), count);
    report.set(QStringLiteral("payload_bytes"), count * peer::kDatagramSize);
    report.set(QStringLiteral("rss_delta_bytes"), rssDelta);
    report.set(QStringLiteral("overhead_bytes_per_record"), overhead);
    report.set(QStringLiteral("append_with_view_s"), appendSeconds);
    report.setLateness(lateness);
    report.set(QStringLiteral("scroll_jump_p99_ms"), percentile(jumpMs, 0.99));
    report.set(QStringLiteral("scroll_jump_max_ms"), jumpMax);
    report.setAccounted(intact, QStringLiteral("records or bytes missing from the store or the model"));

    report.row(QStringLiteral("overhead per record (RSS)"), QStringLiteral("%1 B").arg(overhead, 0, 'f', 1), {}, {},
               QStringLiteral("<= 64 B"), overhead <= 64);
    report.row(QStringLiteral("append %1 with the view shown").arg(count), QStringLiteral("%1 s").arg(appendSeconds, 0, 'f', 2),
               {}, {}, QStringLiteral("< 2 s"), appendSeconds < 2);
    report.row(QStringLiteral("jump to any row, painted (max)"), formatMs(jumpMax), {}, {}, QStringLiteral("< 50 ms"),
               jumpMax < 50);
    report.row(QStringLiteral("GUI lateness p99 / max"), lateness.text(), {}, {});
    return report.toJson();
}

} // namespace bench
