#include "script.hpp"

#include <charconv>

namespace upstander {

namespace {

constexpr int kMaxWaitMs = 10 * 60 * 1000;
constexpr size_t kMaxArgBytes = 4096;

struct Cursor {
    std::string_view s;
    size_t i = 0;
    void skip_spaces() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    }
    bool at_end() {
        skip_spaces();
        return i >= s.size();
    }
    std::string_view word() {
        skip_spaces();
        size_t b = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
        return s.substr(b, i - b);
    }
};

// Reads a double-quoted string; returns nullopt and sets `err` when malformed.
std::optional<std::string> quoted(Cursor& c, std::string& err) {
    c.skip_spaces();
    if (c.i >= c.s.size() || c.s[c.i] != '"') {
        err = "expected a double-quoted string";
        return std::nullopt;
    }
    ++c.i;
    std::string out;
    while (c.i < c.s.size()) {
        char ch = c.s[c.i++];
        if (ch == '"') {
            if (out.size() > kMaxArgBytes) {
                err = "string is longer than 4096 bytes";
                return std::nullopt;
            }
            return out;
        }
        if (ch == '\\' && c.i < c.s.size()) {
            char e = c.s[c.i++];
            if (e == 'n') out += '\n';
            else out += e;
        } else {
            out += ch;
        }
    }
    err = "string is missing its closing quote";
    return std::nullopt;
}

std::optional<int> integer(Cursor& c, int lo, int hi, std::string& err, const char* what) {
    std::string_view w = c.word();
    int v = 0;
    auto r = std::from_chars(w.data(), w.data() + w.size(), v);
    if (w.empty() || r.ec != std::errc{} || r.ptr != w.data() + w.size()) {
        err = std::string("expected ") + what + " as a whole number";
        return std::nullopt;
    }
    if (v < lo || v > hi) {
        err = std::string(what) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi);
        return std::nullopt;
    }
    return v;
}

}  // namespace

const char* to_string(ScriptCommand::Kind k) {
    using K = ScriptCommand::Kind;
    switch (k) {
        case K::Key: return "key";
        case K::Text: return "text";
        case K::Click: return "click";
        case K::Tap: return "tap";
        case K::Pad: return "pad";
        case K::Wait: return "wait";
        case K::Advance: return "advance";
        case K::WaitUntilText: return "wait-until-text";
        case K::ExpectText: return "expect-text";
        case K::ExpectNoText: return "expect-no-text";
        case K::ExpectGlyphs: return "expect-glyphs";
        case K::ExpectIcon: return "expect-icon";
        case K::Shot: return "shot";
        case K::Window: return "window";
        case K::Quit: return "quit";
        case K::PadConnect: return "pad-connect";
        case K::PadDisconnect: return "pad-disconnect";
        case K::PadAttach: return "pad-attach";
        case K::ExpectRumbles: return "expect-rumbles";
    }
    return "?";
}

ScriptParseResult parse_script(std::string_view text) {
    using K = ScriptCommand::Kind;
    ScriptParseResult result;
    int line_no = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

        Cursor c{line};
        if (c.at_end() || c.s[c.i] == '#') {
            if (nl == text.size()) break;
            continue;
        }
        std::string_view verb = c.word();
        ScriptCommand cmd;
        cmd.line = line_no;
        std::string err;
        bool parsed = true;
        if (verb == "key") {
            // SDL key names may contain spaces ("Keypad 2", "Page Down"): take the rest of the line.
            cmd.kind = K::Key;
            c.skip_spaces();
            std::string_view rest = c.s.substr(c.i);
            while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
            c.i = c.s.size();
            cmd.arg = std::string(rest.substr(0, 64));
            if (cmd.arg.empty()) err = "key needs a key name, for example: key Right";
        } else if (verb == "text" || verb == "click" || verb == "expect-text" || verb == "expect-no-text") {
            cmd.kind = verb == "text" ? K::Text : verb == "click" ? K::Click : verb == "expect-text" ? K::ExpectText : K::ExpectNoText;
            if (auto q = quoted(c, err)) cmd.arg = *q;
        } else if (verb == "expect-glyphs") {
            cmd.kind = K::ExpectGlyphs;
            if (auto q = quoted(c, err)) cmd.arg = *q;
        } else if (verb == "tap") {
            cmd.kind = K::Tap;
            auto x = integer(c, 0, 65535, err, "X");
            auto y = err.empty() ? integer(c, 0, 65535, err, "Y") : std::nullopt;
            if (x && y) {
                cmd.x = *x;
                cmd.y = *y;
            }
        } else if (verb == "pad") {
            cmd.kind = K::Pad;
            cmd.arg = std::string(c.word());
            if (cmd.arg.size() == 1 && cmd.arg[0] >= '1' && cmd.arg[0] <= '8') {
                cmd.pad = cmd.arg[0] - '0';
                cmd.arg = std::string(c.word());
                if (cmd.arg != "A" && cmd.arg != "B" && cmd.arg != "X" && cmd.arg != "Y" && cmd.arg != "LB" &&
                    cmd.arg != "RB" && cmd.arg != "BACK" && cmd.arg != "START")
                    err = "pad N needs a button: A, B, X, Y, LB, RB, BACK or START";
            } else if (cmd.arg != "A" && cmd.arg != "B" && cmd.arg != "X" && cmd.arg != "Y" && cmd.arg != "LB" && cmd.arg != "RB") {
                err = "pad needs a button: A, B, X, Y, LB or RB (or a handset number first: pad 3 A)";
            }
        } else if (verb == "pad-connect" || verb == "pad-disconnect" || verb == "pad-attach") {
            cmd.kind = verb == "pad-connect" ? K::PadConnect : verb == "pad-attach" ? K::PadAttach : K::PadDisconnect;
            if (auto n = integer(c, 1, 8, err, "N")) cmd.pad = *n;
        } else if (verb == "expect-rumbles") {
            cmd.kind = K::ExpectRumbles;
            auto n = integer(c, 1, 8, err, "N");
            auto count = err.empty() ? integer(c, 0, 100000, err, "C") : std::nullopt;
            if (n && count) {
                cmd.pad = *n;
                cmd.ms = *count;
            }
        } else if (verb == "wait") {
            cmd.kind = K::Wait;
            if (auto ms = integer(c, 0, kMaxWaitMs, err, "MS")) cmd.ms = *ms;
        } else if (verb == "advance") {
            cmd.kind = K::Advance;
            if (auto ms = integer(c, 1, kMaxWaitMs, err, "MS")) cmd.ms = *ms;
        } else if (verb == "wait-until-text") {
            cmd.kind = K::WaitUntilText;
            if (auto q = quoted(c, err)) {
                cmd.arg = *q;
                if (auto ms = integer(c, 1, kMaxWaitMs, err, "MS")) cmd.ms = *ms;
            }
        } else if (verb == "shot") {
            cmd.kind = K::Shot;
            cmd.arg = std::string(c.word());
            if (cmd.arg.empty()) {
                err = "shot needs a name, for example: shot title-screen";
            } else {
                for (char ch : cmd.arg) {
                    const bool okc = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                                     ch == '-' || ch == '_' || ch == '.';
                    if (!okc || cmd.arg.size() > 100 || cmd.arg[0] == '.') {
                        err = "shot name may use letters, digits, '-', '_' and '.' only";
                        break;
                    }
                }
            }
        } else if (verb == "window") {
            cmd.kind = K::Window;
            cmd.arg = std::string(c.word());
            if (cmd.arg != "projector" && cmd.arg != "presenter" && cmd.arg != "booth")
                err = "window must be projector, presenter or booth";
            c.skip_spaces();
            if (err.empty() && cmd.arg == "booth" && !c.at_end())
                if (auto n = integer(c, 1, 8, err, "N")) cmd.pad = *n;
        } else if (verb == "expect-icon") {
            cmd.kind = K::ExpectIcon;
        } else if (verb == "quit") {
            cmd.kind = K::Quit;
        } else {
            parsed = false;
            result.errors.push_back("line " + std::to_string(line_no) + ": unknown command \"" + std::string(verb.substr(0, 40)) +
                                    "\"");
        }
        if (parsed && err.empty() && !c.at_end()) err = "unexpected text after the command";
        if (parsed && !err.empty()) result.errors.push_back("line " + std::to_string(line_no) + ": " + std::string(verb) + ": " + err);
        if (parsed && err.empty()) result.commands.push_back(std::move(cmd));
        if (nl == text.size()) break;
    }
    return result;
}

}  // namespace upstander
