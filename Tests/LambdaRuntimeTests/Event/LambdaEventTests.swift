import LambdaRuntime
import Testing

@Suite struct LambdaEventTests {
    static func event(_ json: String) throws -> LambdaEvent { try LambdaEvent(json: Array(json.utf8)) }

    @Test(arguments: ["{}", "", "  \n", "{ }"])
    func anEmptyEventIsAPlainReconcile(json: String) throws {
        #expect(try Self.event(json) == LambdaEvent(action: .reconcile, dryRun: nil, trigger: .direct))
    }

    @Test func anEventBridgeScheduledEventIsAScheduledReconcile() throws {
        let json = """
        {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events",
         "account":"123456789012","time":"2026-11-22T03:00:00Z","region":"ap-northeast-1",
         "resources":["arn:aws:events:ap-northeast-1:123456789012:rule/efs-autoscaler"],"detail":{}}
        """
        #expect(try Self.event(json) == LambdaEvent(trigger: .schedule(source: "aws.events")))
        #expect(try Self.event(#"{"source":"aws.scheduler","detail-type":"Scheduled Event","detail":{}}"#).trigger == .schedule(source: "aws.scheduler"))
    }

    @Test func dryRunAndActionAreRead() throws {
        #expect(try Self.event(#"{"dry_run": true}"#) == LambdaEvent(dryRun: true))
        #expect(try Self.event(#"{"dry_run": false}"#) == LambdaEvent(dryRun: false))
        for action in LambdaEvent.Action.allCases {
            #expect(try Self.event(#"{"action": "\#(action.rawValue)"}"#).action == action)
        }
        #expect(try Self.event(#"{"source":"aws.events","dry_run":true,"action":"plan"}"#)
                == LambdaEvent(action: .plan, dryRun: true, trigger: .schedule(source: "aws.events")))
    }

    @Test(arguments: [
        (#"{"dry_run": 1}"#, "dry_run", "must be true or false, got a number"),
        (#"{"dry_run": null}"#, "dry_run", "must be true or false, got null"),
        (#"{"action": 3}"#, "action", "must be one of reconcile, plan, doctor, got a number"),
        (#"{"action": "Reconcile"}"#, "action", "got \"Reconcile\""),
        (#"{"source": "aws.s3", "detail": {}}"#, "source", "is \"aws.s3\", not a supported event source"),
        (#"{"source": 5}"#, "source", "is a number, not a supported event source"),
        (#"{"threshold": 10}"#, "threshold", "is not a known field (allowed: action, dry_run)"),
        (#"{"source":"aws.events","dry_run":"true"}"#, "dry_run", "must be true or false"),
    ])
    func aWrongFieldIsNamed(json: String, field: String, problem: String) throws {
        let error = try #require(throws: LambdaEventError.self) { try Self.event(json) }
        #expect(error.field == field)
        #expect(error.problem.contains(problem), "\(error.problem)")
        #expect(error.lambdaErrorType == "InvalidEvent")
    }

    @Test(arguments: ["{", "nul", "\"text\"", "42", "[{}]", "null"])
    func aDocumentThatIsNotAnObjectIsRejected(json: String) throws {
        let error = try #require(throws: LambdaEventError.self) { try Self.event(json) }
        #expect(error.field == nil)
        #expect(error.description.hasPrefix("invalid event: the event "))
    }
}
