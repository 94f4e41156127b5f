import Foundation
import Testing
@testable import Scaling

@Suite struct MountTargetListTests {
    let name = "/efs/mount-targets"
    let entries = [
        MountTargetList.Entry(mountTargetId: "fsmt-0c", ipAddress: "10.0.3.10", availabilityZone: "ap-northeast-1d", subnetId: "subnet-0c"),
        MountTargetList.Entry(mountTargetId: "fsmt-0a", ipAddress: "10.0.1.10", availabilityZone: "ap-northeast-1a", subnetId: "subnet-0a"),
    ]

    @Test func writesTheOriginalFormatInADeterministicOrder() throws {
        let text = try MountTargetList(entries).encode(parameter: name)
        #expect(text == #"{"mount_targets":[{"mount_target_id":"fsmt-0a","ip_address":"10.0.1.10","availability_zone":"ap-northeast-1a","subnet_id":"subnet-0a"},{"mount_target_id":"fsmt-0c","ip_address":"10.0.3.10","availability_zone":"ap-northeast-1d","subnet_id":"subnet-0c"}]}"#)
        #expect(try MountTargetList(entries.reversed()).encode(parameter: name) == text)
    }

    // Ported from the original suite: the list survives a JSON round trip, also through Python-style JSON.
    @Test func roundTrips() throws {
        let list = MountTargetList(entries)
        #expect(try MountTargetList.decode(try list.encode(parameter: name), parameter: name) == list)
        let pythonStyle = #"{"mount_targets": [{"mount_target_id": "fsmt-0c", "ip_address": "10.0.3.10", "availability_zone": "ap-northeast-1d", "subnet_id": "subnet-0c"}, {"mount_target_id": "fsmt-0a", "ip_address": "10.0.1.10", "availability_zone": "ap-northeast-1a", "subnet_id": "subnet-0a"}]}"#
        #expect(try MountTargetList.decode(pythonStyle, parameter: name) == list)
        #expect(try MountTargetList.decode(#"{"mount_targets":[]}"#, parameter: name).entries.isEmpty)
    }

    @Test func toleratesExtraFields() throws {
        let text = #"{"mount_targets":[{"mount_target_id":"fsmt-0a","ip_address":"10.0.1.10","availability_zone":"ap-northeast-1a","subnet_id":"subnet-0a","az_id":"apne1-az4"}],"updated":"x"}"#
        #expect(try MountTargetList.decode(text, parameter: name).entries == [entries[1]])
    }

    static let malformed: [(String, DocumentError.Kind)] = [
        ("not json", .notJSON),
        ("", .notJSON),
        ("[]", .wrongShape),
        (#"{"targets":[]}"#, .wrongShape),
        (#"{"mount_targets":{}}"#, .wrongShape),
        (#"{"mount_targets":[{"mount_target_id":"fsmt-1"}]}"#, .wrongShape),
        (#"{"mount_targets":[{"mount_target_id":1,"ip_address":"a","availability_zone":"b","subnet_id":"c"}]}"#, .wrongShape),
        (#"{"mount_targets":[{"mount_target_id":"fsmt-1","ip_address":null,"availability_zone":"b","subnet_id":"c"}]}"#, .wrongShape),
        (#"{"mount_targets":[{"mount_target_id":"fsmt-1","ip_address":"a","availability_zone":"b","subnet_id":"c"},{"mount_target_id":"fsmt-1","ip_address":"a","availability_zone":"b","subnet_id":"c"}]}"#, .wrongShape),
        (#"{"mount_targets":["#, .notJSON),
        (String(repeating: " ", count: 4097), .tooLarge),
    ]

    @Test(arguments: malformed)
    func malformedDocumentsNameTheParameter(_ text: String, _ kind: DocumentError.Kind) {
        #expect {
            _ = try MountTargetList.decode(text, parameter: name)
        } throws: { error in
            guard let error = error as? DocumentError else { return false }
            return error.kind == kind && error.parameter == name && error.description.contains(name)
        }
    }

    @Test func refusesToWriteMoreThanFourKilobytes() {
        let many = (0..<60).map {
            MountTargetList.Entry(mountTargetId: "fsmt-\($0)", ipAddress: "10.0.0.\($0)", availabilityZone: "az-\($0)", subnetId: "subnet-\($0)")
        }
        #expect(throws: DocumentError.self) { try MountTargetList(many).encode(parameter: name) }
    }
    @Test func anIPv6AddressIsOneExtraFieldAfterTheOriginalFour() throws {
        let dual = MountTargetList.Entry(mountTargetId: "fsmt-0b", ipAddress: "10.0.2.10", availabilityZone: "ap-northeast-1c",
                                         subnetId: "subnet-0b", ipv6Address: "2001:db8::b")
        let text = try MountTargetList(entries + [dual]).encode(parameter: name)
        #expect(text == #"{"mount_targets":[{"mount_target_id":"fsmt-0a","ip_address":"10.0.1.10","availability_zone":"ap-northeast-1a","subnet_id":"subnet-0a"},{"mount_target_id":"fsmt-0b","ip_address":"10.0.2.10","availability_zone":"ap-northeast-1c","subnet_id":"subnet-0b","ipv6_address":"2001:db8::b"},{"mount_target_id":"fsmt-0c","ip_address":"10.0.3.10","availability_zone":"ap-northeast-1d","subnet_id":"subnet-0c"}]}"#)
        #expect(try MountTargetList.decode(text, parameter: name) == MountTargetList(entries + [dual]))
    }

    @Test func anIPv6OnlyMountTargetPublishesItsIPv6AddressAsTheAddress() throws {
        let target = MountTarget(id: "fsmt-6", availabilityZoneName: "ap-northeast-1a", subnetId: "subnet-6", ipAddress: nil,
                                 lifeCycleState: .available, ipv6Address: "2001:db8::6")
        let text = try MountTargetList(mountTargets: [target]).encode(parameter: name)
        #expect(text == #"{"mount_targets":[{"mount_target_id":"fsmt-6","ip_address":"2001:db8::6","availability_zone":"ap-northeast-1a","subnet_id":"subnet-6","ipv6_address":"2001:db8::6"}]}"#)
    }
}
