// Module FileCounter: see Package.swift.
