#pragma once
// A FileSystem for tests: passes every call to the real POSIX file system unless a fault is armed
// for that operation, in which case the call fails with the chosen error. A failing write first
// writes half of the data (as a disk that fills up mid-write does). Header-only.

#include "core/session_store.hpp"
#include "temp_dir.hpp"

#include <array>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <memory>
#include <system_error>

namespace upstander::test {

enum class FsOp { CreateDirs, Open, Write, Sync, Close, Rename, RenameNoReplace, SyncDir, Remove, List, Read, Count };

class FaultyFileSystem final : public FileSystem {
public:
    FaultyFileSystem() : real_(make_native_file_system()) {}

    // Fails the calls of `op` from the (skip+1)-th on, `times` times (-1: until clear()).
    void fail(FsOp op, std::errc code, int times = -1, int skip = 0) {
        Fault& f = faults_[idx(op)];
        f.code = std::make_error_code(code);
        f.remaining = times;
        f.skip = skip;
    }
    void clear() { faults_ = {}; }
    int calls(FsOp op) const { return calls_[idx(op)]; }
    int failures(FsOp op) const { return failures_[idx(op)]; }

    std::error_code create_directories(const std::filesystem::path& dir, bool& created) override {
        created = false;
        if (auto ec = check(FsOp::CreateDirs)) return ec;
        return real_->create_directories(dir, created);
    }
    std::unique_ptr<FileWriter> create_temp_file(const std::filesystem::path& dir, std::string_view stem,
                                                 std::filesystem::path& created, std::error_code& ec) override {
        created.clear();
        if ((ec = check(FsOp::Open))) return nullptr;
        auto w = real_->create_temp_file(dir, stem, created, ec);
        if (!w) return nullptr;
        return std::make_unique<Writer>(*this, std::move(w));
    }
    std::error_code rename(const std::filesystem::path& from, const std::filesystem::path& to) override {
        if (auto ec = check(FsOp::Rename)) return ec;
        return real_->rename(from, to);
    }
    std::error_code rename_no_replace(const std::filesystem::path& from, const std::filesystem::path& to) override {
        if (auto ec = check(FsOp::RenameNoReplace)) return ec;
        return real_->rename_no_replace(from, to);
    }
    std::error_code sync_directory(const std::filesystem::path& dir) override {
        if (auto ec = check(FsOp::SyncDir)) return ec;
        return real_->sync_directory(dir);
    }
    std::error_code remove(const std::filesystem::path& file) override {
        if (auto ec = check(FsOp::Remove)) return ec;
        return real_->remove(file);
    }
    std::error_code list_directory(const std::filesystem::path& dir, std::vector<DirEntry>& out) override {
        if (auto ec = check(FsOp::List)) return ec;
        return real_->list_directory(dir, out);
    }
    std::error_code read_file(const std::filesystem::path& file, std::uintmax_t max_bytes, std::string& out) override {
        if (auto ec = check(FsOp::Read)) return ec;
        return real_->read_file(file, max_bytes, out);
    }

private:
    struct Fault {
        std::error_code code;
        int remaining = 0;
        int skip = 0;
    };

    class Writer final : public FileWriter {
    public:
        Writer(FaultyFileSystem& owner, std::unique_ptr<FileWriter> real) : owner_(owner), real_(std::move(real)) {}
        std::error_code write(std::string_view data) override {
            if (auto ec = owner_.check(FsOp::Write)) {
                (void)real_->write(data.substr(0, data.size() / 2));
                return ec;
            }
            return real_->write(data);
        }
        std::error_code sync() override {
            if (auto ec = owner_.check(FsOp::Sync)) return ec;
            return real_->sync();
        }
        std::error_code close() override {
            // A failed close still releases the descriptor, as on Linux.
            std::error_code real_ec = real_->close();
            if (auto ec = owner_.check(FsOp::Close)) return ec;
            return real_ec;
        }

    private:
        FaultyFileSystem& owner_;
        std::unique_ptr<FileWriter> real_;
    };

    static std::size_t idx(FsOp op) { return static_cast<std::size_t>(op); }

    std::error_code check(FsOp op) {
        ++calls_[idx(op)];
        Fault& f = faults_[idx(op)];
        if (f.remaining == 0) return {};
        if (f.skip > 0) {
            --f.skip;
            return {};
        }
        if (f.remaining > 0) --f.remaining;
        ++failures_[idx(op)];
        return f.code;
    }

    std::unique_ptr<FileSystem> real_;
    std::array<Fault, static_cast<std::size_t>(FsOp::Count)> faults_{};
    std::array<int, static_cast<std::size_t>(FsOp::Count)> calls_{};
    std::array<int, static_cast<std::size_t>(FsOp::Count)> failures_{};
};

}  // namespace upstander::test
