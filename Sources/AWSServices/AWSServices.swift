// Module AWSServices: see Package.swift.
