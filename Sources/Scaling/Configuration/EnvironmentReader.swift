/// Reads typed values out of the environment and collects every problem instead of stopping at
/// the first. An unset or blank optional variable means "use the default" (Terraform and ECS
/// task definitions commonly pass empty strings for unset options); a blank required one is missing.
struct EnvironmentReader {
    let environment: [String: String]
    private(set) var problems: [ConfigurationError.Problem] = []

    init(_ environment: [String: String]) {
        self.environment = environment
    }

    mutating func report(_ variable: String, _ value: String?, allowed: String) {
        problems.append(.init(variable: variable, value: value, allowed: allowed))
    }

    /// The trimmed value, `nil` when unset or blank.
    func raw(_ variable: String) -> String? {
        guard let value = environment[variable]?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    mutating func required(_ variable: String, allowed: String, valid: (String) -> Bool = { _ in true }) -> String? {
        guard let value = raw(variable) else {
            report(variable, nil, allowed: allowed)
            return nil
        }
        guard valid(value) else {
            report(variable, value, allowed: allowed)
            return nil
        }
        return value
    }

    mutating func optional(_ variable: String, allowed: String, valid: (String) -> Bool) -> String? {
        guard let value = raw(variable) else { return nil }
        guard valid(value) else {
            report(variable, value, allowed: allowed)
            return nil
        }
        return value
    }

    /// A decimal integer within `range`; `nil` when unset or invalid (then a problem is recorded).
    mutating func integer(_ variable: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = raw(variable) else { return nil }
        let allowed = range.upperBound == Int.max
            ? "an integer of at least \(range.lowerBound)"
            : "an integer from \(range.lowerBound) to \(range.upperBound)"
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) || (text.first == "-" && text.count > 1),
              let value = Int(text), range.contains(value) else {
            report(variable, text, allowed: allowed)
            return nil
        }
        return value
    }

    mutating func boolean(_ variable: String) -> Bool? {
        guard let text = raw(variable) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default:
            report(variable, text, allowed: "true or false (also 1/0, yes/no)")
            return nil
        }
    }

    /// A comma-separated list; blanks around items are ignored, empty items and invalid ids are
    /// reported, duplicates are dropped (keeping the first occurrence).
    mutating func list(_ variable: String, itemAllowed: String, valid: (String) -> Bool) -> [String]? {
        guard let text = raw(variable) else { return nil }
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        let allowed = "a comma-separated list of \(itemAllowed)"
        if items.contains(where: \.isEmpty) {
            report(variable, text, allowed: allowed + " (an item is empty)")
            return nil
        }
        let invalid = items.filter { !valid($0) }
        if !invalid.isEmpty {
            report(variable, text, allowed: allowed + " (invalid: \(invalid.joined(separator: ", ")))")
            return nil
        }
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
