// Module Routing: see Package.swift.
