extension RegistryReader {
    /// Built on the wide read: it holds every incubation at once (a store streams). Code order, and
    /// within a code the wide read's order, kept (a stable sort).
    public func eachIncubation(_ body: (Fact<Incubation>) throws -> Void) throws {
        let all = try incubations(uscc: nil)
        let ordered = all.enumerated().sorted { ($0.element.value.uscc, $0.offset) < ($1.element.value.uscc, $1.offset) }
        for (_, fact) in ordered { try body(fact) }
    }
}
