#pragma once

#include "core/error.h"

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace certigram {

// Result<T>: either a value or an Error. Errors are values here; nothing throws across
// module boundaries. Accessing value() of a failed result (or error() of a successful
// one) is a programming error and asserts.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(const T &value)
        : m_state(value)
    { }
    Result(T &&value)
        : m_state(std::move(value))
    { }
    Result(const Error &error)
        : m_state(error)
    { }
    Result(Error &&error)
        : m_state(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return checkedValue(); }
    T &value() & { return const_cast<T &>(checkedValue()); }
    T &&value() && { return std::move(const_cast<T &>(checkedValue())); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const
    {
        Q_ASSERT(!ok());
        return std::get<Error>(m_state);
    }

    T valueOr(T fallback) const & { return ok() ? value() : std::move(fallback); }

private:
    const T &checkedValue() const
    {
        Q_ASSERT(ok());
        return std::get<T>(m_state);
    }

    std::variant<T, Error> m_state;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(const Error &error)
        : m_error(error)
    { }
    Result(Error &&error)
        : m_error(std::move(error))
    { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }

    const Error &error() const
    {
        Q_ASSERT(!ok());
        return *m_error;
    }

private:
    std::optional<Error> m_error;
};

} // namespace certigram
