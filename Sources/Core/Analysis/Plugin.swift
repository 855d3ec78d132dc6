/// An analysis that regctl can run: it reads the registry and returns a report, and never prints.
///
/// Built-in plugins live in `Sources/Plugins/<Name>/`, depend on Core alone, and are listed in
/// regctl's plugin registry. See docs/plugins.md.
public protocol AnalyticsPlugin: Sendable {
    /// What the plugin is and takes: its id, summary, parameters, charts and worked examples. Static,
    /// so that help, completion and argument checking need no instance.
    static var descriptor: PluginDescriptor { get }

    /// Runs the analysis on the registry as of `request.asOf`: reads the parameters into the plugin's
    /// typed query (`RankQuery`, …) and calls its typed entry point, which other callers use directly.
    func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report

    /// The plugin's own words, English and Chinese (its module's `Messages/en.json` and `zh.json`,
    /// embedded in the binary): what its reports' messages and its descriptor's keys name. A plugin
    /// without any has none, and reads in the English it writes.
    static var messages: Catalogue { get }
}

extension AnalyticsPlugin {
    /// The type's descriptor, for callers that hold a plugin as `any AnalyticsPlugin`.
    public var descriptor: PluginDescriptor { Self.descriptor }

    public static var messages: Catalogue { Catalogue() }

    /// The type's words, for callers that hold a plugin as `any AnalyticsPlugin`.
    public var messages: Catalogue { Self.messages }
}

/// A plugin's self-description; regctl builds its help and argument checking from it.
public struct PluginDescriptor: Sendable, Codable, Hashable {
    /// Stable kebab-case id; also the subcommand name (`rank`).
    public var id: String
    /// One line for `regctl plugins` and help.
    public var summary: String
    /// Longer help text.
    public var discussion: String
    public var parameters: [ParameterSpec]
    public var examples: [PluginExample]
    /// The kinds of chart its reports carry (some views at least): `--format svg` and `regctl report`
    /// draw them. Empty when the plugin only makes tables.
    public var charts: [Report.Chart.Kind]

    public init(id: String, summary: String, discussion: String = "", parameters: [ParameterSpec], examples: [PluginExample],
                charts: [Report.Chart.Kind] = []) {
        self.id = id
        self.summary = summary
        self.discussion = discussion
        self.parameters = parameters
        self.examples = examples
        self.charts = charts
    }

    private enum CodingKeys: String, CodingKey {
        case id, summary, discussion, parameters, examples, charts
    }

    /// Decodes a descriptor; an external plugin written before `charts` existed may leave it out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        summary = try c.decode(String.self, forKey: .summary)
        discussion = try c.decodeIfPresent(String.self, forKey: .discussion) ?? ""
        parameters = try c.decode([ParameterSpec].self, forKey: .parameters)
        examples = try c.decode([PluginExample].self, forKey: .examples)
        charts = try c.decodeIfPresent([Report.Chart.Kind].self, forKey: .charts) ?? []
    }
}

/// One typed parameter of a plugin.
public struct ParameterSpec: Sendable, Codable, Hashable {
    /// The value type a parameter takes.
    public enum Kind: Sendable, Codable, Hashable {
        case text
        case integer
        case date
        case flag
        case choice([String])
    }

    /// kebab-case name, the `--name` option.
    public var name: String
    public var kind: Kind
    /// Default as text, nil when the parameter is optional with no default.
    public var defaultValue: String?
    public var help: String
    /// Given without `--name`, as the first argument (`regctl profile zz-htz`).
    public var positional: Bool

    public init(name: String, kind: Kind, defaultValue: String? = nil, help: String, positional: Bool = false) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
        self.positional = positional
    }
}

/// A worked example: the arguments and what it shows.
public struct PluginExample: Sendable, Codable, Hashable {
    public var arguments: [String]
    public var explanation: String

    public init(_ arguments: [String], _ explanation: String) {
        self.arguments = arguments
        self.explanation = explanation
    }
}

/// What a plugin is asked: the as-of date and parameter values as text.
public struct PluginRequest: Sendable, Codable, Hashable {
    /// The date the answer holds on.
    public var asOf: Day
    /// Where the as-of date came from, for the report header ("newest filing", "--as-of").
    public var asOfSource: String
    /// Parameter values as given (flags as "true"); absent ones take their defaults.
    public var parameters: [String: String]

    public init(asOf: Day, asOfSource: String = "--as-of", parameters: [String: String] = [:]) {
        self.asOf = asOf
        self.asOfSource = asOfSource
        self.parameters = parameters
    }
}

/// Errors of the analysis layer.
///
/// What a value should have been (`expected`) and what went wrong (`message`) are `Wording`s: English
/// text, and, when a plugin words them from its catalogue, the message a reader's language words again.
/// A string literal is a wording without a message, so `expected: "a whole number"` reads as before.
public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    case badParameter(plugin: String, name: String, value: String, expected: Wording)
    case unknownParameter(plugin: String, name: String, known: [String])
    case failed(plugin: String, message: Wording)
    /// What the request names (a unit, a park) is not in the answer or the registry: a usage error.
    case notFound(plugin: String, message: Wording)

    public var description: String {
        switch self {
        case let .badParameter(plugin, name, value, expected):
            "\(plugin): --\(name) '\(value)' is not valid; expected \(expected)\(expected.text.hasSuffix("?") ? "" : ".")"
        case let .unknownParameter(plugin, name, known):
            "\(plugin): unknown parameter --\(name)\(Suggestions.didYouMean(name, among: known).replacingOccurrences(of: "mean ", with: "mean --")); it takes \(known.map { "--\($0)" }.joined(separator: ", "))."
        case let .failed(plugin, message), let .notFound(plugin, message):
            "\(plugin): \(message)"
        }
    }
}

/// Typed access to a request's parameters, checked against the descriptor.
public struct Parameters: Sendable {
    public let descriptor: PluginDescriptor
    private let values: [String: String]

    /// Checks every given value against its spec and fills in defaults.
    public init(_ request: PluginRequest, descriptor: PluginDescriptor) throws {
        self.descriptor = descriptor
        var v: [String: String] = [:]
        for spec in descriptor.parameters {
            if let d = spec.defaultValue { v[spec.name] = d }
        }
        for (name, value) in request.parameters {
            guard let spec = descriptor.parameters.first(where: { $0.name == name }) else {
                throw AnalysisError.unknownParameter(plugin: descriptor.id, name: name, known: descriptor.parameters.map(\.name))
            }
            switch spec.kind {
            case .text: break
            case .integer:
                guard Int(value) != nil else { throw AnalysisError.badParameter(plugin: descriptor.id, name: name, value: value, expected: .core(.expectWholeNumber)) }
            case .date:
                guard Day(value) != nil else { throw AnalysisError.badParameter(plugin: descriptor.id, name: name, value: value, expected: .core(.expectDate)) }
            case .flag:
                guard value == "true" || value == "false" else { throw AnalysisError.badParameter(plugin: descriptor.id, name: name, value: value, expected: .core(.expectFlag)) }
            case .choice(let options):
                guard options.contains(value) else {
                    let near = Suggestions.nearest(value, among: options)
                    throw AnalysisError.badParameter(plugin: descriptor.id, name: name, value: value,
                                                     expected: near.isEmpty ? .core(.expectOneOf, ["values": .message(.list(options))])
                                                         : .core(.expectOneOfSuggestion, ["values": .message(.list(options)), "options": .message(.orList(near))]))
                }
            }
            v[name] = value
        }
        values = v
    }

    /// The value as given, or its default; nil when neither.
    public func text(_ name: String) -> String? { values[name] }
    /// A text value that has a default (so is never absent).
    public func requiredText(_ name: String) throws -> String {
        guard let v = values[name] else { throw missing(name, .expectValue) }
        return v
    }
    /// The value with surrounding spaces removed; nil when absent or blank (`--within " "`).
    public func trimmedText(_ name: String) -> String? {
        values[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }
    /// A whole number, checked when the parameters were read; nil when absent with no default.
    public func integer(_ name: String) -> Int? { values[name].flatMap { Int($0) } }
    /// A whole number that has a default (so is never absent).
    public func requiredInteger(_ name: String) throws -> Int {
        guard let v = integer(name) else { throw missing(name, .expectWholeNumber) }
        return v
    }
    public func date(_ name: String) -> Day? { values[name].flatMap(Day.init) }
    public func flag(_ name: String) -> Bool { values[name] == "true" }

    /// A choice read as its Swift type (`p.choice(Program.self, "program")`); throws when it is absent
    /// with no default, or when the descriptor offers a value the type does not have.
    public func choice<T: RawRepresentable>(_ type: T.Type, _ name: String) throws -> T where T.RawValue == String {
        guard let v = try optionalChoice(type, name) else { throw missing(name, .expectValue) }
        return v
    }

    /// A choice read as its Swift type; nil when absent with no default.
    public func optionalChoice<T: RawRepresentable>(_ type: T.Type, _ name: String) throws -> T? where T.RawValue == String {
        guard let raw = values[name] else { return nil }
        guard let v = T(rawValue: raw) else {
            throw AnalysisError.badParameter(plugin: descriptor.id, name: name, value: raw, expected: .core(.expectListedValue))
        }
        return v
    }

    private func missing(_ name: String, _ expected: CoreKey) -> AnalysisError {
        .badParameter(plugin: descriptor.id, name: name, value: "", expected: .core(expected))
    }
}

extension Wording {
    /// A phrase of Core's catalogue, its English as the text.
    package static func core(_ key: CoreKey, _ arguments: [String: Message.Argument] = [:]) -> Wording {
        Wording(Message.core(key, arguments), catalogue: CoreWords.catalogue)
    }

    /// A message of Core's catalogue, its English as the text.
    package init(core message: Message) {
        self.init(message, catalogue: CoreWords.catalogue)
    }
}
