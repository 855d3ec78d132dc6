import ArgumentParser
import Core

extension RegCtl {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one firm, park or incubator with every fact about it and the filing behind each.",
            discussion: """
                Give a USCC, a park id or name, an incubator id or name, or part of a firm's name.

                Examples:
                  regctl show 914302007453219174
                  regctl show 株洲高新区
                  regctl show 光电
                """)

        @OptionGroup var registry: RegistryOptions
        @Argument(help: "USCC, park, incubator or firm name.", completion: .custom { words, _, _ in Completions.parkIDs(registry: Completions.registryOption(in: words)) })
        var what: String

        func run() throws {
            let store = try registry.open()
            let q = what.trimmingCharacters(in: .whitespaces)
            let asOf = try AsOf.resolve(nil, registry: store).date
            switch try Dossier.lookup(q, in: store, asOf: asOf) {
            case .found(.firm(let firm)): printFirm(firm)
            case .found(.park(let park)): printPark(park)
            case .found(.incubator(let incubator)): printIncubator(incubator)
            case .nothing(let nearest):
                let hint = nearest.isEmpty ? "." : "; did you mean \(Suggestions.orList(nearest))?"
                printError("\(errorLabel())nothing matches '\(q)': no firm with that USCC or name, no park or incubator with that id or name\(hint) Try `regctl firms --name …`.")
                throw ExitCode.failure
            case .firms(let firms, let more):
                print("\(more ? "more than \(firms.count)" : String(firms.count)) firms match '\(q)'; give a USCC or a longer name:")
                for f in firms { print("  \(f.placement.resolved ? f.firm.uscc : "(no code)          ")  \(f.firm.name)") }
            }
        }

        private func src(_ filing: String, _ line: Int) -> String { "[\(filing):\(line)]" }

        private func indented(_ table: String) -> String {
            table.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        }

        private func printFirm(_ d: FirmDossier) {
            let f = d.firm, firm = f.firm
            print("\(firm.name)")
            if f.placement.resolved {
                print("  uscc       \(firm.uscc)\(firm.usccValid ? "" : "  (fails the check; admitted with --accept-bad-uscc)")  \(src(f.filing, f.line))")
                print("  region     \(RegionTable.describe(firm.region))")
            } else {
                print("  uscc       (none: known only by name from a list that prints no code)")
                print("  region     \(f.placement.region) \(RegionTable.name(ofUnit: f.placement.region) ?? "")")
            }
            if !firm.formerNames.isEmpty { print("  formerly   \(firm.formerNames.joined(separator: "; "))") }
            if let park = firm.park { print("  park       \(park) \(d.parkName ?? "")") }
            if let i = firm.industry { print("  industry   \(i)") }
            if let founded = firm.founded { print("  founded    \(founded)") }
            print("  status     \(firm.status.rawValue)")

            print("\nDesignations (\(d.designations.count))")
            for fact in d.designations {
                let x = fact.designation
                let validity = "\(x.validFrom?.description ?? "from \(x.year)")–\(x.validTo?.description ?? "")"
                let state = switch DesignationState(fact, on: d.asOf) {
                case .active: "active on \(d.asOf)"
                case .revoked(let on): "revoked \(on?.description ?? "")"
                case .inactive: "not active on \(d.asOf)"
                }
                // A list that printed the code needs no word on how it found the firm.
                let linked = fact.link.flatMap { $0 == .code ? nil : "  linked by \($0)" } ?? ""
                print("  \(x.year)  \(x.program.chinese) \(x.level.chinese)\(x.batch.map { " batch \($0)" } ?? "")  \(validity)  \(state)  \(src(fact.filing, fact.line))\(linked)")
            }
            guard f.placement.resolved else { return }
            print("\nIncubations (\(d.incubations.count))")
            for i in d.incubations {
                let v = i.value
                print("  \(v.incubator)  entered \(v.entered) (\(v.intake.rawValue))\(v.graduated.map { "  graduated \($0)" } ?? "")\(v.exited.map { "  exited \($0)" } ?? "")  \(src(i.filing, i.line))")
            }
            print("\nAnnual reports (\(d.annualReports.count))")
            if !d.annualReports.isEmpty {
                let rows = d.annualReports.map { r -> [String] in
                    let a = r.value
                    return [String(a.year), a.revenue?.description ?? "", a.mainRevenue?.description ?? "", a.rdExpense?.description ?? "",
                            a.employees.map(String.init) ?? "", a.rdStaff.map(String.init) ?? "", a.inventionPatents.map(String.init) ?? "",
                            src(r.filing, r.line)]
                }
                print(indented(TableFormat.table(headers: ["year", "revenue", "main-revenue", "rd-expense", "employees", "rd-staff", "patents", "filing"],
                                                 rightAligned: [false, true, true, true, true, true, true, false], rows: rows,
                                                 maxWidth: Terminal.outputWidth().map { $0 - 2 })))
            }
            print("\nTransfers received (\(d.transfers.count))")
            for t in d.transfers {
                let v = t.value
                print("  \(v.signed)  \(v.title) from \(v.source) (\(v.mode.rawValue), \(v.channel.rawValue))\(v.value.map { "  ¥\($0)" } ?? "")  \(src(t.filing, t.line))")
            }
        }

        private func printPark(_ d: ParkDossier) {
            let p = d.park, park = p.value
            print("\(park.name)\(park.shortName.map { " (\($0))" } ?? "")  \(src(p.filing, p.line))")
            print("  id       \(park.id)")
            print("  region   \(RegionTable.describe(park.region))")
            print("  level    \(park.level.rawValue)   kind \(park.kind.rawValue)")
            print("  firms    \(d.firms)")
            print("\nIncubators and maker spaces (\(d.incubators.count))")
            let rows = d.incubators.map { i in
                [i.value.id, i.value.name, i.value.kind.rawValue, i.value.level.rawValue, i.value.areaM2.map { String(Int($0)) } ?? "", src(i.filing, i.line)]
            }
            if !rows.isEmpty {
                print(indented(TableFormat.table(headers: ["id", "name", "kind", "level", "area m²", "filing"], rightAligned: [false, false, false, false, true, false],
                                                 rows: rows, maxWidth: Terminal.outputWidth().map { $0 - 2 })))
            }
        }

        private func printIncubator(_ d: IncubatorDossier) {
            let i = d.incubator, inc = i.value
            print("\(inc.name)  \(src(i.filing, i.line))")
            print("  id        \(inc.id)")
            print("  kind      \(inc.kind.rawValue)   level \(inc.level.rawValue)\(inc.recognized.map { "   recognised \($0)" } ?? "")")
            print("  region    \(RegionTable.describe(inc.region))")
            if let p = inc.park { print("  park      \(p)") }
            if let o = inc.operator { print("  operator  \(o)") }
            if let a = inc.areaM2 { print("  area      \(Int(a)) m²") }
            if let f = inc.focus { print("  focus     \(f)") }
            print("\n  firms in incubation on \(d.asOf): \(d.inIncubation); graduated: \(d.graduated); ever entered: \(d.everEntered)")
        }
    }
}
