/// A current transfer and its recipient's current registered firm: one step of
/// ``RegistryReader/eachTransfer(signed:recipients:_:)``.
public struct RecipientTransfer: Sendable, Hashable {
    public var transfer: Fact<Transfer>
    /// The recipient's current registered firm when asked for and known; nil otherwise.
    public var recipient: FirmFact?

    public init(transfer: Fact<Transfer>, recipient: FirmFact?) {
        self.transfer = transfer
        self.recipient = recipient
    }
}

extension RegistryReader {
    /// Built on the wide reads: it holds every transfer and the recipients' firms at once (a store streams).
    public func eachTransfer(signed: ClosedRange<Day>, recipients: Bool, _ body: (RecipientTransfer) throws -> Void) throws {
        let transfers = try transfers(recipient: nil).filter { signed.contains($0.value.signed) }
        var known: [String: FirmFact] = [:]
        if recipients {
            for f in try firms(usccs: Set(transfers.map(\.value.recipient))) where f.placement.resolved { known[f.firm.uscc] = f }
        }
        // Recipient order, and within a recipient the store's order, kept (a stable sort).
        let ordered = transfers.enumerated().sorted { ($0.element.value.recipient, $0.offset) < ($1.element.value.recipient, $1.offset) }
        for (_, t) in ordered {
            try body(RecipientTransfer(transfer: t, recipient: recipients ? known[t.value.recipient] : nil))
        }
    }
}
