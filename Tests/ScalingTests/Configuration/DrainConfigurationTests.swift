import Testing
@testable import Scaling

/// `DRAIN_MIN_SECONDS` and `PROTECTED_AZS` (issue 16): validated like the other durations and lists.
@Suite struct DrainConfigurationTests {
    @Test func defaults() throws {
        let config = try Configuration.parse(validEnvironment)
        #expect(config.drainMinSeconds == 300)
        #expect(config.protectedAZs == [])
        #expect(config.policy.drainMinSeconds == 300 && config.policy.protectedAZs.isEmpty)
    }

    @Test func drainMinTakesZeroToSevenDaysAndNotAboveTheTimeout() throws {
        #expect(try Configuration.parse(environment(["DRAIN_MIN_SECONDS": "0"])).drainMinSeconds == 0)
        #expect(try Configuration.parse(environment(["DRAIN_MIN_SECONDS": "900"])).drainMinSeconds == 900)
        for bad in ["-1", "604801", "5m", "1.5"] {
            let found = problems(environment(["DRAIN_MIN_SECONDS": bad]))
            #expect(found.map(\.variable) == ["DRAIN_MIN_SECONDS"], "\(bad)")
            #expect(found.first?.allowed == "an integer from 0 to 604800", "\(bad)")
        }
        let above = problems(environment(["DRAIN_MIN_SECONDS": "1200", "DRAIN_TIMEOUT_SECONDS": "600"]))
        #expect(above.map(\.variable) == ["DRAIN_MIN_SECONDS"])
        #expect(above.first?.description.contains("DRAIN_TIMEOUT_SECONDS (600)") == true)
        // Against the default timeout (900) too.
        #expect(problems(environment(["DRAIN_MIN_SECONDS": "901"])).map(\.variable) == ["DRAIN_MIN_SECONDS"])
        // A bad timeout is reported once, not again through the cross-field rule.
        #expect(problems(environment(["DRAIN_MIN_SECONDS": "10", "DRAIN_TIMEOUT_SECONDS": "x"])).map(\.variable) == ["DRAIN_TIMEOUT_SECONDS"])
    }

    @Test func protectedAZsAreAZNamesSortedWithoutDuplicates() throws {
        let config = try Configuration.parse(environment(["PROTECTED_AZS": " us-east-1b, ap-northeast-1a ,us-east-1b,us-west-2-lax-1a"]))
        #expect(config.protectedAZs == ["ap-northeast-1a", "us-east-1b", "us-west-2-lax-1a"])
        #expect(try Configuration.parse(environment(["PROTECTED_AZS": ""])).protectedAZs == [])
        for bad in ["us-east-1", "use1-az1", "us-east-1a,,us-east-1b", "US-EAST-1A", "us-east-1a b", "-east-1a", "us--1a"] {
            let found = problems(environment(["PROTECTED_AZS": bad]))
            #expect(found.map(\.variable) == ["PROTECTED_AZS"], "\(bad)")
            #expect(found.first?.value == bad.trimmingWhitespace(), "\(bad)")
        }
    }

    @Test func availabilityZoneNames() {
        for good in ["ap-northeast-1a", "us-gov-west-1b", "cn-north-1a", "us-west-2-lax-1a", "us-east-1-bos-1a"] {
            #expect(ResourceIdentifier.isAvailabilityZoneName(good), "\(good)")
        }
        for bad in ["us-east-1", "use1-az1", "ap-northeast", "1a", "us-east-1ab1", "us-east-a", "us-east-1-"] {
            #expect(!ResourceIdentifier.isAvailabilityZoneName(bad), "\(bad)")
        }
    }
}
