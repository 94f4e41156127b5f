// Module Scaling: see Package.swift.
