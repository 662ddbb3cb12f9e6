#pragma once

#include "core/net/socketaddress.h"
#include "core/store/journal.h"

#include <memory>

namespace core {
class Workbench;
}
namespace ui {
class MainWindow;
class TrafficModel;
}
class QTableView;

namespace bench {

// The application as a user runs it: a core::Workbench with its I/O threads and stores, and the
// ui::MainWindow over it, shown (offscreen) with the traffic log visible and every panel's
// timers running on this, the GUI thread. Benchmarks drive it only through the Workbench, as
// the panels do, and read the results from the stores and the traffic model.
class AppUnderTest
{
public:
    AppUnderTest();
    ~AppUnderTest();

    core::Workbench &workbench() { return *m_workbench; }
    ui::MainWindow &window() { return *m_window; }
    ui::TrafficModel &trafficModel();
    QTableView &trafficView();

    // Waits, running the event loop, for a journaled call; the record, finished or not.
    core::CallRecord finished(core::CallId call, int timeoutMs = 5000);
    // A watched socket bound to address (listening with backlog when stream): its real address.
    // Invalid when a call failed.
    core::SocketAddress watched(int family, int type, const core::SocketAddress &address, int backlog = 4096,
                                int *socketId = nullptr);
    // True once the traffic model shows every record the store holds.
    bool modelCaughtUp();

private:
    std::unique_ptr<core::Workbench> m_workbench;
    std::unique_ptr<ui::MainWindow> m_window;
};

// 127.0.0.1 with port 0, or a path in dir for AF_UNIX.
core::SocketAddress loopbackAddress(int family, const QString &unixPath = {});

} // namespace bench
