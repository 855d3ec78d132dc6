import ArgumentParser
import Core

extension RegCtl {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one firm, park or incubator with every fact about it and the filing behind each.",
            discussion: """
                Give a USCC, a park id or name, an incubator id or name, or part of a firm's name.

                Examples:
                  regctl show 914302007121234556
                  regctl show 株洲高新区
                  regctl show 光电
                """)

        @OptionGroup var registry: RegistryOptions
        @Argument(help: "USCC, park, incubator or firm name.", completion: .custom { words, _, _ in Completions.parkIDs(registry: Completions.registryOption(in: words)) })
        var what: String

        func run() throws {
            let store = try registry.open()
            let q = what.trimmingCharacters(in: .whitespaces)
            let code = USCC.normalize(q)
            if code.count == 18, let firm = try store.firms(FirmQuery(uscc: code)).first {
                return try showFirm(firm, store)
            }
            let parks = try store.parks()
            if let park = parks.first(where: { $0.value.id == q || $0.value.name == q || $0.value.shortName == q }) {
                return try showPark(park, store)
            }
            let incubators = try store.incubators()
            if let inc = incubators.first(where: { $0.value.id == q || $0.value.name == q }) {
                return try showIncubator(inc, store)
            }
            let firms = try store.firms(FirmQuery(name: q, limit: 21))
            if firms.count == 1 {
                return try showFirm(firms[0], store)
            }
            if firms.isEmpty {
                let names = parks.flatMap { [$0.value.id, $0.value.name] + ($0.value.shortName.map { [$0] } ?? []) }
                    + incubators.flatMap { [$0.value.id, $0.value.name] }
                printError("\(errorLabel()) nothing matches '\(q)': no firm with that USCC or name, no park or incubator with that id or name\(Suggestions.didYouMean(q, among: names).ifEmpty(".")) Try `regctl firms --name …`.")
                throw ExitCode.failure
            }
            print("\(firms.count > 20 ? "more than 20" : String(firms.count)) firms match '\(q)'; give a USCC or a longer name:")
            for f in firms.prefix(20) { print("  \(f.placement.resolved ? f.firm.uscc : "(no code)          ")  \(f.firm.name)") }
        }

        private func src(_ filing: String, _ line: Int) -> String { "[\(filing):\(line)]" }

        private func regionText(_ code: String) -> String {
            guard let r = RegionTable.resolve(code) else { return code }
            var parts = [RegionTable.name(ofUnit: r.current) ?? code]
            if let p = r.prefecture, p + "00" != r.current, let n = RegionTable.name(ofUnit: p) { parts.append(n) }
            if let n = RegionTable.name(ofUnit: r.province), r.province + "0000" != r.current { parts.append(n) }
            let now = r.current != code ? " (now \(r.current))" : ""
            return "\(code)\(now) \(parts.joined(separator: ", "))"
        }

        private func showFirm(_ f: FirmFact, _ store: any Registry) throws {
            let firm = f.firm
            print("\(firm.name)")
            if f.placement.resolved {
                print("  uscc       \(firm.uscc)\(firm.usccValid ? "" : "  (fails the check; admitted with --accept-bad-uscc)")  \(src(f.filing, f.line))")
                print("  region     \(regionText(firm.region))")
            } else {
                print("  uscc       (none: known only by name from a list that prints no code)")
                print("  region     \(f.placement.region) \(RegionTable.name(ofUnit: f.placement.region) ?? "")")
            }
            if let park = firm.park {
                let name = try store.parks().first { $0.value.id == park }?.value.displayName ?? ""
                print("  park       \(park) \(name)")
            }
            if let i = firm.industry { print("  industry   \(i)") }
            if let d = firm.founded { print("  founded    \(d)") }
            print("  status     \(firm.status.rawValue)")

            let designations = try store.designations(program: nil).filter { $0.firm.key == f.placement.key }
                .sorted { ($0.designation.year, $0.designation.level.seniority) < ($1.designation.year, $1.designation.level.seniority) }
            let asOf = try AsOf.resolve(nil, registry: store).date
            print("\nDesignations (\(designations.count))")
            for d in designations {
                let x = d.designation
                let validity = "\(x.validFrom?.description ?? "from \(x.year)")–\(x.validTo?.description ?? "")"
                let state = x.isActive(on: asOf, filingIssued: d.filingIssued) ? "active on \(asOf)" : (x.status == .revoked ? "revoked \(x.revokedOn?.description ?? "")" : "not active on \(asOf)")
                print("  \(x.year)  \(x.program.chinese) \(x.level.chinese)\(x.batch.map { " batch \($0)" } ?? "")  \(validity)  \(state)  \(src(d.filing, d.line))")
            }
            guard f.placement.resolved else { return }
            let incubations = try store.incubations(uscc: firm.uscc)
            print("\nIncubations (\(incubations.count))")
            for i in incubations {
                let v = i.value
                print("  \(v.incubator)  entered \(v.entered) (\(v.intake.rawValue))\(v.graduated.map { "  graduated \($0)" } ?? "")\(v.exited.map { "  exited \($0)" } ?? "")  \(src(i.filing, i.line))")
            }
            let reports = try store.annualReports(uscc: firm.uscc)
            print("\nAnnual reports (\(reports.count))")
            if !reports.isEmpty {
                let rows = reports.map { r -> [String] in
                    let a = r.value
                    return [String(a.year), a.revenue?.description ?? "", a.mainRevenue?.description ?? "", a.rdExpense?.description ?? "",
                            a.employees.map(String.init) ?? "", a.rdStaff.map(String.init) ?? "", a.inventionPatents.map(String.init) ?? "",
                            src(r.filing, r.line)]
                }
                let table = TableFormat.table(headers: ["year", "revenue", "main-revenue", "rd-expense", "employees", "rd-staff", "patents", "filing"],
                                              rightAligned: [false, true, true, true, true, true, true, false], rows: rows,
                                              maxWidth: Terminal.outputWidth().map { $0 - 2 })
                print(table.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
            let transfers = try store.transfers(recipient: firm.uscc)
            print("\nTransfers received (\(transfers.count))")
            for t in transfers {
                let v = t.value
                print("  \(v.signed)  \(v.title) from \(v.source) (\(v.mode.rawValue), \(v.channel.rawValue))\(v.value.map { "  ¥\($0)" } ?? "")  \(src(t.filing, t.line))")
            }
        }

        private func showPark(_ p: Fact<Park>, _ store: any Registry) throws {
            let park = p.value
            print("\(park.name)\(park.shortName.map { " (\($0))" } ?? "")  \(src(p.filing, p.line))")
            print("  id       \(park.id)")
            print("  region   \(regionText(park.region))")
            print("  level    \(park.level.rawValue)   kind \(park.kind.rawValue)")
            let firms = try store.firms(FirmQuery(park: park.id))
            print("  firms    \(firms.count)")
            let incubators = try store.incubators().filter { $0.value.park == park.id }
            print("\nIncubators and maker spaces (\(incubators.count))")
            let rows = incubators.map { i in
                [i.value.id, i.value.name, i.value.kind.rawValue, i.value.level.rawValue, i.value.areaM2.map { String(Int($0)) } ?? "", src(i.filing, i.line)]
            }
            if !rows.isEmpty {
                print(TableFormat.table(headers: ["id", "name", "kind", "level", "area m²", "filing"], rightAligned: [false, false, false, false, true, false], rows: rows,
                                    maxWidth: Terminal.outputWidth().map { $0 - 2 })
                    .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
        }

        private func showIncubator(_ i: Fact<Incubator>, _ store: any Registry) throws {
            let inc = i.value
            print("\(inc.name)  \(src(i.filing, i.line))")
            print("  id        \(inc.id)")
            print("  kind      \(inc.kind.rawValue)   level \(inc.level.rawValue)\(inc.recognized.map { "   recognised \($0)" } ?? "")")
            print("  region    \(regionText(inc.region))")
            if let p = inc.park { print("  park      \(p)") }
            if let o = inc.operator { print("  operator  \(o)") }
            if let a = inc.areaM2 { print("  area      \(Int(a)) m²") }
            if let f = inc.focus { print("  focus     \(f)") }
            let asOf = try AsOf.resolve(nil, registry: store).date
            let stays = try store.incubations(uscc: nil).filter { $0.value.incubator == inc.id }
            let inside = stays.filter { s in
                s.value.entered <= asOf && !(s.value.graduated.map { $0 <= asOf } ?? false) && !(s.value.exited.map { $0 <= asOf } ?? false)
            }
            let graduated = stays.filter { $0.value.graduated.map { $0 <= asOf } ?? false }
            print("\n  firms in incubation on \(asOf): \(inside.count); graduated: \(graduated.count); ever entered: \(stays.count)")
        }
    }
}
