#include "bench/appharness.h"

#include "bench/benchsupport.h"

#include "core/workbench.h"
#include "ui/mainwindow.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficpanel.h"

#include <QTableView>
#include <QWindow>

#include <sys/socket.h>

namespace bench {

AppUnderTest::AppUnderTest()
    : m_workbench(std::make_unique<core::Workbench>())
    , m_window(std::make_unique<ui::MainWindow>(*m_workbench))
{
    m_window->show();
    waitUntil([this] { return m_window->windowHandle() && m_window->windowHandle()->isExposed(); }, 5000);
    settle(100); // first layout and paint, the docks' queued resize
}

AppUnderTest::~AppUnderTest()
{
    m_window.reset();
    m_workbench.reset(); // joins the I/O threads, closes every socket
}

ui::TrafficModel &AppUnderTest::trafficModel()
{
    return *m_window->trafficPanel()->model();
}

QTableView &AppUnderTest::trafficView()
{
    return *m_window->trafficPanel()->view();
}

core::CallRecord AppUnderTest::finished(core::CallId call, int timeoutMs)
{
    const core::Journal &journal = m_workbench->journal();
    waitUntil([&] { return !journal.isPending(call); }, timeoutMs, 1);
    return journal.call(call);
}

core::SocketAddress AppUnderTest::watched(int family, int type, const core::SocketAddress &address, int backlog,
                                          int *socketId)
{
    core::Workbench &wb = *m_workbench;
    const auto created = wb.createSocket(family, type);
    if (socketId)
        *socketId = created.socketId;
    const bool ok = finished(created.call).outcome.status == core::CallStatus::Done
                    && finished(wb.bind(created.socketId, address)).outcome.status == core::CallStatus::Done
                    && (type != SOCK_STREAM
                        || finished(wb.listen(created.socketId, backlog)).outcome.status == core::CallStatus::Done);
    if (!ok)
        return {};
    wb.setWatch(created.socketId, true);
    return finished(wb.sockName(created.socketId)).outcome.address;
}

bool AppUnderTest::modelCaughtUp()
{
    return trafficModel().seenCount() == m_workbench->traffic().count();
}

core::SocketAddress loopbackAddress(int family, const QString &unixPath)
{
    if (family == AF_UNIX) {
        const auto parsed = core::parseAddress(unixPath, family);
        return parsed ? parsed.value() : core::SocketAddress();
    }
    return core::SocketAddress::ipv4(0x7f000001, 0);
}

} // namespace bench
