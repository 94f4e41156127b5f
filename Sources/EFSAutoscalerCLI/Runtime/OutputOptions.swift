import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--json`, shared by commands that print a result: human text on a terminal, JSON when asked
/// or when standard output is a pipe or a file (scripts never have to remember the flag).
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON (the default when standard output is not a terminal).")
    var json = false

    var usesJSON: Bool { json || isatty(STDOUT_FILENO) == 0 }

    /// One JSON document on stdout: indented on a terminal, one line otherwise.
    func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = isatty(STDOUT_FILENO) != 0
            ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
