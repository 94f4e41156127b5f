/// The AZ-level view of an observation the planner reasons about: which AZ is occupied, served,
/// free, and which subnet a new mount target would go to.
struct Topology {
    /// The mount target holding each AZ (any state but `deleted`).
    let occupant: [String: MountTarget]
    /// The chosen subnet of each eligible AZ that can take a mount target.
    let eligibleSubnet: [String: Subnet]
    /// AZ of every subnet the observation mentions.
    let azOfSubnet: [String: String]
    let serviceAZs: Set<String>

    init(_ observation: Observation, ipAddressType: MountTargetIPAddressType = .ipv4Only) {
        var occupant: [String: MountTarget] = [:]
        for target in observation.mountTargets.sorted(by: { $0.id < $1.id }) where target.occupiesAvailabilityZone {
            if occupant[target.availabilityZoneName] == nil { occupant[target.availabilityZoneName] = target }
        }
        self.occupant = occupant
        var chosen: [String: Subnet] = [:]
        for subnet in observation.eligibleSubnets.sorted(by: { $0.id < $1.id }) where ipAddressType.fits(subnet) {
            if chosen[subnet.availabilityZoneName] == nil { chosen[subnet.availabilityZoneName] = subnet }
        }
        eligibleSubnet = chosen
        var azOfSubnet: [String: String] = [:]
        for subnet in observation.eligibleSubnets + observation.otherSubnets {
            azOfSubnet[subnet.id] = subnet.availabilityZoneName
        }
        for target in observation.mountTargets where azOfSubnet[target.subnetId] == nil {
            azOfSubnet[target.subnetId] = target.availabilityZoneName
        }
        self.azOfSubnet = azOfSubnet
        serviceAZs = Set((observation.service?.subnets ?? []).compactMap { azOfSubnet[$0] })
    }

    /// Eligible AZs with no mount target, in the order a scale-out takes them: AZs the service
    /// already runs in first (its tasks there cannot start without one), then by AZ name.
    var freeAZs: [String] {
        eligibleSubnet.keys.filter { occupant[$0] == nil }.sorted { lhs, rhs in
            let lhsService = serviceAZs.contains(lhs), rhsService = serviceAZs.contains(rhs)
            return lhsService != rhsService ? lhsService : lhs < rhs
        }
    }

    /// AZs (eligible or not) with an `available` mount target, excluding `draining`.
    func servedAZs(excluding draining: String?) -> Set<String> {
        Set(occupant.values.filter { $0.lifeCycleState == .available && $0.id != draining }.map(\.availabilityZoneName))
    }

    /// The mount targets clients may use: `available`, with an address, not being drained.
    func publishable(excluding draining: String?) -> MountTargetList {
        MountTargetList(mountTargets: occupant.values.filter {
            $0.lifeCycleState == .available && $0.id != draining && ($0.ipAddress ?? $0.ipv6Address) != nil
        })
    }
}

extension Observation {
    /// A One Zone file system takes its mount target only in its own AZ (EFS answers
    /// `AvailabilityZonesMismatch` elsewhere): the other eligible subnets move to `otherSubnets`,
    /// where they still place the service's subnets in AZs but never take a mount target.
    func placingInFileSystemZone() -> Observation {
        guard let zone = fileSystem?.availabilityZoneName else { return self }
        var copy = self
        copy.eligibleSubnets = eligibleSubnets.filter { $0.availabilityZoneName == zone }
        copy.otherSubnets = otherSubnets + eligibleSubnets.filter { $0.availabilityZoneName != zone }
        return copy
    }
}
