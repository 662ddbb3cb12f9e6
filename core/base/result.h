#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace core {

// What went wrong with a piece of user input: a sentence for the field, and where (a 0-based
// character or byte position, -1 when the whole input is at fault).
struct InputError
{
    QString message;
    int position = -1;
};

// A value or the reason there is none. Results are values that cross threads; nothing here throws.
template<typename T>
class Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(InputError error) : m_data(std::move(error)) {}

    static Result failure(QString message, int position = -1)
    {
        return Result(InputError{std::move(message), position});
    }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const { return std::get<T>(m_data); }
    T &value() { return std::get<T>(m_data); }
    const T &operator*() const { return value(); }
    const T *operator->() const { return &value(); }

    const InputError &error() const { return std::get<InputError>(m_data); }

private:
    std::variant<T, InputError> m_data;
};

} // namespace core
