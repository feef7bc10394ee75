// The library: every pack of every content root, and the workshops resolved across packs.
#include "pack_loader.hpp"

#include "json_reader.hpp"
#include "pack_loader_programme.hpp"
#include "suggest.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace upstander {

namespace fs = std::filesystem;

const Pack* Library::find_pack(const std::string& id) const {
    for (const Pack& p : packs)
        if (p.id == id) return &p;
    return nullptr;
}

const Module* Library::find_module(const std::string& ref, const std::string& from_pack) const {
    auto [pack_id, module_id] = split_module_ref(ref);
    const Pack* p = find_pack(pack_id.empty() ? from_pack : pack_id);
    if (!p) return nullptr;
    for (const Module& m : p->modules)
        if (m.id == module_id) return &m;
    return nullptr;
}

const ResolvedWorkshop* Library::find_workshop(const std::string& id) const {
    for (const ResolvedWorkshop& w : workshops)
        if (w.def->id == id) return &w;
    return nullptr;
}

namespace {

// Where a workshop is defined, for messages about it.
Diagnostic workshop_diag(const Pack& pack, std::size_t index, std::string suffix, std::string message,
                         Diagnostic::Severity severity = Diagnostic::Severity::Error) {
    return {severity, shown_path(pack.dir / "pack.json"), "/workshops/" + std::to_string(index) + suffix, 0, 0,
            std::move(message)};
}

// Pre/post pairing in one workshop (content/FORMAT.md, "poll"): returns diagnostics; sets `paired`.
std::vector<Diagnostic> check_pairs(const WorkshopDef& w, const std::vector<const Module*>& modules, bool& paired) {
    struct Seen {
        const Step* pre = nullptr;
        const Step* post = nullptr;
    };
    std::map<std::string, Seen> measures;
    std::vector<Diagnostic> out;
    auto diag = [&](const Step& s, std::string msg, Diagnostic::Severity sev = Diagnostic::Severity::Error) {
        if (out.size() < static_cast<std::size_t>(kMaxDiagnosticsPerFile))
            out.push_back({sev, s.source_file, s.source_pointer, 0, 0, std::move(msg)});
    };
    auto where = [](const Step& s) { return s.source_file + " " + s.source_pointer; };
    auto same_options = [](const PollDef& a, const PollDef& b) {
        if (a.options.size() != b.options.size()) return false;
        for (std::size_t i = 0; i < a.options.size(); ++i)
            if (a.options[i].id != b.options[i].id || a.options[i].label != b.options[i].label) return false;
        return true;
    };
    paired = false;
    for (const Module* m : modules) {
        for (const Step& s : m->steps) {
            if (s.type != StepType::Poll || !s.poll || s.poll->phase == PollPhase::None) continue;
            const PollDef& p = *s.poll;
            Seen& seen = measures[p.measure];
            const std::string in_w = " in workshop \"" + w.id + "\"";
            if (p.phase == PollPhase::Pre) {
                if (seen.pre) {
                    diag(s, "measure \"" + p.measure + "\" already has a pre poll" + in_w + " (poll \"" +
                                seen.pre->poll->id + "\" at " + where(*seen.pre) + "); keep only one pre poll per measure");
                } else if (seen.post) {
                    diag(s, "the pre poll for measure \"" + p.measure + "\" comes after its post poll" + in_w +
                                "; put the pre poll first");
                } else {
                    seen.pre = &s;
                }
                continue;
            }
            if (seen.post) {
                diag(s, "measure \"" + p.measure + "\" already has a post poll" + in_w + " (poll \"" +
                            seen.post->poll->id + "\" at " + where(*seen.post) + "); keep only one post poll per measure");
                continue;
            }
            seen.post = &s;
            if (!seen.pre) {
                diag(s, "post poll \"" + p.id + "\" has no pre poll for measure \"" + p.measure + "\" earlier" + in_w +
                            "; add a poll with \"measure\": \"" + p.measure +
                            "\" and \"phase\": \"pre\" before it, or remove \"phase\"");
                continue;
            }
            const PollDef& pre = *seen.pre->poll;
            if (pre.kind != p.kind) {
                diag(s, "post poll \"" + p.id + "\" is a " + to_string(p.kind) + " poll but its pre poll \"" + pre.id +
                            "\" is a " + to_string(pre.kind) + " poll; paired polls must be the same kind");
            } else if (!same_options(pre, p)) {
                diag(s, "post poll \"" + p.id + "\" has different options from its pre poll \"" + pre.id +
                            "\"; paired polls need the same option ids and labels, in the same order");
            } else {
                paired = true;
            }
        }
    }
    for (const auto& [measure, seen] : measures) {
        if (seen.pre && !seen.post)
            diag(*seen.pre,
                 "pre poll \"" + seen.pre->poll->id + "\" for measure \"" + measure + "\" has no post poll in workshop \"" +
                     w.id + "\", so \"What changed today\" cannot show it",
                 Diagnostic::Severity::Warning);
    }
    return out;
}

PackProblem& problem_for(Library& lib, const Pack& pack) {
    for (PackProblem& p : lib.problems)
        if (p.dir == pack.dir && p.pack_id == pack.id) return p;
    lib.problems.push_back({pack.dir, pack.id, {}});
    return lib.problems.back();
}

}  // namespace

Library load_library(const std::vector<fs::path>& roots) { return load_library(roots, LoadOptions{}); }

Library load_library(const std::vector<fs::path>& roots, const LoadOptions& options) {
    Library lib;
    std::set<std::string> broken_ids;
    struct Loaded {
        fs::path dir;
        std::size_t root = 0;
    };
    std::map<std::string, Loaded> loaded_dirs;  // pack id -> folder and the root it came from
    std::set<fs::path> seen_dirs;              // the same folder reached twice is loaded once
    std::size_t root_index = 0;

    auto load_one = [&](const fs::path& dir) {
        std::error_code canon_ec;
        const fs::path canon_dir = fs::weakly_canonical(dir, canon_ec);
        if (!seen_dirs.insert(canon_ec ? dir : canon_dir).second) return;
        PackLoadResult r = load_pack(dir, options);
        if (r.ok()) {
            auto it = loaded_dirs.find(r.pack->id);
            if (it != loaded_dirs.end() && it->second.root != root_index) {
                // A later root (for example --content while editing) replaces an earlier copy, such as
                // one installed in the per-user folder. Say so, so nobody wonders which copy is shown.
                Diagnostic d{Diagnostic::Severity::Warning, shown_path(dir / "pack.json"), "/id", 0, 0,
                             "this copy of pack \"" + r.pack->id + "\" replaces the one in " +
                                 sanitize_for_message(it->second.dir.string())};
                std::vector<Diagnostic> one{d};
                fill_positions(one);
                lib.diagnostics.push_back(one.front());
                lib.diagnostics.insert(lib.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
                for (Pack& p : lib.packs)
                    if (p.id == r.pack->id) p = std::move(*r.pack);
                it->second = Loaded{dir, root_index};
                return;
            }
            if (it != loaded_dirs.end()) {
                Diagnostic d{Diagnostic::Severity::Error, shown_path(dir / "pack.json"), "/id", 0, 0,
                             "pack id \"" + r.pack->id + "\" is already used by the pack in " +
                                 sanitize_for_message(it->second.dir.string()) +
                                 "; this copy is skipped (remove one copy or give this pack its own id)"};
                std::vector<Diagnostic> one{d};
                fill_positions(one);
                r.diagnostics.insert(r.diagnostics.begin(), one.front());
                lib.diagnostics.insert(lib.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
                lib.problems.push_back({r.pack->dir, r.pack->id, std::move(r.diagnostics)});
                return;
            }
            loaded_dirs.emplace(r.pack->id, Loaded{r.pack->dir, root_index});
            lib.diagnostics.insert(lib.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
            lib.packs.push_back(std::move(*r.pack));
            return;
        }
        if (!r.pack_id.empty()) broken_ids.insert(r.pack_id);
        lib.diagnostics.insert(lib.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
        std::error_code ec;
        fs::path canon = fs::weakly_canonical(dir, ec);
        lib.problems.push_back({ec ? dir : canon, r.pack_id, std::move(r.diagnostics)});
    };

    for (std::size_t ri = 0; ri < roots.size(); ++ri) {
        const fs::path& root = roots[ri];
        root_index = ri;
        std::error_code ec;
        if (!fs::exists(root, ec)) continue;
        if (!fs::is_directory(root, ec)) {
            Diagnostic d{Diagnostic::Severity::Error, shown_path(root), "", 0, 0,
                         "not a folder; give a pack folder or a folder of packs"};
            lib.diagnostics.push_back(d);
            lib.problems.push_back({root, "", {d}});
            continue;
        }
        if (fs::exists(fs::symlink_status(root / "pack.json", ec))) {
            load_one(root);
            continue;
        }
        std::vector<fs::path> dirs;
        for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (name.empty() || name.front() == '.' || !it->is_directory(ec)) continue;
            dirs.push_back(it->path());
        }
        std::sort(dirs.begin(), dirs.end());
        for (const fs::path& d : dirs) {
            if (fs::exists(fs::symlink_status(d / "pack.json", ec))) load_one(d);
            else
                lib.diagnostics.push_back({Diagnostic::Severity::Warning, shown_path(d), "", 0, 0,
                                           "this folder has no pack.json, so it is not a pack; skipped"});
        }
    }

    // Packs (and so their workshops on the title screen) in the order their settings ask for, then by
    // load order. Sorted before any pointer into lib.packs is taken.
    std::stable_sort(lib.packs.begin(), lib.packs.end(),
                     [](const Pack& a, const Pack& b) { return a.settings.list_order < b.settings.list_order; });

    // Resolve workshops now that every pack is in place (pointers into lib.packs stay valid).
    std::set<std::string> workshop_ids;
    std::map<std::pair<std::string_view, std::string_view>, const Module*> module_index;
    std::vector<std::string_view> pack_ids;
    for (const Pack& p : lib.packs) {
        pack_ids.push_back(p.id);
        for (const Module& m : p.modules) module_index.emplace(std::pair<std::string_view, std::string_view>(p.id, m.id), &m);
    }
    for (const Pack& pack : lib.packs) {
        for (std::size_t wi = 0; wi < pack.workshops.size(); ++wi) {
            const WorkshopDef& w = pack.workshops[wi];
            std::vector<Diagnostic> errors;
            ResolvedWorkshop rw;
            rw.def = &w;
            for (std::size_t i = 0; i < w.module_refs.size(); ++i) {
                const std::string& ref = w.module_refs[i];
                auto [pid, mid] = split_module_ref(ref);
                if (pid.empty()) pid = pack.id;
                auto found = module_index.find({pid, mid});
                if (found != module_index.end()) {
                    rw.modules.push_back(found->second);
                    continue;
                }
                if (errors.size() >= static_cast<std::size_t>(kMaxDiagnosticsPerFile)) continue;
                std::string msg;
                if (const Pack* other = lib.find_pack(pid)) {
                    std::vector<std::string_view> ids;
                    for (const Module& om : other->modules) ids.push_back(om.id);
                    msg = "pack \"" + pid + "\" has no module \"" + mid + "\"";
                    if (auto near = closest_match(mid, ids)) msg += " (did you mean \"" + pid + "/" + *near + "\"?)";
                } else if (broken_ids.count(pid)) {
                    msg = "pack \"" + pid + "\" has errors and was not loaded; fix that pack first";
                } else {
                    msg = "no loaded pack has the id \"" + pid + "\"";
                    if (auto near = closest_match(pid, pack_ids)) msg += " (did you mean \"" + *near + "\"?)";
                    msg += "; check the spelling, or add that pack to the content folder";
                }
                errors.push_back(workshop_diag(pack, wi, "/modules/" + std::to_string(i),
                                               msg + "; workshop \"" + w.id + "\" is not available until this is fixed"));
            }
            if (!workshop_ids.insert(w.id).second)
                errors.push_back(workshop_diag(pack, wi, "/id",
                                               "workshop id \"" + w.id +
                                                   "\" is already used by another loaded pack; this workshop is skipped"));
            if (errors.empty()) errors = programme_only_steps_in_workshop(w, rw.modules);
            if (errors.empty()) {
                std::vector<Diagnostic> pair_diags = check_pairs(w, rw.modules, rw.has_pre_post_pairs);
                for (Diagnostic& d : pair_diags) {
                    if (d.severity == Diagnostic::Severity::Error) errors.push_back(std::move(d));
                    else lib.diagnostics.push_back(std::move(d));
                }
                if (!errors.empty()) {
                    // The pair problems sit in the polls' own files, which may belong to another pack (a
                    // bundled one an editor is not looking at): the workshop's own message names the first.
                    const Diagnostic& first = errors.front();
                    const std::size_t n = errors.size();
                    errors.push_back(workshop_diag(
                        pack, wi, "",
                        "workshop \"" + w.id + "\" is not available until its poll pairs are fixed (" +
                            (n == 1 ? std::string("1 problem") : std::to_string(n) + " problems, the first") + ": " +
                            first.message + ", in " + first.file + ")"));
                }
            }
            if (errors.empty()) {
                lib.workshops.push_back(std::move(rw));
                continue;
            }
            fill_positions(errors);
            PackProblem& prob = problem_for(lib, pack);
            prob.diagnostics.insert(prob.diagnostics.end(), errors.begin(), errors.end());
            lib.diagnostics.insert(lib.diagnostics.end(), errors.begin(), errors.end());
        }
    }
    resolve_programmes(lib, broken_ids);
    fill_positions(lib.diagnostics);
    return lib;
}

}  // namespace upstander