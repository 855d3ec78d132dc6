extension RegistryReader {
    /// Built on the wide read: it holds every designation asked for at once (a store streams).
    public func eachDesignation(program: Program?, levels: Set<Level>, unexpiredOn: Day?, _ body: (DesignationFact) throws -> Void) throws {
        for fact in try designations(program: program, levels: levels, unexpiredOn: unexpiredOn) { try body(fact) }
    }
}
