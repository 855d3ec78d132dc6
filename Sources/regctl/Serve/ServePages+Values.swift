import Core

/// The registry's enumeration values as a page shows them: in English the value itself (what the
/// filing format and the CLI's options take), in Chinese the official term (孵化器, 众创空间, 技术转让 …).
extension ServePages {
    func value(_ v: ParkKind) -> String {
        let key: CLIKey = switch v {
        case .highTechZone: .serveValueHighTechZone
        case .economicZone: .serveValueEconomicZone
        case .other: .serveValueOther
        }
        return words(key)
    }

    func value(_ v: IncubatorKind) -> String {
        let key: CLIKey = switch v {
        case .incubator: .serveValueIncubator
        case .makerSpace: .serveValueMakerSpace
        case .accelerator: .serveValueAccelerator
        }
        return words(key)
    }

    func value(_ v: FirmStatus) -> String {
        let key: CLIKey = switch v {
        case .active: .serveValueActive
        case .deregistered: .serveValueDeregistered
        }
        return words(key)
    }

    func value(_ v: Intake) -> String {
        let key: CLIKey = switch v {
        case .local: .serveValueLocal
        case .introduced: .serveValueIntroduced
        case .spinoff: .serveValueSpinoff
        }
        return words(key)
    }

    func value(_ v: TransferMode) -> String {
        let key: CLIKey = switch v {
        case .self: .serveValueSelf
        case .transfer: .serveValueTransfer
        case .license: .serveValueLicense
        case .cooperation: .serveValueCooperation
        case .equity: .serveValueEquity
        case .other: .serveValueOther
        }
        return words(key)
    }

    func value(_ v: Channel) -> String {
        let key: CLIKey = switch v {
        case .local: .serveValueChannelLocal
        case .enclave: .serveValueEnclave
        case .other: .serveValueOther
        }
        return words(key)
    }

    /// A park's level in the words of a designation's (国家级, 省级).
    func value(_ v: ParkLevel) -> String {
        Level(rawValue: v.rawValue).map { words.language == .zh ? $0.chinese : $0.rawValue } ?? v.rawValue
    }
}
