// SocketObject's live figures for the window's live view, read on the socket's I/O thread by the
// kernel probe (kernel/liveprobe.h).
#include "core/engine/socketobject.h"

#include "core/kernel/liveprobe.h"

#include <sys/socket.h>

namespace core {

void SocketObject::refreshLive()
{
    if (m_fd < 0)
        return;
    const bool tcp = (m_info.family == AF_INET || m_info.family == AF_INET6) && m_info.type == SOCK_STREAM;
    LiveFigures live = probeLive(m_fd, tcp);
    m_info.rxQueue = live.rxQueue;
    m_info.txQueue = live.txQueue;
    m_info.tcpState = live.tcpState;
    m_info.optionValues = std::move(live.options);
    changed();
}

} // namespace core
