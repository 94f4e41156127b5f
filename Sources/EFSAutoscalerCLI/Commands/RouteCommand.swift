import ArgumentParser
import Routing
import Scaling
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `efs-autoscaler route PATH`: which published mount target a host should use for a path.
struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Map a path to one of the published mount targets (rendezvous hashing).",
        discussion: """
        For hosts that mount EFS by IP (EC2, not Fargate). The same path always maps to the same \
        mount target; adding or removing a mount target moves only its share of paths. With an \
        availability zone, the choice is made among that zone's mount targets when it has any.

        Environment:
          SSM_PARAMETER_NAME     the published list (when --list is not given)
          AWS_AVAILABILITY_ZONE  the caller's zone (when --az is not given)
          AWS_REGION, AWS_ENDPOINT_URL_SSM, credentials: to read SSM
        \(LoggingBootstrap.environmentHelp)
        """
    )

    @Argument(help: "The path to route, hashed byte for byte.")
    var path: String

    @Option(name: .long, help: ArgumentHelp("Read the list document from FILE ('-' for standard input) instead of SSM.", valueName: "file"))
    var list: String?

    @Option(name: .long, help: ArgumentHelp("Prefer mount targets in this availability zone.", valueName: "zone"))
    var az: String?

    @OptionGroup var output: OutputOptions

    struct Result: Encodable {
        let path: String
        let mountTarget: RouteTarget
        let preferredAvailabilityZone: String?
        let preferenceApplied: Bool
        /// Where the path goes if the chosen target is unreachable, best first.
        let fallbacks: [String]

        enum CodingKeys: String, CodingKey {
            case path, fallbacks
            case mountTarget = "mount_target"
            case preferredAvailabilityZone = "preferred_availability_zone"
            case preferenceApplied = "preference_applied"
        }

        /// `preferred_availability_zone` is always present, `null` when none was given.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(mountTarget, forKey: .mountTarget)
            try container.encode(preferredAvailabilityZone, forKey: .preferredAvailabilityZone)
            try container.encode(preferenceApplied, forKey: .preferenceApplied)
            try container.encode(fallbacks, forKey: .fallbacks)
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // The same reader and rules as every face; SSM_PARAMETER_NAME only when it is read.
        let routing: (logging: LoggingSettings, listParameterName: String?)
        do throws(ConfigurationError) {
            routing = try Settings.parseRouting(environment, readingListParameter: list == nil)
        } catch {
            throw CommandFailure(error)
        }
        _ = LoggingBootstrap.bootstrap(routing.logging)
        let source: any MountTargetListSource
        if let list {
            source = FileMountTargetListSource(path: list)
        } else if let parameter = routing.listParameterName {
            source = try makeSSMMountTargetListSource(parameterName: parameter, environment: environment)
        } else {
            throw CommandFailure("no mount-target list: pass --list FILE (or - for standard input) or set SSM_PARAMETER_NAME")
        }
        let router = try RendezvousRouter(targets: try MountTargetList.parse(try await source.fetch(), source: source.name))
        let zone = (az ?? environment["AWS_AVAILABILITY_ZONE"]).flatMap { $0.isEmpty ? nil : $0 }
        let ranked = router.ranked(path, preferringAvailabilityZone: zone)
        let result = Result(path: path, mountTarget: ranked[0], preferredAvailabilityZone: zone,
                            preferenceApplied: zone.map(router.hasTargets(inAvailabilityZone:)) ?? false,
                            fallbacks: ranked.dropFirst().map(\.mountTargetId))
        if output.usesJSON {
            try output.printJSON(result)
        } else {
            let target = result.mountTarget
            print("\(path) → \(target.mountTargetId) at \(target.ipAddress) (\(target.availabilityZone), \(target.subnetId))")
            if let zone, !result.preferenceApplied {
                print("note: no mount target in \(zone); chose among all availability zones")
            }
        }
    }
}
