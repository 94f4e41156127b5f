// Module LambdaRuntime: see Package.swift.
