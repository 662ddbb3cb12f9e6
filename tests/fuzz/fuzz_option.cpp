// libFuzzer target: core::encodeOption, the Options tab's value parser (also run on every
// option of a loaded session). The first byte picks the option (byte % number of options) and,
// with its top bit, UTF-16 input; the rest is the typed value.
// Invariants for a value that encodes: setsockopt gets a buffer of the size getsockopt would
// return for that option (an int, or the struct); the kept text encodes again to the same bytes;
// describing the bytes back does not fail.
#include "tests/fuzz/fuzzinput.h"

#include "core/net/socketoptions.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const auto options = core::socketOptions();
    const core::OptionSpec &spec = options[(data[0] & 0x7f) % options.size()];
    const QString typed = fuzz::text(data + 1, size - 1, data[0] & 0x80);

    const auto encoded = core::encodeOption(spec, typed);
    if (!encoded)
        return 0;
    const core::OptionValue &value = encoded.value();
    const int expected = core::optionBufferSize(spec) ? core::optionBufferSize(spec) : int(sizeof(int));
    fuzz::check(value.raw.size() == expected, "the buffer has the option's size",
                QLatin1String(spec.name) + QLatin1Char(' ') + typed);
    fuzz::check(!value.python.isEmpty(), "a Python spelling", typed);
    const auto again = core::encodeOption(spec, value.text);
    fuzz::check(again.ok() && again.value().raw == value.raw, "the kept text encodes to the same bytes",
                QLatin1String(spec.name) + QLatin1Char(' ') + typed);
    (void)core::describeOption(spec, value.raw);
    (void)core::pythonOptionResult(spec, value.raw);
    return 0;
}
