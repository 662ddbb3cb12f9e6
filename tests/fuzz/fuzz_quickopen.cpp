// libFuzzer target: core::parseQuickOpen, the --listen / --connect URLs of the command line.
// The first byte's low bit picks listen (1) or connect (0), its top bit UTF-16 input.
// Invariants for a URL that parses: a listener has a bind address and no connect address, a
// client the reverse; the address has the socket's family; the URL written back from the spec
// (scheme + the address's toText()) parses to the same spec.
#include "tests/fuzz/fuzzinput.h"

#include "core/net/constants.h"
#include "core/session/quickopen.h"

namespace {

QString scheme(const core::SocketSpec &spec)
{
    // unix: takes an optional "//" before the path: always writing it keeps a path that itself
    // starts with "//" intact.
    if (spec.family == core::sock::AfUnix)
        return spec.type == core::sock::Stream ? QStringLiteral("unix://")
             : spec.type == core::sock::Dgram  ? QStringLiteral("unix-dgram://")
                                               : QStringLiteral("unix-seqpacket://");
    return spec.type == core::sock::Stream ? QStringLiteral("tcp://") : QStringLiteral("udp://");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const bool listen = data[0] & 1;
    const QString url = fuzz::text(data + 1, size - 1, data[0] & 0x80);
    const auto parsed = core::parseQuickOpen(url, listen);
    if (!parsed)
        return 0;
    const core::SocketSpec &spec = parsed.value();
    const core::SocketAddress &address = listen ? spec.bind : spec.connect;
    fuzz::check(address.isValid() && !(listen ? spec.connect : spec.bind).isValid(),
                "one address, on the side asked for", url);
    fuzz::check(address.family() == spec.family, "the address has the socket's family", url);

    const QString written = scheme(spec) + address.toText();
    const auto again = core::parseQuickOpen(written, listen);
    fuzz::check(again.ok(), "the URL written back parses", url + QStringLiteral(" -> ") + written);
    const core::SocketSpec &other = again.value();
    fuzz::check(other.family == spec.family && other.type == spec.type && other.bind == spec.bind
                    && other.connect == spec.connect && other.listen == spec.listen && other.options == spec.options,
                "the URL written back parses to the same socket", url + QStringLiteral(" -> ") + written);
    return 0;
}
