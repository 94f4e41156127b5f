// Module ScalingAWS: see Package.swift.
