// ScalingTestSupport: in-memory fakes of the reconciler's protocols, for tests only.
//
// A target of its own (as swift-log's `InMemoryLogging` and soto's `SotoTestUtils` are), so that
// no fake reaches the shipped binary: `scripts/checks/no-test-support-symbols.sh` fails when a
// release build contains one of these types. The fakes hold state like the real services (one
// mount target per AZ, SSM versions, ECS deployments), log every mutating call, and inject faults
// on request (`FaultInjector`), including the dangerous "performed, then the response was lost" case.
