#pragma once
// The one result type of core for problems a user can cause (a typo in a file, a bad value typed on
// a screen): either the value, or an Error whose message says in plain words what is wrong, where,
// and what to do. Programmer errors are asserts, never an Error.
//
// Lists of problems that are all reported at once (a pack's diagnostics, a script's errors) stay
// lists; Result is for "this one thing worked, or here is why not".

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace upstander {

struct Error {
    std::string message;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<1>(v_); }
    const std::string& message() const { return error().message; }

private:
    std::variant<T, Error> v_;
};

// Success with nothing to return, or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)) {}

    bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *error_; }
    const std::string& message() const { return error_->message; }

private:
    std::optional<Error> error_;
};

}  // namespace upstander
