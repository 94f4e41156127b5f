import FileCounter
import Testing

@Suite struct CountEnvironmentTests {
    @Test func defaultsWhenUnsetOrEmpty() throws {
        #expect(try CountEnvironment([:]) == CountEnvironment([COUNT_CONCURRENCY: "", COUNT_RECURSIVE: ""]))
        let defaults = try CountEnvironment([:])
        #expect(defaults.concurrency == CountOptions.defaultConcurrency)
        #expect(defaults.recursive)
    }

    @Test func readsBothVariables() throws {
        let environment = try CountEnvironment([COUNT_CONCURRENCY: "7", COUNT_RECURSIVE: "False"])
        #expect(environment.concurrency == 7)
        #expect(!environment.recursive)
        #expect(try CountEnvironment([COUNT_RECURSIVE: "1"]).recursive)
    }

    @Test(arguments: ["0", "-3", "lots", "2000", " 8"])
    func badConcurrencyNamesTheVariable(raw: String) {
        let error = #expect(throws: CountError.self) { try CountEnvironment([COUNT_CONCURRENCY: raw]) }
        #expect(error?.path == COUNT_CONCURRENCY)
        #expect(error?.description.contains("'\(raw)'") == true)
    }

    @Test func badRecursiveNamesTheVariable() {
        let error = #expect(throws: CountError.self) { try CountEnvironment([COUNT_RECURSIVE: "sometimes"]) }
        #expect(error?.description == "invalid COUNT_RECURSIVE: 'sometimes' is not true or false")
    }

    private var COUNT_CONCURRENCY: String { CountEnvironment.concurrencyVariable }
    private var COUNT_RECURSIVE: String { CountEnvironment.recursiveVariable }
}
