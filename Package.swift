// swift-tools-version:6.0
import PackageDescription

// One binary, several faces. Modules mirror DESIGN.md §7: C shims, the AWS client core,
// service clients, the counter, the scaling core and its AWS adapters, the runtimes, the CLI.
let package = Package(
    name: "efs-autoscaler",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "efs-autoscaler", targets: ["efs-autoscaler"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // 1.16: the InMemoryLogging product the tests capture logs with.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // System libraries. curl_easy_setopt/getinfo are variadic: shim.h wraps them in typed inlines.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // AWS client core.
        .target(name: "SigV4", dependencies: ["CCrypto"]),
        .target(name: "AWSCore", dependencies: [
            "SigV4", "CCurl", "CCrypto",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "AWSServices", dependencies: ["AWSCore", "SigV4"]),

        // Workload signal and scaling.
        .target(name: "FileCounter"),
        .target(name: "Scaling", dependencies: ["FileCounter", .product(name: "Logging", package: "swift-log")]),
        .target(name: "ScalingAWS", dependencies: [
            "Scaling", "AWSServices", "AWSCore", "FileCounter",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Routing", dependencies: ["CCrypto"]),

        // Runtimes and the CLI.
        .target(name: "LambdaRuntime", dependencies: [
            "AWSCore", .product(name: "Logging", package: "swift-log"),
        ]),
        // The ECS worker's loop and the signal handling it stops on (its deadline type is the Lambda runtime's).
        .target(name: "WorkerRuntime", dependencies: [
            "LambdaRuntime", .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "EFSAutoscalerCLI", dependencies: [
            "AWSCore", "AWSServices", "FileCounter", "Scaling", "ScalingAWS", "Routing", "LambdaRuntime", "WorkerRuntime",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "efs-autoscaler", dependencies: ["EFSAutoscalerCLI"]),

        // Benchmarks (run by bench/*.sh, never by the tests).
        .executableTarget(name: "sigv4-bench", dependencies: ["SigV4"], path: "bench/sigv4/Sources"),

        // Test-only helpers: the local AWS emulator, local HTTP servers, generated file trees.
        .target(name: "TestSupport", dependencies: ["AWSCore", "LambdaRuntime"], path: "Tests/TestSupport", exclude: ["python"]),

        .target(name: "ScalingTestSupport", dependencies: ["Scaling", "TestSupport"], path: "Tests/ScalingTestSupport"),

        .testTarget(name: "SigV4Tests", dependencies: ["SigV4"], exclude: ["Fixtures", "botocore_sign.py"]),
        .testTarget(name: "AWSCoreTests", dependencies: ["AWSCore", "SigV4", "TestSupport",
                                                   .product(name: "InMemoryLogging", package: "swift-log")],
                    exclude: ["Errors/Fixtures"]),
        .testTarget(name: "AWSServicesTests", dependencies: ["AWSServices", "AWSCore", "TestSupport"]),
        .testTarget(name: "FileCounterTests", dependencies: ["FileCounter", "TestSupport"]),
        .testTarget(name: "ScalingTests", dependencies: ["Scaling", "ScalingTestSupport", "TestSupport", "FileCounter"]),
        // The reconciler through the ScalingAWS adapters against moto, built as the binary builds it (`AWSPorts`).
        .testTarget(name: "ScalingAWSTests", dependencies: ["Scaling", "ScalingTestSupport", "ScalingAWS", "AWSCore", "AWSServices", "TestSupport"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"]),
        .testTarget(name: "LambdaRuntimeTests", dependencies: ["LambdaRuntime", "TestSupport"]),
        .testTarget(name: "WorkerRuntimeTests", dependencies: [
            "WorkerRuntime", "LambdaRuntime", .product(name: "InMemoryLogging", package: "swift-log"),
        ]),
        .testTarget(name: "EFSAutoscalerCLITests", dependencies: ["EFSAutoscalerCLI", "Scaling", "AWSCore", "AWSServices", "TestSupport"]),
        .testTarget(name: "BadInputTests",
                    dependencies: ["EFSAutoscalerCLI", "AWSServices", "AWSCore", "Scaling", "LambdaRuntime", "TestSupport"],
                    exclude: ["Corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
