// Scaling/Testing: in-memory fakes (test support, not production code).
//
// In-memory implementations of the reconciler's protocols, shipped in the `Scaling` module so that
// `ScalingTests`, the ScalingAWS adapter tests and the end-to-end and fault-injection suites can
// share them. They hold state like the real services (one mount target per AZ, SSM versions, ECS
// deployments), log every mutating call, and inject faults on request (`FaultInjector`), including
// the dangerous "performed, then the response was lost" case. Never wire them into the executable.
