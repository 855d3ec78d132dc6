import ArgumentParser
import Core

extension RegCtl {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.help(.showAbstract, width: HelpText.optionHelpWidth),
            discussion: Words.help(.showDiscussion))

        @OptionGroup var registry: RegistryOptions
        @Argument(help: ArgumentHelp(Words.option(.showHelpWhat)), completion: .custom { words, _, _ in Completions.parkIDs(registry: Completions.registryOption(in: words)) })
        var what: String

        func run() throws {
            let store = try registry.open()
            let w = Words.current
            let q = what.trimmingCharacters(in: .whitespaces)
            let asOf = try AsOf.resolve(nil, registry: store).date
            switch try Dossier.lookup(q, in: store, asOf: asOf) {
            case .found(.firm(let firm)): printFirm(firm)
            case .found(.park(let park)): printPark(park)
            case .found(.incubator(let incubator)): printIncubator(incubator)
            case .nothing(let nearest):
                let hint = nearest.isEmpty ? w(.sentenceEnd) : w(.didYouMean, ["options": .text(w.orList(nearest))])
                printError("\(errorLabel())\(w(.showNothing, ["query": .text(q), "suggestion": .text(hint)]))")
                throw ExitCode.failure
            case .firms(let firms, let more):
                print(w(.showManyFirms, ["count": .text(more ? w(.showMoreThan, ["count": .integer(firms.count)]) : String(firms.count)), "query": .text(q)]))
                for f in firms { print("  \(f.placement.resolved ? f.firm.uscc : w(.showNoCodePadded))  \(f.firm.name)") }
            }
        }

        private func src(_ filing: String, _ line: Int) -> String { "[\(filing):\(line)]" }

        private func indented(_ table: String) -> String {
            table.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        }

        private func printFirm(_ d: FirmDossier) {
            let f = d.firm, firm = f.firm
            let w = Words.current
            print("\(firm.name)")
            if f.placement.resolved {
                print(w(.showUscc, ["uscc": .text(firm.uscc), "check": .text(firm.usccValid ? "" : w(.showUsccFails)), "source": .text(src(f.filing, f.line))]))
                print(w(.showRegion, ["region": .text(RegionTable.describe(firm.region))]))
            } else {
                print(w(.showUsccNone))
                print(w(.showRegion, ["region": .text("\(f.placement.region) \(RegionTable.name(ofUnit: f.placement.region) ?? "")")]))
            }
            if !firm.formerNames.isEmpty { print(w(.showFormerly, ["names": .text(firm.formerNames.joined(separator: "; "))])) }
            if let park = firm.park { print(w(.showPark, ["park": .text("\(park) \(d.parkName ?? "")")])) }
            if let i = firm.industry { print(w(.showIndustry, ["industry": .text(i)])) }
            if let founded = firm.founded { print(w(.showFounded, ["date": .text(founded.description)])) }
            print(w(.showStatus, ["status": .text(firm.status.rawValue)]))

            print("\n" + w(.showDesignations, ["count": .integer(d.designations.count)]))
            for fact in d.designations {
                let x = fact.designation
                let validity = "\(x.validFrom?.description ?? w(.showFromYear, ["year": .text(String(x.year))]))–\(x.validTo?.description ?? "")"
                let state = switch DesignationState(fact, on: d.asOf) {
                case .active: w(.showActiveOn, ["date": .date(d.asOf)])
                case .revoked(let on): w(.showRevoked, ["date": .text(on?.description ?? "")])
                case .inactive: w(.showInactiveOn, ["date": .date(d.asOf)])
                }
                // A list that printed the code needs no word on how it found the firm.
                let linked = switch fact.link {
                case .code?, nil: ""
                case .equalName?: w(.showLinkedByName)
                case .formerName?: w(.showLinkedByFormerName)
                case .decision(let filing)?: w(.showLinkedByDecision, ["filing": .text(filing)])
                case .provisional?: w(.showNotLinked)
                }
                // The programme and level in the reader's language: Chinese names, or the values an English reader types.
                let program = w.language == .zh ? x.program.chinese : x.program.rawValue, level = w.language == .zh ? x.level.chinese : x.level.rawValue
                print("  \(x.year)  \(program) \(level)\(x.batch.map { w(.showBatch, ["batch": .text("\($0)")]) } ?? "")  \(validity)  \(state)  \(src(fact.filing, fact.line))\(linked)")
            }
            guard f.placement.resolved else { return }
            print("\n" + w(.showIncubations, ["count": .integer(d.incubations.count)]))
            for i in d.incubations {
                let v = i.value
                print("  \(v.incubator)  \(w(.showEntered, ["date": .text(v.entered.description), "intake": .text(v.intake.rawValue)]))\(v.graduated.map { w(.showGraduated, ["date": .text($0.description)]) } ?? "")\(v.exited.map { w(.showExited, ["date": .text($0.description)]) } ?? "")  \(src(i.filing, i.line))")
            }
            print("\n" + w(.showAnnualReports, ["count": .integer(d.annualReports.count)]))
            if !d.annualReports.isEmpty {
                let rows = d.annualReports.map { r -> [String] in
                    let a = r.value
                    return [String(a.year), a.revenue?.description ?? "", a.mainRevenue?.description ?? "", a.rdExpense?.description ?? "",
                            a.employees.map(String.init) ?? "", a.rdStaff.map(String.init) ?? "", a.inventionPatents.map(String.init) ?? "",
                            src(r.filing, r.line)]
                }
                print(indented(TableFormat.table(headers: [w(.colYear), w(.colRevenue), w(.colMainRevenue), w(.colRdExpense), w(.colEmployees), w(.colRdStaff), w(.colPatents), w(.colFiling)],
                                                 rightAligned: [false, true, true, true, true, true, true, false], rows: rows,
                                                 maxWidth: Terminal.outputWidth().map { $0 - 2 })))
            }
            print("\n" + w(.showTransfers, ["count": .integer(d.transfers.count)]))
            for t in d.transfers {
                let v = t.value
                let what = w(.showTransferFrom, ["title": .text(v.title), "source": .text(v.source), "mode": .text(v.mode.rawValue), "channel": .text(v.channel.rawValue)])
                print("  \(v.signed)  \(what)\(v.value.map { "  ¥\($0)" } ?? "")  \(src(t.filing, t.line))")
            }
        }

        private func printPark(_ d: ParkDossier) {
            let p = d.park, park = p.value
            let w = Words.current
            print("\(park.name)\(park.shortName.map { " (\($0))" } ?? "")  \(src(p.filing, p.line))")
            print(w(.showId, ["id": .text(park.id)]))
            print(w(.showParkRegion, ["region": .text(RegionTable.describe(park.region))]))
            print(w(.showParkLevel, ["level": .text(park.level.rawValue), "kind": .text(park.kind.rawValue)]))
            print(w(.showParkFirms, ["count": .count(d.firms)]))
            print("\n" + w(.showIncubators, ["count": .integer(d.incubators.count)]))
            let rows = d.incubators.map { i in
                [i.value.id, i.value.name, i.value.kind.rawValue, i.value.level.rawValue, i.value.areaM2.map { NumberStyle.grouped(String(Int($0))) } ?? "", src(i.filing, i.line)]
            }
            if !rows.isEmpty {
                print(indented(TableFormat.table(headers: [w(.colId), w(.colName), w(.colKind), w(.colLevel), w(.colArea), w(.colFiling)], rightAligned: [false, false, false, false, true, false],
                                                 rows: rows, maxWidth: Terminal.outputWidth().map { $0 - 2 })))
            }
        }

        private func printIncubator(_ d: IncubatorDossier) {
            let i = d.incubator, inc = i.value
            let w = Words.current
            print("\(inc.name)  \(src(i.filing, i.line))")
            print(w(.showIncId, ["id": .text(inc.id)]))
            print(w(.showIncKind, ["kind": .text(inc.kind.rawValue), "level": .text(inc.level.rawValue),
                                   "recognized": .text(inc.recognized.map { w(.showIncRecognised, ["date": .text($0.description)]) } ?? "")]))
            print(w(.showIncRegion, ["region": .text(RegionTable.describe(inc.region))]))
            if let p = inc.park { print(w(.showIncPark, ["park": .text(p)])) }
            if let o = inc.operator { print(w(.showIncOperator, ["operator": .text(o)])) }
            if let a = inc.areaM2 { print(w(.showIncArea, ["area": .count(Int(a))])) }
            if let f = inc.focus { print(w(.showIncFocus, ["focus": .text(f)])) }
            print("\n" + w(.showIncCounts, ["date": .date(d.asOf), "incubating": .count(d.inIncubation), "graduated": .count(d.graduated), "entered": .count(d.everEntered)]))
        }
    }
}
