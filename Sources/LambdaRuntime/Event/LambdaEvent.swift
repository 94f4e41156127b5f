#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The events the function accepts, validated before anything talks to AWS.
///
/// - `{}` (or an empty payload): a normal reconcile;
/// - an EventBridge scheduled event (`"source": "aws.events"` or `"aws.scheduler"`);
/// - `{"dry_run": true}`: decide and report, change nothing;
/// - `{"action": "reconcile" | "plan" | "doctor"}`.
///
/// A direct event with an unknown key is rejected rather than ignored: `{"dryrun": true}` must
/// not silently become a real run, and neither is a field given twice.
public struct LambdaEvent: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable {
        case reconcile, plan, doctor
    }

    public enum Trigger: Sendable, Equatable {
        /// Invoked with a payload of our own (console, CLI, tests).
        case direct
        /// An EventBridge rule or EventBridge Scheduler; `source` is `aws.events` or `aws.scheduler`.
        case schedule(source: String)
    }

    public var action: Action
    /// `nil` when the event does not say; the configuration (`DRY_RUN`) then decides.
    public var dryRun: Bool?
    public var trigger: Trigger

    public init(action: Action = .reconcile, dryRun: Bool? = nil, trigger: Trigger = .direct) {
        self.action = action
        self.dryRun = dryRun
        self.trigger = trigger
    }

    static let scheduleSources: Set<String> = ["aws.events", "aws.scheduler"]
    static let directKeys: Set<String> = ["action", "dry_run"]

    /// - Throws: `LambdaEventError` naming the field at fault.
    public init(json bytes: [UInt8]) throws {
        if bytes.allSatisfy({ [0x20, 0x09, 0x0a, 0x0d].contains($0) }) {
            self.init()
            return
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw LambdaEventError(field: nil, problem: "the event is not valid JSON")
        }
        guard case .object(let fields) = value else {
            throw LambdaEventError(field: nil, problem: "the event must be a JSON object, got \(value.kind)")
        }
        if let repeated = TopLevelKeys.firstRepeated(in: bytes) {
            throw LambdaEventError(field: repeated, problem: "appears more than once")
        }
        var trigger = Trigger.direct
        if let source = fields["source"] {
            guard case .string(let name) = source, Self.scheduleSources.contains(name) else {
                throw LambdaEventError(field: "source", problem: "is \(source.summary), not a supported event source (expected one of \(Self.scheduleSources.sorted().joined(separator: ", ")))")
            }
            trigger = .schedule(source: name)
        } else if let unknown = fields.keys.sorted().first(where: { !Self.directKeys.contains($0) }) {
            throw LambdaEventError(field: unknown, problem: "is not a known field (allowed: \(Self.directKeys.sorted().joined(separator: ", ")))")
        }
        var dryRun: Bool?
        switch fields["dry_run"] {
        case nil: break
        case .bool(let flag)?: dryRun = flag
        case let other?: throw LambdaEventError(field: "dry_run", problem: "must be true or false, got \(other.summary)")
        }
        var action = Action.reconcile
        switch fields["action"] {
        case nil: break
        case .string(let name)? where Action(rawValue: name) != nil: action = Action(rawValue: name)!
        case let other?:
            throw LambdaEventError(field: "action", problem: "must be one of \(Action.allCases.map(\.rawValue).joined(separator: ", ")), got \(other.summary)")
        }
        self.init(action: action, dryRun: dryRun, trigger: trigger)
    }
}

/// Just enough JSON to validate an event and say what a wrong value was.
private enum JSONValue: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Strings are shown (truncated) because they are the usual typo; other values by kind.
    var summary: String {
        if case .string(let text) = self { return "\"\(text.prefix(64))\"" }
        return kind
    }
}
