#include "core/kernel/liveprobe.h"

#include "core/kernel/platform.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace core {

LiveFigures probeLive(int fd, bool tcp)
{
    LiveFigures live;
    live.rxQueue = platform::queuedIn(fd);
    live.txQueue = platform::queuedOut(fd);
    live.tcpState = tcp ? platform::tcpState(fd) : TcpState::Unknown;
    for (const OptionSpec &spec : socketOptions()) {
        if (spec.kind == OptionKind::Membership4 || spec.kind == OptionKind::Membership6)
            continue; // write-only in the kernel
        QByteArray raw(std::max(optionBufferSize(spec), int(sizeof(int))), '\0');
        socklen_t length = socklen_t(raw.size());
        if (::getsockopt(fd, spec.level, spec.optname, raw.data(), &length) == 0) {
            raw.truncate(int(length));
            live.options.add(OptionReading{&spec, std::move(raw), 0});
        } else {
            live.options.add(OptionReading{&spec, {}, errno});
        }
    }
    return live;
}

} // namespace core
