// SocketObject's live figures: queue sizes, TCP state and every readable option's current value,
// read on the socket's I/O thread for the window's live view. Inspection, not calls: nothing of
// it goes into the journal.
#include "core/engine/socketobject.h"

#include "core/kernel/platform.h"
#include "core/net/errors.h"

#include <sys/socket.h>

namespace core {

void SocketObject::refreshLive()
{
    if (m_fd < 0)
        return;
    m_info.rxQueue = platform::queuedIn(m_fd);
    m_info.txQueue = platform::queuedOut(m_fd);
    const bool tcp = (m_info.family == AF_INET || m_info.family == AF_INET6) && m_info.type == SOCK_STREAM;
    m_info.tcpState = tcp ? platform::tcpState(m_fd) : TcpState::Unknown;
    // Current option values, read without a journal entry: this is inspection, not a call.
    m_info.optionValues.clear();
    for (const OptionSpec &spec : socketOptions()) {
        if (spec.kind == OptionKind::Membership4 || spec.kind == OptionKind::Membership6)
            continue; // write-only in the kernel
        QByteArray raw(std::max(optionBufferSize(spec), int(sizeof(int))), '\0');
        socklen_t length = socklen_t(raw.size());
        const bool ok = ::getsockopt(m_fd, spec.level, spec.optname, raw.data(), &length) == 0;
        raw.truncate(int(length));
        m_info.optionValues.add(OptionReading{&spec, ok ? raw : QByteArray(), ok ? 0 : errno});
    }
    changed();
}

} // namespace core
